package dev.aims.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.PolicySet;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreSpec;
import dev.aims.core.policy.QuotaStoreUnavailableException;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call's counters in one script call, all or nothing; its corrections in one more. */
class RedisQuotaStoreBatchTest {
    static final Instant NOW = RedisQuotaStoreTest.NOW;
    static final QuotaStore.Window DAY = RedisQuotaStoreTest.DAY;
    static final QuotaStore.Window MINUTE_IN_6 = RedisQuotaStoreTest.MINUTE_IN_6;
    static final QuotaStore.Window REFILL_MINUTE = RedisQuotaStoreTest.REFILL_MINUTE;
    static final CallContext SUPPORT = CallContext.builder().principal("alice@corp.example").tenant("acme")
            .systemId("support-bot").purpose("customer-support").build();

    static LocalRedis server;
    final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRedis() {
        server = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void emptyRedis() {
        server.call("FLUSHALL");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    RedisQuotaStore store(LocalRedis on) {
        RedisQuotaStore s = RedisQuotaStore.builder().uri(on.uri()).timeout(Duration.ofSeconds(2)).build();
        open.add(s);
        return s;
    }

    static long scriptCalls() {
        return server.commandCalls().getOrDefault("evalsha", 0L) + server.commandCalls().getOrDefault("eval", 0L);
    }

    @Test
    void aGovernedCallUnderTheExamplePolicyIsOneScriptCall() throws Exception {
        RedisQuotaStore store = store(server);
        AimsRedactor redactor = AimsRedactor.create();
        PolicyLoader loader = PolicyLoader.builder().quotaStore(store).redactor(redactor).build();
        open.add(loader);
        AtomicReference<Usage> usage = new AtomicReference<>();
        GovernedClient client = GovernedClient.builder()
                .delegate(r -> AiResponse.builder().message(Message.assistant("Tomorrow.")).usage(usage.get())
                        .build())
                .redactor(redactor)
                .policySource(() -> load(loader))
                .build();
        // 24 characters, 6 input tokens; with maxTokens 94 the call is estimated at 100.
        AiRequest request = AiRequest.builder().model("gpt-4o").message(Message.user("When does my order ship?"))
                .maxTokens(94).build();
        usage.set(Usage.of(6, 94));
        client.call(request, SUPPORT);
        server.call("CONFIG", "RESETSTAT");
        client.call(request, SUPPORT);
        // The tenant's monthly budget, the support bot's daily budget for alice, and her rate limit's requests and
        // tokens: four counters, one script call, and no correction for a call that used its estimate.
        assertThat(scriptCalls()).isEqualTo(1);
        usage.set(Usage.of(6, 14));
        server.call("CONFIG", "RESETSTAT");
        client.call(request, SUPPORT);
        // A call that used less: one more script call corrects its three token counters.
        assertThat(scriptCalls()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) server.call("KEYS", "aims:*");
        assertThat(keys).hasSize(4);
        for (String k : keys) {
            if (k.contains(":F:")) {
                assertThat(server.call("GET", k)).as(k).isEqualTo("220");
            }
        }
        String tenantTag = "aims:{" + RedisKeys.hash("tenant/acme") + "}:";
        String aliceTag = "aims:{" + RedisKeys.hash("principal/alice@corp.example") + "}:";
        assertThat(keys).filteredOn(k -> k.startsWith(tenantTag)).hasSize(1);
        assertThat(keys).filteredOn(k -> k.startsWith(aliceTag)).hasSize(3);
    }

    private static PolicySet load(PolicyLoader loader) {
        try {
            return loader.load(Path.of("..", "examples", "aims-policy.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void tryConsumeAllChecksEveryCounterInOneScriptCallAndChargesAllOrNone() {
        RedisQuotaStore s = store(server);
        Instant now = Instant.now();
        s.tryConsumeAll(List.of(QuotaStore.Consumption.of("p", "s", 8, 10, MINUTE_IN_6)), now);
        server.call("CONFIG", "RESETSTAT");
        List<QuotaStore.Consumption> call = List.of(QuotaStore.Consumption.of("p", "f", 30, 100, DAY),
                QuotaStore.Consumption.of("p", "s", 5, 10, MINUTE_IN_6),
                QuotaStore.Consumption.of("p", "r", 4, 10, REFILL_MINUTE));
        List<QuotaStore.Result> refused = s.tryConsumeAll(call, now);
        assertThat(refused).extracting(QuotaStore.Result::granted).containsExactly(true, false, true);
        // Each tells its usage without the amounts, none of which was added.
        assertThat(refused).extracting(QuotaStore.Result::used).containsExactly(0L, 8L, 0L);
        assertThat(scriptCalls()).isEqualTo(1);
        assertThat(server.call("GET", "aims:{" + RedisKeys.hash("p") + "}:" + RedisKeys.hash("f")
                + ":F:1749945600000:1750032000000")).isNull();
        assertThat(s.tryConsumeAll(List.of(QuotaStore.Consumption.of("p", "r", 0, 10, REFILL_MINUTE)), now).get(0)
                .used()).isZero();
        List<QuotaStore.Result> granted = s.tryConsumeAll(List.of(call.get(0),
                QuotaStore.Consumption.of("p", "s", 2, 10, MINUTE_IN_6), call.get(2)), now);
        assertThat(granted).extracting(QuotaStore.Result::granted).containsExactly(true, true, true);
        assertThat(granted).extracting(QuotaStore.Result::used).containsExactly(30L, 10L, 4L);
        assertThat(scriptCalls()).as("the refused call, the read of r, the granted call").isEqualTo(3);
    }

    @Test
    void correctAllAppliesEveryCorrectionInOneScriptCall() {
        RedisQuotaStore s = store(server);
        Instant now = Instant.now();
        QuotaStore.Consumption f = QuotaStore.Consumption.of("p", "f", 30, 100, DAY);
        QuotaStore.Consumption w = QuotaStore.Consumption.of("p", "s", 5, 10, MINUTE_IN_6);
        s.tryConsumeAll(List.of(f, w), now);
        server.call("CONFIG", "RESETSTAT");
        s.correctAll(List.of(f.corrected(12, now), w.corrected(-3, now), f.corrected(0, now)));
        assertThat(scriptCalls()).isEqualTo(1);
        assertThat(s.tryConsumeAll(List.of(QuotaStore.Consumption.of("p", "f", 0, 1000, DAY),
                QuotaStore.Consumption.of("p", "s", 0, 10, MINUTE_IN_6)), now))
                .extracting(QuotaStore.Result::used).containsExactly(42L, 2L);
        s.correctAll(List.of());
        assertThat(scriptCalls()).isEqualTo(2);
    }

    @Test
    void tryConsumeAll_aKeyTwice() {
        RedisQuotaStore s = store(server);
        String person = "token-budget/b/principal/alice@example.org";
        assertThatThrownBy(() -> s.tryConsumeAll(List.of(QuotaStore.Consumption.of(person, 1, 10, DAY),
                QuotaStore.Consumption.of(person, 2, 10, DAY)), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumptions must name each key once, but consumption 1 repeats the key of an earlier"
                        + " one");
        assertThat(server.call("KEYS", "*")).asList().isEmpty();
    }

    @Test
    void aBatchIsAnsweredFromTheFallbackAllOrNoneWhileRedisIsDown() {
        try (LocalRedis own = LocalRedis.start()) {
            QuotaStore local = QuotaStore.inMemory();
            RedisQuotaStore s = RedisQuotaStore.builder().uri(own.uri())
                    .onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK).fallback(local).build();
            open.add(s);
            s.tryConsume("warm", 1, 10, DAY, NOW);
            own.kill();
            List<QuotaStore.Result> r = s.tryConsumeAll(List.of(QuotaStore.Consumption.of("a", 5, 10, DAY),
                    QuotaStore.Consumption.of("b", 20, 10, DAY)), NOW);
            assertThat(r).extracting(QuotaStore.Result::granted).containsExactly(true, false);
            assertThat(r).allMatch(QuotaStore.Result::degraded);
            assertThat(RedisQuotaStoreTest.used(local, "a", DAY, NOW)).isZero();
            s.correctAll(List.of(QuotaStore.Consumption.of("a", 5, 10, DAY).corrected(3, NOW)));
            List<QuotaStore.Result> granted = s.tryConsumeAll(List.of(QuotaStore.Consumption.of("a", 5, 10, DAY)),
                    NOW);
            assertThat(granted.get(0).granted()).isTrue();
            assertThat(granted.get(0).degraded()).isTrue();
        }
    }

    @Test
    void aCallInFlightWhenRedisDiesFailsAtOnceAndIsNeverSentAgain() throws InterruptedException {
        try (LocalRedis own = LocalRedis.start("--appendonly", "yes", "--appendfsync", "always")) {
            // A deadline long enough to outlast the restart: a client that queued the call for a reconnect would
            // run it then.
            RedisQuotaStore s = RedisQuotaStore.builder().uri(own.uri()).timeout(Duration.ofSeconds(60)).build();
            open.add(s);
            assertThat(s.tryConsume("k", 5, 100, DAY, NOW).used()).isEqualTo(5);
            own.call("CLIENT", "PAUSE", "30000", "ALL");
            List<Throwable> thrown = new CopyOnWriteArrayList<>();
            Thread caller = new Thread(() -> {
                try {
                    s.tryConsume("k", 5, 100, DAY, NOW);
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            caller.start();
            LocalRedis.sleep(300);
            assertThat(caller.isAlive()).as("the call waits for the paused server").isTrue();
            own.kill();
            caller.join(5_000);
            assertThat(caller.isAlive()).as("the call fails when its connection drops").isFalse();
            assertThat(thrown).singleElement().isInstanceOf(QuotaStoreUnavailableException.class);
            own.restart();
            assertThat(RedisQuotaStoreTest.untilAnswered(s, "k", 1, 100).used()).isEqualTo(6);
        }
    }
}
