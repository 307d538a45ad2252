package dev.aims.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.PolicyValidationException;
import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreSpec;
import dev.aims.testkit.LocalRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisQuotaStoreProviderTest {
    static LocalRedis server;

    @BeforeAll
    static void startRedis() {
        server = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    static String doc(String store) {
        return "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"store\": " + store + ", \"rules\": [{\"id\":"
                + " \"fleet-budget\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\","
                + " \"limit\": 1000}]}";
    }

    /** aims-redis on the class path is all a policy file needs to count in Redis. */
    @Test
    void aPolicyFileNamingRedisCountsThere() {
        server.call("FLUSHALL");
        try (PolicyLoader loader = PolicyLoader.builder().build()) {
            GovernedClient client = GovernedClient.builder()
                    .delegate(r -> AiResponse.builder().message(Message.assistant("ok")).usage(Usage.of(3, 97))
                            .build())
                    .policies(loader.load(PolicyFile.parse(doc("{\"type\": \"redis\", \"uri\": \"" + server.uri()
                            + "\", \"timeoutMillis\": 2000}"), "fleet.json")).policies())
                    .build();
            CallContext acme = CallContext.builder().tenant("acme").build();
            client.call(AiRequest.builder().model("m").message(Message.user("hello world!")).maxTokens(97).build(),
                    acme);
            @SuppressWarnings("unchecked")
            List<String> keys = (List<String>) server.call("KEYS", "aims:*");
            assertThat(keys).singleElement().satisfies(k -> {
                // Tagged with the subject, so that a cluster keeps the tenant's counters in one slot.
                assertThat(k).startsWith("aims:{" + RedisKeys.hash("tenant/acme") + "}:"
                        + RedisKeys.hash("token-budget/fleet-budget/tenant/acme") + ":F:");
                assertThat(server.call("GET", k)).isEqualTo("100");
            });
        }
    }

    @Test
    void createsAStoreWithTheSettings() {
        QuotaStoreSpec spec = QuotaStoreSpec.builder("redis", server.uri())
                .onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK).timeout(Duration.ofMillis(20)).build();
        QuotaStore store = new RedisQuotaStoreProvider().create(spec);
        try {
            assertThat(store).isInstanceOf(RedisQuotaStore.class);
            RedisQuotaStore redis = (RedisQuotaStore) store;
            assertThat(redis.onUnavailable()).isEqualTo(QuotaStoreSpec.OnUnavailable.FALLBACK);
            assertThat(redis.timeout()).isEqualTo(Duration.ofMillis(20));
            assertThat(redis).hasToString("RedisQuotaStore{" + server.uri() + ", onUnavailable=fallback, timeout=20"
                    + " ms}");
        } finally {
            ((RedisQuotaStore) store).close();
        }
    }

    @Test
    void aPasswordVariableThatIsNotSetIsAProblemOfTheFile() {
        PolicyFile f = PolicyFile.parse(doc("{\"type\": \"redis\", \"uri\": \"" + server.uri() + "\", \"passwordEnv\":"
                + " \"AIMS_TEST_SURELY_UNSET_VARIABLE\"}"), "fleet.json");
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyLoader.builder().build().load(f));
        assertThat(e.problems()).extracting(PolicyValidationException.Problem::toString).containsExactly(
                "$.rules[0].store: the redis store of rule 'fleet-budget' cannot be created: passwordEnv names the"
                        + " environment variable AIMS_TEST_SURELY_UNSET_VARIABLE, which is not set");
    }

    @Test
    void aUriThatIsNotRedisIsAProblemOfTheFile() {
        PolicyFile f = PolicyFile.parse(doc("{\"type\": \"redis\", \"uri\": \"memcached://cache:11211\"}"),
                "fleet.json");
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyLoader.builder().build().load(f));
        assertThat(e.problems()).extracting(PolicyValidationException.Problem::toString).containsExactly(
                "$.rules[0].store: the redis store of rule 'fleet-budget' cannot be created: uri must start with"
                        + " redis://, rediss://, redis-sentinel://, redis-socket:// or redis-cluster://, but its"
                        + " scheme was"
                        + " \"memcached\"");
    }

    @Test
    void refusesSettingsOfAnotherType() {
        assertThatThrownBy(() -> new RedisQuotaStoreProvider().create(QuotaStoreSpec.builder("memcached",
                "memcached://cache:11211").build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type must be redis, but was memcached");
    }
}
