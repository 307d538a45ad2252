package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.ModelClient;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Role;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InputLimitsTest {
    final AtomicInteger providerCalls = new AtomicInteger();
    final ModelClient provider = r -> {
        providerCalls.incrementAndGet();
        return AiResponse.of("fine");
    };
    final RecordingObserver observer = new RecordingObserver();

    static AiRequest withImage() {
        return AiRequest.builder().model("m").message(Message.builder(Role.USER).text("what is in this picture?")
                .uninspectedParts(1).build()).build();
    }

    @Test
    void aRequestOverTheSizeLimitIsDeniedBeforeAnythingScansIt() {
        GovernedClient client = GovernedClient.builder().delegate(provider).maxInputChars(100).observer(observer)
                .build();
        AiRequest big = AiRequest.builder().model("m").message(Message.user("x".repeat(60)))
                .stopSequences(List.of("y".repeat(41))).build();

        assertThatThrownBy(() -> client.call(big, CallContext.EMPTY)).isInstanceOf(AiPolicyViolationException.class)
                .hasMessageContaining("aims.input-size").hasMessageContaining("101 characters")
                .hasMessageContaining("limit is 100");
        assertThat(providerCalls).hasValue(0);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
        assertThat(observer.only().decisions()).singleElement()
                .satisfies(d -> assertThat(d.reasonCode()).isEqualTo("input_too_large"));
    }

    @Test
    void aRequestAtTheLimitPassesAndOrdinaryCallsRecordNoDecisionOfTheLimits() {
        GovernedClient client = GovernedClient.builder().delegate(provider).maxInputChars(5).observer(observer)
                .build();

        client.call(AiRequest.of("m", "12345"), CallContext.EMPTY);

        assertThat(providerCalls).hasValue(1);
        assertThat(observer.only().decisions()).isEmpty();
    }

    @Test
    void contentThatCannotBeInspectedIsRefusedByDefault() {
        GovernedClient client = GovernedClient.builder().delegate(provider).observer(observer).build();

        assertThatThrownBy(() -> client.call(withImage(), CallContext.EMPTY))
                .isInstanceOf(AiPolicyViolationException.class).hasMessageContaining("aims.uninspected-content");
        assertThat(providerCalls).hasValue(0);
        assertThat(observer.only().uninspectedParts()).isEqualTo(1);
        assertThat(observer.only().decisions()).singleElement()
                .satisfies(d -> assertThat(d.reasonCode()).isEqualTo("uninspected_content"));
    }

    @Test
    void allowingUninspectedContentIsExplicitAndRecordedOnEachSuchCall() {
        GovernedClient client = GovernedClient.builder().delegate(provider).observer(observer)
                .uninspectedContent(UninspectedContent.ALLOW).build();

        client.call(withImage(), CallContext.EMPTY);

        assertThat(providerCalls).hasValue(1);
        PolicyDecision d = observer.only().decisions().get(0);
        assertThat(d.policyId()).isEqualTo("aims.uninspected-content");
        assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
        assertThat(d.reasonCode()).isEqualTo("uninspected_content_allowed");
    }

    @Test
    void maxInputChars_notPositive() {
        assertThatThrownBy(() -> GovernedClient.builder().maxInputChars(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxInputChars must be > 0, but was 0");
    }

    @Test
    void maxInputChars_twice() {
        assertThatThrownBy(() -> GovernedClient.builder().maxInputChars(10).maxInputChars(10))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxInputChars was already set");
    }

    @Test
    void uninspectedContent_twice() {
        assertThatThrownBy(() -> GovernedClient.builder().uninspectedContent(UninspectedContent.ALLOW)
                .uninspectedContent(UninspectedContent.DENY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("uninspectedContent was already set");
    }

    @Test
    void streamIdleTimeout_notPositive() {
        assertThatThrownBy(() -> GovernedClient.builder().streamIdleTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamIdleTimeout must be positive, but was PT0S");
    }

    @Test
    void restoreIntoTools_blank() {
        assertThatThrownBy(() -> GovernedClient.builder().restoreIntoTools("lookup", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("restoreIntoTools names must not be blank");
    }
}
