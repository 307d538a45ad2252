package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.ModelAllowList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerRecordBetweenOpenAndClosingCheckpoint() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            for (int i = 0; i < 10; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
        List<JsonNode> entries = entries(dir);
        assertThat(entries).hasSize(12);
        assertThat(entries.get(0).get("type").asText()).isEqualTo("open");
        assertThat(entries.get(11).get("type").asText()).isEqualTo("checkpoint");
        assertThat(entries.get(11).get("checkpoint").get("reason").asText()).isEqualTo("close");
        assertThat(entries.get(11).get("checkpoint").get("count").asLong()).isEqualTo(11);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).get("seq").asLong()).isEqualTo(i + 1);
        }
        JsonNode call = entries.get(1).get("call");
        assertThat(call.get("id").asText()).isEqualTo("call-0");
        assertThat(call.get("provider").asText()).isEqualTo("openai");
        assertThat(call.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(call.get("context").get("principal").asText()).isEqualTo("user-0");
        assertThat(call.get("decisions").get(0).get("policy").asText()).isEqualTo("model-allow-list");
        assertThat(call.get("decisions").get(0).get("shadow").asBoolean()).isFalse();
        assertThat(call.get("findings").get("EMAIL_ADDRESS").asInt()).isEqualTo(1);
        assertThat(call.get("digest").get("request").asText()).isEqualTo(TestRecords.hex(0, 'a'));
        assertThat(call.get("outcome").asText()).isEqualTo("allowed");
        assertThat(entries.get(1).get("prev").asText()).isEqualTo(entries.get(0).get("hash").asText());
        assertThat(EvidenceVerifier.create().verify(dir).intact()).isTrue();
    }

    @Test
    void writesNoContentOfTheCallOnlyItsDigests() throws IOException {
        String secret = "AKIAIOSFODNN7EXAMPLE-card-4111111111111111";
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            for (int i = 0; i < 20; i++) {
                log.onCall(TestRecords.withContent(i, "please keep " + secret + " safe"));
            }
        }
        String everything = TestRecords.everything(dir);
        assertThat(everything).contains("call-19").doesNotContain(secret).doesNotContain("4111111111111111")
                .doesNotContain("please keep").doesNotContain("You wrote");
    }

    @Test
    void checkpointsEveryNEntries() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).checkpointEvery(5).build()) {
            for (int i = 0; i < 12; i++) {
                log.onCall(TestRecords.allowed(i));
            }
            log.flush();
            assertThat(log.stats().checkpoints()).isEqualTo(2);
        }
        List<JsonNode> checkpoints = ofType(entries(dir), "checkpoint");
        // open + 4 calls = 5 entries, then 5 calls, then 3 calls and the close
        assertThat(checkpoints).extracting(c -> c.get("checkpoint").get("reason").asText())
                .containsExactly("count", "count", "close");
        assertThat(checkpoints).extracting(c -> c.get("seq").asLong()).containsExactly(6L, 12L, 16L);
    }

    @Test
    void checkpointsWhenTheIntervalPassesWithoutNewEntries() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).checkpointInterval(Duration.ofMillis(50))
                .build()) {
            log.onCall(TestRecords.allowed(1));
            await(() -> ofType(entries(dir), "checkpoint").size() == 1, "a time checkpoint");
            assertThat(ofType(entries(dir), "checkpoint").get(0).get("checkpoint").get("reason").asText())
                    .isEqualTo("time");
            // nothing new: no further checkpoint however long it waits
            sleep(200);
            assertThat(ofType(entries(dir), "checkpoint")).hasSize(1);
            assertThat(EvidenceVerifier.builder().allowUnsealed(true).build().verify(dir).intact()).isTrue();
        }
    }

    @Test
    void rotatesBySizeAndChainsEachFileToThePreviousOne() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).rotateAtBytes(4096).build()) {
            for (int i = 0; i < 100; i++) {
                log.onCall(TestRecords.allowed(i));
            }
        }
        List<Path> files = TestRecords.evidenceFiles(dir);
        assertThat(files).hasSizeGreaterThan(5);
        String lastHash = null;
        for (int f = 0; f < files.size(); f++) {
            List<JsonNode> entries = entries(List.of(files.get(f)));
            if (lastHash != null) {
                assertThat(entries.get(0).get("prev").asText()).isEqualTo(lastHash);
            }
            JsonNode last = entries.get(entries.size() - 1);
            assertThat(last.get("type").asText()).isEqualTo("checkpoint");
            assertThat(last.get("checkpoint").get("reason").asText())
                    .isEqualTo(f == files.size() - 1 ? "close" : "rotation");
            assertThat(Files.size(files.get(f))).isLessThan(4096 + 2048);
            lastHash = last.get("hash").asText();
        }
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.calls()).isEqualTo(100);
        assertThat(v.files()).isEqualTo(files.size());
    }

    @Test
    void rotatesWhenTheUtcDayChanges() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T23:59:00Z"));
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).rotateDaily().clock(clock).build()) {
            log.onCall(TestRecords.allowed(1));
            log.flush();
            clock.set(Instant.parse("2025-03-02T00:00:01Z"));
            log.onCall(TestRecords.allowed(2));
        }
        List<Path> files = TestRecords.evidenceFiles(dir);
        assertThat(files).hasSize(2);
        assertThat(entries(List.of(files.get(1)))).extracting(e -> e.get("type").asText())
                .containsExactly("call", "checkpoint");
        assertThat(EvidenceVerifier.create().verify(dir).intact()).isTrue();
    }

    @Test
    void reopensAndContinuesTheChain() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(1));
        }
        String instance;
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(2));
            instance = log.instanceId();
        }
        List<JsonNode> opens = ofType(entries(dir), "open");
        assertThat(opens).hasSize(2);
        assertThat(opens.get(1).get("open").get("previousSealed").asBoolean()).isTrue();
        assertThat(opens.get(1).get("open").get("instance").asText()).isEqualTo(instance);
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.opens()).isEqualTo(2);
        assertThat(v.instanceId()).contains(instance);
    }

    @Test
    void setsATornTailAsideAndContinuesFromTheLastWholeEntry() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(1));
        }
        Path file = TestRecords.evidenceFiles(dir).get(0);
        byte[] torn = "{\"call\":{\"id\":\"call-2\",\"startedAt\":\"2025-0".getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, StandardOpenOption.APPEND);
        assertThat(EvidenceVerifier.create().verify(dir).fault().orElseThrow().kind())
                .isEqualTo(Verification.Fault.Kind.TORN_TAIL);

        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(3));
        }
        Path aside = dir.resolve(file.getFileName() + ".torn-1");
        assertThat(aside).hasBinaryContent(torn);
        JsonNode open = ofType(entries(dir), "open").get(1).get("open");
        assertThat(open.get("previousSealed").asBoolean()).isTrue();
        assertThat(open.get("setAside").get(0).get("as").asText()).isEqualTo(aside.getFileName().toString());
        assertThat(open.get("setAside").get(0).get("bytes").asLong()).isEqualTo(torn.length);
        assertThat(open.get("setAside").get(0).get("sha256").asText())
                .isEqualTo(Chain.hex(Chain.sha256().digest(torn)));
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.calls()).isEqualTo(2);
    }

    @Test
    void survivesAProcessKilledMidWriteWithoutLosingAcknowledgedRecords() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), dir.toString()).redirectErrorStream(true).start();
        int acked = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("acked ")) {
                    acked = Integer.parseInt(line.substring(6));
                    if (acked >= 2_000) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acked).as("child output: %s", output).isGreaterThanOrEqualTo(2_000);

        Verification crashed = EvidenceVerifier.builder().allowUnsealed(true).build().verify(dir);
        assertThat(crashed.fault().map(Verification.Fault::kind).orElse(null))
                .as(crashed.summary()).isIn(null, Verification.Fault.Kind.TORN_TAIL);

        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            for (int i = 0; i < 5; i++) {
                log.onCall(TestRecords.allowed(1_000_000 + i));
            }
        }
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.opens()).isEqualTo(2);
        Set<String> ids = new HashSet<>();
        for (JsonNode e : ofType(entries(dir), "call")) {
            ids.add(e.get("call").get("id").asText());
        }
        for (int i = 0; i <= acked; i++) {
            assertThat(ids).as("acknowledged record %d", i).contains("call-" + i);
        }
        assertThat(ids).contains("call-1000004");
        assertThat(ofType(entries(dir), "open").get(1).get("open").get("previousSealed").asBoolean()).isFalse();
    }

    @Test
    void keepsEveryCallOfEightThreadsThroughAGovernedClient() throws Exception {
        int threads = 8;
        int perThread = 50_000;
        EvidenceLog log = EvidenceLog.builder().directory(dir).blockWhenFull(Duration.ofMinutes(2))
                .rotateAtBytes(32L << 20).build();
        AiResponse answer = AiResponse.builder().message(Message.assistant("fine")).usage(Usage.of(12, 3)).build();
        GovernedClient client = GovernedClient.builder().delegate(request -> answer).provider("openai")
                .policy(ModelAllowList.of("gpt-4o*")).observer(log).build();
        AiRequest request = AiRequest.of("gpt-4o-mini", "What are the opening hours?");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                CallContext ctx = CallContext.builder().principal("user-" + t).systemId("load").build();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        client.call(request, ctx);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        log.close();
        assertThat(log.stats().written()).isEqualTo(400_000);
        assertThat(log.stats().refused()).isZero();
        assertThat(log.stats().lost()).isZero();
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.calls()).isEqualTo(400_000);
        assertThat(v.checkpoints()).isEqualTo(log.stats().checkpoints());
        assertThat(v.entries()).isEqualTo(400_000 + v.checkpoints() + 1);
    }

    @Test
    void failWhenFullRefusesTheCallAndCountsIt() throws IOException {
        GateClock gate = new GateClock();
        EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(2).failWhenFull().rotateDaily()
                .clock(gate).build();
        gate.arm();
        log.onCall(TestRecords.allowed(1));
        gate.awaitWriterStuck();
        log.onCall(TestRecords.allowed(2));
        log.onCall(TestRecords.allowed(3));
        assertThatThrownBy(() -> log.onCall(TestRecords.allowed(4)))
                .isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("call-4").hasMessageContaining("evidence log")
                .hasMessageContaining("queue is full (capacity 2)");
        assertThat(log.stats().refused()).isEqualTo(1);
        assertThat(log.stats().blocked()).isZero();
        gate.release();
        log.close();
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.calls()).isEqualTo(3);
        assertThat(v.refusedRecords()).isEqualTo(1);
    }

    @Test
    void blockWhenFullWaitsThenRefusesAfterTheTimeout() throws IOException {
        GateClock gate = new GateClock();
        EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(1)
                .blockWhenFull(Duration.ofMillis(100)).rotateDaily().clock(gate).build();
        gate.arm();
        log.onCall(TestRecords.allowed(1));
        gate.awaitWriterStuck();
        log.onCall(TestRecords.allowed(2));
        assertThatThrownBy(() -> log.onCall(TestRecords.allowed(3)))
                .isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("queue stayed full for PT0.1S");
        assertThat(log.stats().blocked()).isEqualTo(1);
        assertThat(log.stats().refused()).isEqualTo(1);
        gate.release();
        log.close();
        assertThat(EvidenceVerifier.create().verify(dir).refusedRecords()).isEqualTo(1);
        JsonNode close = ofType(entries(dir), "checkpoint").get(0).get("checkpoint");
        assertThat(close.get("refused").asLong()).isEqualTo(1);
        assertThat(close.get("blocked").asLong()).isEqualTo(1);
    }

    @Test
    void recordsARefusalBehindAGovernedClientInTheLogItself() throws IOException {
        GateClock gate = new GateClock();
        EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(1).failWhenFull().rotateDaily()
                .clock(gate).build();
        GovernedClient client = GovernedClient.builder().delegate(r -> AiResponse.of("ok")).provider("openai")
                .observer(log).build();
        gate.arm();
        client.call(AiRequest.of("gpt-4o-mini", "one"));
        gate.awaitWriterStuck();
        client.call(AiRequest.of("gpt-4o-mini", "two"));
        // The third record finds the queue full. GovernedClient logs an observer's exception and keeps the
        // caller's result, so the refusal must be visible in the counters and in the evidence itself.
        try {
            client.call(AiRequest.of("gpt-4o-mini", "three"));
        } catch (AiGovernanceException refusedByAFutureCore) {
            assertThat(refusedByAFutureCore.culprit()).isEqualTo("evidence log");
        }
        assertThat(log.stats().refused()).isEqualTo(1);
        gate.release();
        log.close();
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.calls()).isEqualTo(2);
        assertThat(v.refusedRecords()).isEqualTo(1);
        assertThat(v.summary()).endsWith(", 1 records refused by the writer");
    }

    @Test
    void blockWhenFullAcceptsOnceTheWriterMakesRoom() throws Exception {
        GateClock gate = new GateClock();
        EvidenceLog log = EvidenceLog.builder().directory(dir).queueCapacity(1)
                .blockWhenFull(Duration.ofSeconds(30)).rotateDaily().clock(gate).build();
        gate.arm();
        log.onCall(TestRecords.allowed(1));
        gate.awaitWriterStuck();
        log.onCall(TestRecords.allowed(2));
        Thread releaser = new Thread(() -> {
            await(() -> log.stats().blocked() == 1, "the caller to block");
            gate.release();
        });
        releaser.start();
        log.onCall(TestRecords.allowed(3));
        releaser.join();
        log.close();
        assertThat(log.stats().refused()).isZero();
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.calls()).isEqualTo(3);
        assertThat(v.refusedRecords()).isZero();
    }

    @Test
    void refusesRecordsAfterClose() throws IOException {
        EvidenceLog log = EvidenceLog.builder().directory(dir).build();
        log.close();
        log.close();
        assertThatThrownBy(() -> log.onCall(TestRecords.allowed(1)))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("closed");
        assertThatThrownBy(log::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(log.stats().refused()).isEqualTo(1);
    }

    @Test
    void refusesEveryCallOnceWritingHasFailed() throws IOException {
        GateClock gate = new GateClock();
        EvidenceLog log = EvidenceLog.builder().directory(dir).rotateDaily().clock(gate).build();
        gate.failing();
        log.onCall(TestRecords.allowed(1));
        await(() -> {
            try {
                log.onCall(TestRecords.allowed(2));
                return false;
            } catch (AiGovernanceException e) {
                return e.getMessage().contains("failed");
            }
        }, "onCall to fail");
        assertThatThrownBy(log::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("clock broke");
        assertThat(log.stats().lost()).isGreaterThanOrEqualTo(1);
        assertThat(log.stats().written()).isZero();
    }

    @Test
    void neitherFlushNorCloseHangsWhenTheWriterThreadDies() throws IOException {
        GateClock gate = new GateClock();
        EvidenceLog log = EvidenceLog.builder().directory(dir).rotateDaily().clock(gate).build();
        gate.dying();
        log.onCall(TestRecords.allowed(1));
        assertThatThrownBy(log::flush).isInstanceOf(IllegalStateException.class)
                .hasMessage("the evidence writer thread has stopped");
        assertThatThrownBy(() -> log.onCall(TestRecords.allowed(2))).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("writer died");
        assertThatThrownBy(log::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("the evidence writer thread has stopped");
    }

    @Test
    void flushWritesEverythingAcceptedBefore() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).durability(EvidenceLog.Durability.ON_CHECKPOINT)
                .build()) {
            for (int i = 0; i < 30; i++) {
                log.onCall(TestRecords.allowed(i));
            }
            log.flush();
            assertThat(ofType(entries(dir), "call")).hasSize(30);
            assertThat(log.stats().written()).isEqualTo(30);
        }
    }

    @Test
    void refusesASecondWriterOnTheSameDirectory() throws IOException {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            assertThat(log.directory()).isEqualTo(dir);
            assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another EvidenceLog");
        }
    }

    @Test
    void refusesAnotherInstanceIdForTheDirectory() throws IOException {
        EvidenceLog.builder().directory(dir).instanceId("node-a").build().close();
        assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).instanceId("node-b").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("instance 'node-a', not 'node-b'");
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            assertThat(log.instanceId()).isEqualTo("node-a");
        }
    }

    @Test
    void generatesAPrivateKeyOnlyItsOwnerCanRead() throws IOException {
        EvidenceLog.builder().directory(dir).build().close();
        Path key = dir.resolve("signing.key");
        assertThat(key).exists();
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(key))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("signing.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void refusesAPrivateKeyOthersCanRead() throws IOException {
        EvidenceLog.builder().directory(dir).build().close();
        Path key = dir.resolve("signing.key");
        if (!Files.getFileStore(key).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readable by its owner only, but is rw-r--r--");
    }

    @Test
    void startsANewKeyWhenThePrivateKeyIsLostAndStillVerifiesTheOldCheckpoints() throws IOException {
        String first;
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(1));
            first = log.keyFingerprint();
        }
        Files.delete(dir.resolve("signing.key"));
        String second;
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(2));
            second = log.keyFingerprint();
        }
        assertThat(second).isNotEqualTo(first);
        assertThat(dir.resolve("signing-" + first.substring(0, 16) + ".pub")).exists();
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.keyFingerprints()).containsExactly(first, second);
        assertThat(ofType(entries(dir), "open").get(1).get("open").get("key").asText()).isEqualTo(second);
    }

    @Test
    void signsWithASuppliedKeyPairAndStoresOnlyItsPublicKey() throws IOException {
        KeyPair keys = SigningKeys.generate();
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).signingKeys(keys).build()) {
            log.onCall(TestRecords.allowed(1));
            assertThat(log.keyFingerprint()).isEqualTo(SigningKeys.fingerprint(keys.getPublic()));
        }
        assertThat(dir.resolve("signing.key")).doesNotExist();
        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(keys.getPublic())).build().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.keyFingerprints()).containsExactly(SigningKeys.fingerprint(keys.getPublic()));
    }

    @Test
    void builderRefusesBadValuesNamingThem() {
        EvidenceLog.Builder b = EvidenceLog.builder();
        assertThatThrownBy(() -> b.checkpointEvery(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpointEvery must be at least 1, but was 0");
        assertThatThrownBy(() -> b.checkpointInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpointInterval must be positive, but was PT0S");
        assertThatThrownBy(() -> b.rotateAtBytes(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rotateAtBytes must be at least 1024, but was 10");
        assertThatThrownBy(() -> b.queueCapacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueCapacity must be at least 1, but was 0");
        assertThatThrownBy(() -> b.blockWhenFull(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blockWhenFull timeout must be positive, but was PT-0.001S");
        assertThatThrownBy(() -> b.instanceId("node a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instanceId must be 1 to 128 of A-Z a-z 0-9 . _ : -, but was 'node a'");
        assertThatThrownBy(() -> b.signingKeys(rsaKeys())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signingKeys must be an Ed25519 key pair, but was RSA");
        assertThatThrownBy(() -> b.directory(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("directory");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("directory must be set");
    }

    @Test
    void builderRefusesASecondSetting() {
        EvidenceLog.Builder b = EvidenceLog.builder().directory(dir).checkpointEvery(10).queueCapacity(5)
                .failWhenFull().durability(EvidenceLog.Durability.EVERY_ENTRY).rotateDaily();
        assertThatThrownBy(() -> b.directory(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessage("directory was already set to " + dir);
        assertThatThrownBy(() -> b.checkpointEvery(20)).isInstanceOf(IllegalStateException.class)
                .hasMessage("checkpointEvery was already set to 10");
        assertThatThrownBy(() -> b.queueCapacity(20)).isInstanceOf(IllegalStateException.class)
                .hasMessage("queueCapacity was already set to 5");
        assertThatThrownBy(() -> b.blockWhenFull(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the full-queue policy was already set to fail");
        assertThatThrownBy(() -> b.durability(EvidenceLog.Durability.ON_CHECKPOINT))
                .isInstanceOf(IllegalStateException.class).hasMessage("durability was already set to EVERY_ENTRY");
        assertThatThrownBy(b::rotateDaily).isInstanceOf(IllegalStateException.class)
                .hasMessage("rotateDaily was already set to true");
    }

    @Test
    void builderRefusesAForceIntervalWithoutTimedDurability() {
        EvidenceLog.Builder b = EvidenceLog.builder().directory(dir).durability(EvidenceLog.Durability.EVERY_ENTRY)
                .forceInterval(Duration.ofMillis(10));
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("forceInterval (PT0.01S) requires durability EVERY_N_MILLIS, but durability is "
                        + "EVERY_ENTRY");
        assertThat(dir.resolve("instance.id")).doesNotExist();
    }

    // ---------------------------------------------------------------------------------------------------------

    static List<JsonNode> entries(Path dir) {
        return entries(TestRecords.evidenceFiles(dir));
    }

    static List<JsonNode> entries(List<Path> files) {
        List<JsonNode> all = new ArrayList<>();
        for (Path f : files) {
            for (String line : TestRecords.lines(f)) {
                try {
                    all.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return all;
    }

    static List<JsonNode> ofType(List<JsonNode> entries, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : entries) {
            if (e.get("type").asText().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock whose time the test sets. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant t) {
            now.set(t);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /**
     * A clock that, once armed, holds the writer thread inside its next write (the writer asks the clock whether the
     * day changed), so that a test can fill the queue deterministically; or makes the writer fail.
     */
    static final class GateClock extends Clock {
        private final CountDownLatch stuck = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean armed;
        private volatile boolean failing;
        private volatile boolean dying;

        void dying() {
            dying = true;
        }

        void arm() {
            armed = true;
        }

        void failing() {
            failing = true;
        }

        void awaitWriterStuck() {
            try {
                assertThat(stuck.await(20, TimeUnit.SECONDS)).as("writer reached the gate").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        void release() {
            armed = false;
            released.countDown();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().startsWith("aims-evidence-writer")) {
                if (failing) {
                    throw new IllegalStateException("clock broke");
                }
                if (dying) {
                    throw new AssertionError("writer died");
                }
                if (armed) {
                    stuck.countDown();
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return TestRecords.T0;
        }
    }


}
