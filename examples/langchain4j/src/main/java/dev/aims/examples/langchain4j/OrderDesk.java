package dev.aims.examples.langchain4j;

// snippet-start langchain4j
import dev.aims.api.CallContext;
import dev.aims.evidence.EvidenceLog;
import dev.aims.langchain4j.AimsLangChain4j;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
// snippet-end langchain4j
import java.io.IOException;
// snippet-start langchain4j
import java.nio.file.Path;

// snippet-end langchain4j
/**
 * The LangChain4j quick start of the README, as an application: an {@code AiServices} assistant with a tool, over
 * LangChain4j's own OpenAI model wrapped by {@code AimsLangChain4j.govern}, under the example policy
 * ({@code aims-policy.json} in the working directory), every round-trip in a signed evidence log.
 *
 * <pre>
 * java dev.aims.examples.langchain4j.OrderDesk [BASE_URL]  # default https://api.openai.com/v1, key: OPENAI_API_KEY
 * </pre>
 */
public final class OrderDesk {
    private OrderDesk() {
    }

    /**
     * Asks the assistant about an order; the model calls the tool, then answers.
     *
     * @param baseUrl the OpenAI-compatible endpoint's base URL
     * @param key     its API key
     * @param tools   the tools the assistant may call
     * @return the answer
     * @throws IOException if the evidence log cannot be opened
     */
    public static String ask(String baseUrl, String key, OrderTools tools) throws IOException {
        // snippet-start langchain4j
        String answer;
        try (EvidenceLog evidence = EvidenceLog.builder().directory(Path.of("evidence"))
                .signingKey(Path.of("evidence-signing.key")).build()) {   // outside the log; made if missing
            ChatModel model = AimsLangChain4j.govern(OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(key)
                            .modelName("gpt-4o-mini").build(),
                    aims -> aims.policyFile(Path.of("aims-policy.json")).observer(evidence)); // redaction on by default

            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(tools).build();
            try (CallContext.Scope s = CallContext.bind(CallContext.builder().principal("u-42").systemId("support-bot")
                    .purpose("order-tracking").build())) {
                answer = assistant.chat("Where is my order? I'm jane.doe@example.com"); // as <EMAIL_ADDRESS_1>
            }
        }
        // snippet-end langchain4j
        return answer;
    }

    /**
     * @param args the OpenAI-compatible endpoint's base URL, optionally
     * @throws IOException if the evidence log cannot be opened
     */
    public static void main(String[] args) throws IOException {
        String baseUrl = args.length > 0 ? args[0] : "https://api.openai.com/v1";
        System.out.println(ask(baseUrl, System.getenv().getOrDefault("OPENAI_API_KEY", "none"), new OrderTools()));
    }
}
