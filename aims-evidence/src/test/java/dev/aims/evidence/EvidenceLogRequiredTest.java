package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aims.api.AiGovernanceException;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ObservedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A required log reserves room when a call begins and refuses the call before it is made when it has none. */
class EvidenceLogRequiredTest {
    @TempDir
    Path dir;

    @Test
    void aRequiredLogRefusesACallItHasNoRoomForWhenTheCallBegins() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(1).failWhenFull().required()
                .build()) {
            ObservedCall first = log.start(start(1));
            assertThatThrownBy(() -> log.start(start(2))).isInstanceOf(AiGovernanceException.class)
                    .hasMessageContaining("the queue is full (capacity 1)");
            assertThat(log.stats().refused()).isEqualTo(1);
            first.end(TestRecords.allowed(1));
            log.flush();
            // The refused call's record still arrives, through onCall, and there is room for it now.
            log.onCall(TestRecords.base(2).outcome(CallRecord.Outcome.ERROR)
                    .errorType(AiGovernanceException.class.getName()).build());
        }
        List<JsonNode> calls = EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "call");
        assertThat(calls).extracting(c -> c.get("call").get("id").asText()).containsExactly("call-1", "call-2");
        assertThat(EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "open").get(0).get("open").get("required")
                .asBoolean()).isTrue();
    }

    @Test
    void aReservationIsHeldUntilTheCallEndsAndThenFreed() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(1).failWhenFull().required()
                .build()) {
            for (int i = 0; i < 5; i++) {
                ObservedCall call = log.start(start(i));
                call.end(TestRecords.allowed(i));
                log.flush();
            }
            assertThat(log.stats().refused()).isZero();
        }
        assertThat(EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "call")).hasSize(5);
    }

    @Test
    void aReservationCannotBeFilledTwice() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).required().build()) {
            ObservedCall call = log.start(start(1));
            call.end(TestRecords.allowed(1));
            assertThatThrownBy(() -> call.end(TestRecords.allowed(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessage("call call-1 ended twice");
        }
    }

    @Test
    void aLogThatIsNotRequiredReservesNothingAndTakesTheRecordAtTheEnd() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(1).failWhenFull().build()) {
            ObservedCall a = log.start(start(1));
            ObservedCall b = log.start(start(2));
            a.end(TestRecords.allowed(1));
            log.flush();
            b.end(TestRecords.allowed(2));
        }
        assertThat(EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "call")).hasSize(2);
    }

    @Test
    void aRequiredLogRefusesCallsOnceClosedOrOnceWritingHasFailed() throws IOException {
        EvidenceLog closed = EvidenceLog.builder().directory(dir).required().build();
        ObservedCall running = closed.start(start(1));
        closed.close();
        assertThatThrownBy(() -> closed.start(start(2))).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("the evidence log is closed");
        assertThatThrownBy(() -> running.end(TestRecords.allowed(1))).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("closed while the call ran");

        EvidenceLogTest.GateClock gate = new EvidenceLogTest.GateClock();
        EvidenceLog failing = EvidenceLog.builder().directory(dir.resolve("failing")).required().rotateDaily()
                .clock(gate).build();
        gate.failing();
        failing.onCall(TestRecords.allowed(1));
        EvidenceLogTest.await(() -> {
            try {
                failing.start(start(2)).end(TestRecords.allowed(2));
                return false;
            } catch (AiGovernanceException e) {
                return e.getMessage().contains("failed");
            }
        }, "start to refuse");
        assertThatThrownBy(failing::close).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsPseudonymsOfPrincipalsWhenConfiguredAndStillCountsThemApart() throws IOException {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).pseudonymousPrincipals(key).build()) {
            for (int i = 0; i < 6; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
        List<JsonNode> entries = EvidenceLogTest.entries(dir);
        assertThat(entries.toString()).doesNotContain("user-0").doesNotContain("user-1");
        assertThat(EvidenceLogTest.ofType(entries, "open").get(0).get("open").get("principals").asText())
                .isEqualTo("pseudonymous");
        EvidenceUsage usage = EvidenceUsage.scan(dir);
        assertThat(usage.systems().get(0).distinctPrincipals()).isEqualTo(3);
        assertThat(usage.systems().get(0).callsWithoutPrincipal()).isZero();
    }

    @Test
    void builderRefusesAShortPseudonymKeyAndSecondSettings() {
        EvidenceLog.Builder b = EvidenceLog.builder().required().pseudonymousPrincipals(new byte[16]);
        assertThatThrownBy(() -> EvidenceLog.builder().pseudonymousPrincipals(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonymousPrincipals key must be at least 16 bytes, but was 15");
        assertThatThrownBy(b::required).isInstanceOf(IllegalStateException.class)
                .hasMessage("required was already set to true");
        assertThatThrownBy(() -> b.pseudonymousPrincipals(new byte[16])).isInstanceOf(IllegalStateException.class)
                .hasMessage("pseudonymousPrincipals was already set to a key");
    }

    private static CallStart start(int i) {
        return CallStart.builder().callId("call-" + i).startedAt(TestRecords.T0).requestModel("gpt-4o-mini")
                .provider("openai").context(CallContext.EMPTY).build();
    }
}
