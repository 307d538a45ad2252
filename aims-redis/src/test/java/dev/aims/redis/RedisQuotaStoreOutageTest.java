package dev.aims.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.testkit.LocalRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Redis killed in the middle of a run, through governed clients: the fail-closed budget denies with a clear reason,
 * the fallback budget keeps serving and records the degradation, and once Redis is back the budget is shared again.
 */
class RedisQuotaStoreOutageTest {
    static final CallContext CLOSED = CallContext.builder().tenant("acme").systemId("closed-bot").build();
    static final CallContext OPEN = CallContext.builder().tenant("acme").systemId("open-bot").build();
    static final CallContext OPEN_PROBE = CallContext.builder().tenant("probe").systemId("open-bot").build();
    /** 3 input tokens, estimated and used: 100 tokens a call. */
    static final AiRequest REQUEST = AiRequest.builder().model("m").message(Message.user("hello world!"))
            .maxTokens(97).build();

    static String policy(String uri) {
        String store = "{\"type\": \"redis\", \"uri\": \"" + uri + "\", \"timeoutMillis\": 250, \"onUnavailable\": ";
        return "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": ["
                + "{\"id\": \"closed-budget\", \"type\": \"token-budget\", \"scope\": {\"systems\": [\"closed-bot\"]},"
                + " \"per\": \"tenant\", \"window\": \"day\", \"limit\": 1000000, \"store\": " + store + "\"deny\"}},"
                + "{\"id\": \"open-budget\", \"type\": \"token-budget\", \"scope\": {\"systems\": [\"open-bot\"]},"
                + " \"per\": \"tenant\", \"window\": \"day\", \"limit\": 1000, \"store\": " + store
                + "\"fallback\"}}]}";
    }

    /** One instance of the fleet: its own loader (so its own Redis connections) and client. */
    static final class Instance implements AutoCloseable {
        final PolicyLoader loader = PolicyLoader.builder().build();
        final List<CallRecord> records = new CopyOnWriteArrayList<>();
        final GovernedClient client;

        Instance(String uri) {
            client = GovernedClient.builder()
                    .delegate(r -> AiResponse.builder().message(Message.assistant("ok")).usage(Usage.of(3, 97))
                            .build())
                    .policies(loader.load(PolicyFile.parse(policy(uri), "fleet.json")).policies())
                    .observer(records::add)
                    .build();
        }

        CallRecord call(CallContext ctx) {
            try {
                client.call(REQUEST, ctx);
            } catch (AiPolicyViolationException denied) {
                // the record says why
            }
            return records.get(records.size() - 1);
        }

        @Override
        public void close() {
            loader.close();
        }
    }

    static PolicyDecision decision(CallRecord r, String policy) {
        return r.decisions().stream().filter(d -> d.policyId().equals(policy)).findFirst().orElseThrow();
    }

    @Test
    void killedRedisFailsClosedOrFallsBackPerRuleAndTheBudgetIsSharedAgainWhenItReturns() throws Exception {
        try (LocalRedis server = LocalRedis.start(); Instance a = new Instance(server.uri());
                Instance b = new Instance(server.uri())) {
            // The run: one thread calls both bots on instance a without pause, before, during and after the outage.
            List<CallRecord[]> pairs = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    pairs.add(new CallRecord[] {a.call(CLOSED), a.call(OPEN)});
                }
            });
            a.call(CLOSED);
            caller.start();
            waitFor(() -> pairs.size() >= 3);
            int beforeKill = pairs.size();
            server.kill();
            waitFor(() -> pairs.size() >= beforeKill + 25);
            int outage = pairs.size();
            server.restart();
            waitFor(() -> !decision(pairs.get(pairs.size() - 1)[1], "open-budget").obligations()
                    .containsKey("quota.degraded"));
            running.set(false);
            caller.join();

            // Until the kill, both rules count in Redis.
            int firstDown = 0;
            while (!decision(pairs.get(firstDown)[0], "closed-budget").isDeny()) {
                firstDown++;
            }
            assertThat(firstDown).isGreaterThanOrEqualTo(beforeKill);
            for (CallRecord[] p : pairs.subList(0, firstDown - 1)) {
                assertThat(decision(p[0], "closed-budget").reasonCode()).isEqualTo("within_budget");
                assertThat(decision(p[1], "open-budget").reasonCode()).isEqualTo("within_budget");
            }
            // From the first call that saw the outage until the restart: fail closed, or serve from the fallback.
            List<CallRecord[]> during = pairs.subList(firstDown, outage);
            assertThat(during).hasSizeGreaterThanOrEqualTo(15).allSatisfy(p -> {
                PolicyDecision closed = decision(p[0], "closed-budget");
                assertThat(p[0].outcome()).isEqualTo(CallRecord.Outcome.DENIED);
                assertThat(closed.effect()).isEqualTo(PolicyDecision.Effect.DENY);
                assertThat(closed.reasonCode()).isEqualTo("quota_store_unavailable");
                assertThat(closed.message()).startsWith("token budget 'closed-budget' could not be checked, so the"
                        + " call is refused (fail closed): quota store unavailable: Redis at " + server.uri() + " ");
                PolicyDecision open = decision(p[1], "open-budget");
                assertThat(open.obligations()).containsEntry("quota.degraded", "true");
                if (p[1].outcome() == CallRecord.Outcome.ALLOWED) {
                    assertThat(open.reasonCode()).isEqualTo("within_budget_degraded");
                    assertThat(open.message()).startsWith("quota store unavailable: counted in this instance's"
                            + " in-process fallback store");
                } else {
                    // The fallback still enforces the budget, in this instance alone.
                    assertThat(open.reasonCode()).isEqualTo("token_budget_exceeded");
                    assertThat(open.message()).endsWith("(quota store degraded)");
                }
            });
            // The fallback holds this instance to the whole budget on its own: ten calls of 100 tokens.
            long servedFromFallback = pairs.stream().filter(p -> p[1].outcome() == CallRecord.Outcome.ALLOWED
                    && decision(p[1], "open-budget").obligations().containsKey("quota.degraded")).count();
            assertThat(servedFromFallback).isEqualTo(10);
            // Both rules are back on Redis.
            CallRecord[] last = pairs.get(pairs.size() - 1);
            assertThat(decision(last[1], "open-budget").obligations()).doesNotContainKey("quota.degraded");
            waitFor(() -> decision(a.call(CLOSED), "closed-budget").reasonCode().equals("within_budget"));

            // Shared again: the restarted (empty) Redis holds a's calls since it came back, and b spends the rest
            // of the same 1000 tokens — ten calls of 100 between the two instances, then b is denied.
            long aSince = pairs.subList(outage, pairs.size()).stream()
                    .filter(p -> decision(p[1], "open-budget").reasonCode().equals("within_budget")).count();
            assertThat(aSince).isBetween(1L, 10L);
            // b reconnects on its own schedule (within half a second; each store setting has its own connection):
            // a call of another tenant, which has a budget of its own, shows when it has.
            waitFor(() -> !decision(b.call(OPEN_PROBE), "open-budget").obligations().containsKey("quota.degraded"));
            List<String> bReasons = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                bReasons.add(decision(b.call(OPEN), "open-budget").reasonCode());
            }
            assertThat(bReasons.stream().filter("within_budget"::equals).count()).isEqualTo(10 - aSince);
            assertThat(bReasons.get(10)).isEqualTo("token_budget_exceeded");
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            LocalRedis.sleep(5);
        }
    }
}
