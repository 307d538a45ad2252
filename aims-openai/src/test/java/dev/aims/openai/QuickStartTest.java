package dev.aims.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallContext;
import dev.aims.testkit.LoopbackOpenAiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's quick start, as written there, under the example policy, against the loopback server. */
class QuickStartTest {
    @Test
    void theReadmeQuickStartSendsAPlaceholderUnderTheExamplePolicy() throws Exception {
        try (LoopbackOpenAiServer server = new LoopbackOpenAiServer(8);
                AimsOpenAi aims = AimsOpenAi.builder(config -> config
                        .policyFile(Path.of("..", "examples", "aims-policy.json"))).build()) {
            OpenAIClient client = aims.wrap(OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key")
                    .build());

            ChatCompletion answer;
            try (CallContext.Scope s = CallContext.bind(CallContext.builder().principal("u-42")
                    .systemId("support-bot").purpose("customer-support").build())) {
                answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini").addUserMessage("I'm jane.doe@example.com").build());
                assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("o1-preview").addUserMessage("Hi").build()))
                        .isInstanceOf(AiPolicyViolationException.class);
            }

            assertThat(server.allBodies()).contains("<EMAIL_ADDRESS_1>").doesNotContain("jane.doe@example.com");
            assertThat(answer.choices().get(0).message().content()).isPresent();
            assertThat(server.bodies()).hasSize(1);
        }
    }
}
