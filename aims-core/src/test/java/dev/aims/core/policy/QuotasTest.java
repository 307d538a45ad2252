package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotasTest {
    static final Instant AT = Instant.parse("2025-06-15T10:00:00.123456789Z");

    @Test
    void estimatesEveryMessagesTextPlusTheOutput() {
        AiRequest request = AiRequest.builder().model("m").message(Message.system("12345678"))
                .message(Message.user("123456789")).build();

        assertThat(Quotas.estimate(request, 256)).isEqualTo((request.textLength() + 3) / 4 + 256).isEqualTo(261);
        assertThat(Quotas.estimate(AiRequest.builder().model("m").message(Message.user("1234")).maxTokens(10)
                .build(), 256)).isEqualTo(11);
    }

    @Test
    void readsTheReservationTimeReusingTheLatestOfTheSameMillisecond() {
        PolicyDecision d = PolicyDecision.builder().policy("b", "1").stage(PolicyStage.PRE)
                .effect(PolicyDecision.Effect.ALLOW).reasonCode("within_budget")
                .obligations(Quotas.reservation(300, AT, false)).build();

        assertThat(Quotas.reservedAt(d, AT)).isSameAs(AT);
        assertThat(Quotas.reservedAt(d, null)).isEqualTo(Instant.parse("2025-06-15T10:00:00.123Z"));
        assertThat(Quotas.reservedAt(d, AT.plusMillis(1))).isEqualTo(Instant.parse("2025-06-15T10:00:00.123Z"));
        assertThat(Quotas.reservedAt(null, AT)).isNull();
        assertThat(Quotas.reserved(d)).isEqualTo(300);
        assertThat(Quotas.degraded(d)).isFalse();
    }
}
