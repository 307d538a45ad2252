package dev.aims.evidence;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Call records and file helpers shared by the evidence tests. */
final class TestRecords {
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    private TestRecords() {
    }

    /** An allowed call of system support-bot, principal user-(i mod 3), with one finding type. */
    static CallRecord allowed(int i) {
        return base(i).outcome(CallRecord.Outcome.ALLOWED)
                .decision(decision("model-allow-list", PolicyDecision.Effect.ALLOW, "allowed"))
                .findingCounts(Map.of("EMAIL_ADDRESS", 1))
                .usage(Usage.of(100, 20))
                .responseModel("gpt-4o-mini-2024-07-18")
                .finishReasons(List.of(FinishReason.STOP))
                .build();
    }

    static CallRecord.Builder base(int i) {
        return CallRecord.builder()
                .callId("call-" + i)
                .startedAt(T0.plusMillis(i * 10L))
                .endedAt(T0.plusMillis(i * 10L + 7))
                .context(CallContext.builder().principal("user-" + (i % 3)).tenant("emea")
                        .systemId("support-bot").purpose("customer-support").sessionId("s-" + (i / 10)).build())
                .provider("openai")
                .requestModel("gpt-4o-mini")
                .server("api.openai.com", 443)
                .policySetHash("ab".repeat(32))
                .digests("sha-256", hex(i, 'a'), hex(i, 'b'));
    }

    static PolicyDecision decision(String policy, PolicyDecision.Effect effect, String reason) {
        return PolicyDecision.builder().policy(policy, "1").stage(PolicyStage.PRE).effect(effect)
                .reasonCode(reason).message("").build();
    }

    /** A 64-hex digest that differs per call. */
    static String hex(int i, char fill) {
        String n = Integer.toHexString(i);
        return String.valueOf(fill).repeat(64 - n.length()) + n;
    }

    /** A record carrying the given text as its request and response content, as the pipeline would hand it over. */
    static CallRecord withContent(int i, String text) {
        return base(i).outcome(CallRecord.Outcome.ALLOWED)
                .sentRequest(AiRequest.of("gpt-4o-mini", text))
                .receivedResponse(AiResponse.of("You wrote: " + text))
                .decision(PolicyDecision.builder().policy("pii", "1").stage(PolicyStage.PRE_SEND)
                        .effect(PolicyDecision.Effect.ALLOW).reasonCode("allowed").message("").build())
                .build();
    }

    static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> evidenceFiles(Path dir) {
        try {
            return LogDirectory.evidenceFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte of every file under the directory, as ISO-8859-1 text, for searching. */
    static String everything(Path dir) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
