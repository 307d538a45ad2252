package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRecordTest {
    CallRecord.Builder valid() {
        return CallRecord.builder().callId("c").startedAt(Instant.EPOCH).endedAt(Instant.EPOCH).requestModel("m")
                .outcome(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void errorType_requiredWhenDenied() {
        assertThatThrownBy(() -> valid().outcome(CallRecord.Outcome.DENIED).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record.errorType must be set when outcome is DENIED");
    }

    @Test
    void endedAt_beforeStart() {
        assertThatThrownBy(() -> valid().endedAt(Instant.EPOCH.minusSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("record.endedAt must not be before startedAt");
    }

    @Test
    void findingScoreOutOfRange() {
        assertThatThrownBy(() -> new Finding("EMAIL_ADDRESS", 0, 3, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("finding.score must be in [0, 1], but was 1.5");
    }

    @Test
    void usageNegative() {
        assertThatThrownBy(() -> Usage.of(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage.inputTokens must be >= 0, but was -1");
    }

    @Test
    void chunkIntervalsAreEmptyByDefaultAndCopied() {
        List<Duration> given = new ArrayList<>(List.of(Duration.ofMillis(20), Duration.ofMillis(35)));
        CallRecord r = valid().chunkIntervals(given).build();
        given.clear();

        assertThat(valid().build().chunkIntervals()).isEmpty();
        assertThat(r.chunkIntervals()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(35));
    }

    @Test
    void chunkIntervals_negativeOrNull() {
        assertThatThrownBy(() -> valid().chunkIntervals(List.of(Duration.ZERO, Duration.ofMillis(-1))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record.chunkIntervals[1] must not be negative, but was PT-0.001S");
        assertThatThrownBy(() -> valid().chunkIntervals(Arrays.asList(Duration.ZERO, null)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("record.chunkIntervals[1] must not be null");
        assertThatThrownBy(() -> valid().chunkIntervals(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("record.chunkIntervals");
    }
}
