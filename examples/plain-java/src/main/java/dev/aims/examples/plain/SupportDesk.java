package dev.aims.examples.plain;

// snippet-start any-client
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallContext;
import dev.aims.api.ModelClient;
import dev.aims.core.GovernedClient;
import dev.aims.evidence.EvidenceLog;
// snippet-end any-client
import java.io.IOException;
// snippet-start any-client
import java.nio.file.Path;

// snippet-end any-client
/**
 * The quick start of the README, as an application: one support question answered through any model client,
 * governed by the example policy ({@code aims-policy.json} in the working directory), with every call in a signed
 * evidence log ({@code evidence/}, its key in {@code evidence-signing.key} beside it).
 *
 * <pre>
 * java dev.aims.examples.plain.SupportDesk [BASE_URL]    # default https://api.openai.com/v1, key from OPENAI_API_KEY
 * </pre>
 */
public final class SupportDesk {
    private SupportDesk() {
    }

    /**
     * Asks one question, then tries a model the policy does not approve.
     *
     * @param args the OpenAI-compatible endpoint's base URL, optionally
     * @throws IOException if the evidence log cannot be opened
     */
    public static void main(String[] args) throws IOException {
        String baseUrl = args.length > 0 ? args[0] : "https://api.openai.com/v1";
        String apiKey = System.getenv().getOrDefault("OPENAI_API_KEY", "none");
        // snippet-start any-client
        ModelClient provider = new OpenAiChatClient(baseUrl, apiKey);   // any client, adapted to ModelClient

        try (EvidenceLog evidence = EvidenceLog.builder().directory(Path.of("evidence"))
                     .signingKey(Path.of("evidence-signing.key")).build();   // outside the log; made if missing
             GovernedClient ai = GovernedClient.builder()
                     .delegate(provider)
                     .provider("openai")
                     .policyFile(Path.of("aims-policy.json"))        // rules, loaded with the client's own redactor
                     .observer(evidence)                             // one entry per call: decisions, no text
                     .build()) {                                     // redaction is on; nothing else to configure
            CallContext ctx = CallContext.builder().principal("u-42").tenant("support").systemId("support-bot")
                    .purpose("customer-support").build();
            String answer = ai.call(AiRequest.of("gpt-4o-mini", "Where is my order? I'm jane.doe@example.com"), ctx)
                    .text();                                         // left as <EMAIL_ADDRESS_1>, comes back restored
            System.out.println(answer);
            try {
                ai.call(AiRequest.of("o1-preview", "Hi"), ctx);
            } catch (AiPolicyViolationException e) {                 // denied by policy 'models-approved' at PRE
                System.out.println(e.getMessage());
            }
        }
        // snippet-end any-client
    }
}
