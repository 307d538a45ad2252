package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.core.GovernedClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingPolicySourceTest {
    static final String ALLOW_X = "{\"id\": \"a1\", \"type\": \"model-allow-list\", \"models\": [\"x\"]}";
    static final String ALLOW_Y = "{\"id\": \"b1\", \"type\": \"model-allow-list\", \"models\": [\"y\"]}";
    static final String A2 = "{\"id\": \"a2\", \"type\": \"model-allow-list\", \"mode\": \"shadow\","
            + " \"models\": [\"x\"]}";

    @TempDir
    Path dir;

    final PolicyLoader loader = PolicyLoader.builder().build();
    final MutableClock clock = MutableClock.at("2025-06-15T10:00:00Z");

    Path write(String... rules) throws Exception {
        Path file = dir.resolve("aims-policy.json");
        Path tmp = dir.resolve("aims-policy.json.tmp");
        Files.writeString(tmp, Fixtures.doc(rules));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    ReloadingPolicySource source(Path file) throws Exception {
        return ReloadingPolicySource.builder(file, loader).clock(clock).build();
    }

    @Test
    void servesTheFilesSet() throws Exception {
        Path file = write(ALLOW_X);
        try (ReloadingPolicySource s = source(file)) {
            assertThat(s.current().hash()).isEqualTo(PolicyFile.read(file).hash());
            assertThat(s.status().ok()).isTrue();
            assertThat(s.status().activeRules()).isEqualTo(1);
        }
    }

    @Test
    void readsAYamlFileAsYamlAndNamesTheLineOfAFailedReload() throws Exception {
        Path file = dir.resolve("aims-policy.yaml");
        Files.writeString(file, "schema: aims-policy/v1\nversion: 1\nrules:\n  - {id: a1, type: model-allow-list,"
                + " models: [x]}\n");
        try (ReloadingPolicySource s = source(file)) {
            assertThat(s.current().hash())
                    .isEqualTo(PolicyFile.parse(Fixtures.doc(ALLOW_X).replace("\"7\"", "1"), "j").hash());
            Files.writeString(file, "schema: aims-policy/v1\nversion: 1\nrules:\n  - id: a1\n"
                    + "    type: model-allow-list\n    models: []\n");
            clock.advance(Duration.ofMinutes(1));
            ReloadingPolicySource.Status st = s.reload();
            assertThat(st.ok()).isFalse();
            assertThat(st.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p)
                    .containsExactly("6:5 $.rules[0].models: must not be empty");
            assertThat(st.error()).get().asString().contains(file + ":6:5: $.rules[0].models: must not be empty");
        }
    }

    @Test
    void refusesAnInvalidOrMissingFileAtStart() throws Exception {
        Path file = write(ALLOW_X.replace("[\"x\"]", "[]"));
        assertThatThrownBy(() -> source(file)).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("$.rules[0].models: must not be empty");
        assertThatThrownBy(() -> source(dir.resolve("none.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void reloadReplacesTheSetWhenTheContentChanged() throws Exception {
        Path file = write(ALLOW_X);
        try (ReloadingPolicySource s = source(file)) {
            PolicySet before = s.current();
            write(ALLOW_Y);
            clock.advance(Duration.ofMinutes(1));
            ReloadingPolicySource.Status st = s.reload();
            assertThat(st.ok()).isTrue();
            assertThat(s.current()).isNotSameAs(before);
            assertThat(s.current().policies()).extracting(p -> p.id()).containsExactly("b1");
            assertThat(st.activeHash()).isEqualTo(PolicyFile.read(file).hash());
            assertThat(st.activeSince()).isEqualTo(clock.instant());
            assertThat(before.policies()).extracting(p -> p.id()).containsExactly("a1");
        }
    }

    @Test
    void unchangedContentIsNotLoadedAgain() throws Exception {
        Path file = write(ALLOW_X);
        try (ReloadingPolicySource s = source(file)) {
            PolicySet before = s.current();
            ReloadingPolicySource.Status st = s.status();
            write(ALLOW_X);
            assertThat(s.reload()).isSameAs(st);
            assertThat(s.current()).isSameAs(before);
        }
    }

    @Test
    void failedReloadKeepsTheOldSetServingAndSaysSo() throws Exception {
        Path file = write(ALLOW_X);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (ReloadingPolicySource s = source(file)) {
            PolicySet before = s.current();
            write(ALLOW_X.replace("[\"x\"]", "\"x\""), ALLOW_Y.replace("\"b1\"", "\"a1\""));
            clock.advance(Duration.ofMinutes(1));
            ReloadingPolicySource.Status st;
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                st = s.reload();
            } finally {
                System.setErr(err);
            }
            assertThat(st.ok()).isFalse();
            assertThat(s.current()).isSameAs(before);
            assertThat(st.activeHash()).isEqualTo(before.hash());
            assertThat(st.lastAttempt()).isEqualTo(clock.instant());
            assertThat(st.problems()).extracting(PolicyValidationException.Problem::path)
                    .containsExactly("$.rules[0].models", "$.rules[1].id");
            assertThat(st.error()).get().asString().startsWith("2 problem(s)");
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("was not reloaded")
                    .contains("stays in force").contains(before.hash()).contains("$.rules[0].models");

            // The next good version loads.
            write(ALLOW_Y);
            assertThat(s.reload().ok()).isTrue();
            assertThat(s.current().policies()).extracting(p -> p.id()).containsExactly("b1");
        }
    }

    @Test
    void aDeletedFileKeepsTheOldSetServing() throws Exception {
        Path file = write(ALLOW_X);
        try (ReloadingPolicySource s = source(file)) {
            PolicySet before = s.current();
            Files.delete(file);
            ReloadingPolicySource.Status st = s.reload();
            assertThat(st.ok()).isFalse();
            assertThat(st.error()).get().asString().contains("cannot read").contains("NoSuchFileException");
            assertThat(s.current()).isSameAs(before);
        }
    }

    @Test
    void pollingPicksUpAChange() throws Exception {
        Path file = write(ALLOW_X);
        try (ReloadingPolicySource s = ReloadingPolicySource.builder(file, loader)
                .checkEvery(Duration.ofMillis(100)).build()) {
            write(ALLOW_Y);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!s.current().policies().get(0).id().equals("b1") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.current().policies()).extracting(p -> p.id()).containsExactly("b1");
        }
    }

    @Test
    void eachCallSeesOneWholeSetWhileReloadsRace() throws Exception {
        Path file = write(ALLOW_X, A2);
        String a = PolicyFile.read(file).hash();
        Map<String, Set<String>> idsByHash = new ConcurrentHashMap<>();
        idsByHash.put(a, Set.of("a1", "a2"));
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        try (ReloadingPolicySource s = source(file)) {
            GovernedClient client = GovernedClient.builder()
                    .delegate(r -> AiResponse.builder().message(Message.assistant("ok")).build())
                    .policySource(s).observer(records::add).build();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            client.call(AiRequest.of("x", "hi"));
                        } catch (AiPolicyViolationException denied) {
                            // version B allows y only: denials are expected half of the time
                        }
                    }
                });
                callers.add(th);
                th.start();
            }
            for (int i = 0; i < 20; i++) {
                Path f = i % 2 == 0
                        ? write("{\"id\": \"b1\", \"type\": \"model-allow-list\", \"models\": [\"y\"]}",
                                "{\"id\": \"b2\", \"type\": \"model-allow-list\", \"mode\": \"shadow\","
                                        + " \"models\": [\"y\"]}")
                        : write(ALLOW_X, A2);
                s.reload();
                if (i == 0) {
                    idsByHash.put(PolicyFile.read(f).hash(), Set.of("b1", "b2"));
                }
                Thread.sleep(5);
            }
            stop.set(true);
            for (Thread th : callers) {
                th.join();
            }
        }
        assertThat(records).isNotEmpty();
        assertThat(idsByHash).hasSize(2);
        for (CallRecord r : records) {
            Set<String> ids = idsByHash.get(r.policySetHash());
            assertThat(ids).as("hash %s", r.policySetHash()).isNotNull();
            assertThat(r.decisions()).extracting(PolicyDecision::policyId).allMatch(ids::contains);
        }
    }

    @Test
    void builderChecksItsSettings() throws Exception {
        Path file = write(ALLOW_X);
        ReloadingPolicySource.Builder b = ReloadingPolicySource.builder(file, loader);
        assertThatThrownBy(() -> b.checkEvery(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be at least 100 ms, but was PT0.01S");
        b.checkEvery(Duration.ofSeconds(1));
        assertThatThrownBy(() -> b.checkEvery(Duration.ofSeconds(2))).isInstanceOf(IllegalStateException.class)
                .hasMessage("interval was already set to PT1S");
        assertThatThrownBy(() -> ReloadingPolicySource.builder(null, loader)).isInstanceOf(NullPointerException.class)
                .hasMessage("path");
    }
}
