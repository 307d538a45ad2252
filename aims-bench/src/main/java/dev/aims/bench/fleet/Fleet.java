package dev.aims.bench.fleet;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Usage;
import dev.aims.bench.redact.Corpora;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.QuotaStore;
import dev.aims.redact.AimsRedactor;
import dev.aims.redis.RedisQuotaStore;
import dev.aims.testkit.LocalRedis;
import dev.aims.testkit.LocalRedisCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet as the benchmarks run it: {@code instances} applications, each its own {@link GovernedClient} under the
 * example policy ({@code examples/aims-policy.json}) with the built-in redactor, and its own quota store: its own
 * in-process store, or its own connection to a Redis server or a three-master Redis Cluster that this fleet starts.
 * For the {@code ping} kind each instance has a bare Lettuce connection to the server instead, to measure one
 * loopback round trip the way the store waits for one.
 *
 * <p>Calls come from a support bot: a short prompt of varied prose (a different one each call), each call by the
 * next of {@value #PRINCIPALS} principals (so that no principal reaches the example's rate limit of 30 requests a
 * minute), of one tenant whose monthly budget every instance spends. The provider answers with exactly the
 * estimated tokens, so no reservation needs a correction after the call.
 */
final class Fleet implements AutoCloseable {
    /** What the instances count in. */
    enum Kind {
        PING, IN_PROCESS, REDIS, REDIS_CLUSTER;

        static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final int PRINCIPALS = 40_000;
    static final int PROMPTS = 512;
    /** The example policy's tenant-monthly-tokens. */
    static final long TENANT_BUDGET = 2_000_000;
    static final int MAX_TOKENS = 20;

    final Kind kind;
    private final LocalRedis server;
    private final LocalRedisCluster cluster;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<GovernedClient> clients = new ArrayList<>();
    private final List<StatefulRedisConnection<String, String>> pings = new ArrayList<>();
    private final AiRequest[] requests = new AiRequest[PROMPTS];
    private final String[] principals = new String[PRINCIPALS];
    private final AtomicLong calls = new AtomicLong();

    Fleet(Kind kind, int instances) {
        this.kind = kind;
        this.server = kind == Kind.REDIS || kind == Kind.PING ? LocalRedis.start() : null;
        this.cluster = kind == Kind.REDIS_CLUSTER ? LocalRedisCluster.start(3) : null;
        String prose = Corpora.prose();
        int at = 0;
        for (int i = 0; i < PROMPTS; i++) {
            int start = prose.indexOf(' ', at) + 1;
            // 160 to 400 characters: a support question with some context.
            String slice = prose.substring(start, start + 160 + (i * 37) % 240);
            at = (start + 4099) % (prose.length() - 1024);
            String prompt = "Order " + i + ": " + slice;
            // The tag carries the usage the provider reports (the call's estimate) past the redactor, which may
            // change the text the provider sees.
            requests[i] = AiRequest.builder().model(i % 2 == 0 ? "gpt-4o-mini" : "gpt-4o")
                    .message(Message.user(prompt)).maxTokens(MAX_TOKENS)
                    .tag(Usage.class, Usage.of((prompt.length() + 3) / 4, MAX_TOKENS)).build();
        }
        for (int i = 0; i < PRINCIPALS; i++) {
            principals[i] = "user-" + i + "@corp.example";
        }
        Path policy = examplePolicy();
        AimsRedactor redactor = AimsRedactor.create();
        for (int i = 0; i < instances; i++) {
            if (kind == Kind.PING) {
                RedisClient client = RedisClient.create(server.uri());
                closeables.add(client::shutdown);
                pings.add(client.connect());
                continue;
            }
            QuotaStore store = store();
            PolicyLoader loader = PolicyLoader.builder().quotaStore(store).redactor(redactor).build();
            closeables.add(loader);
            try {
                clients.add(GovernedClient.builder().delegate(Fleet::answer).provider("openai")
                        .redactor(redactor).policies(loader.load(policy).policies()).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private QuotaStore store() {
        switch (kind) {
            case IN_PROCESS:
                return QuotaStore.inMemory();
            case REDIS: {
                RedisQuotaStore s = RedisQuotaStore.builder().uri(server.uri()).timeout(Duration.ofSeconds(2)).build();
                closeables.add(s);
                return s;
            }
            default: {
                RedisQuotaStore s = RedisQuotaStore.builder().uri(cluster.uri()).timeout(Duration.ofSeconds(2))
                        .build();
                closeables.add(s);
                return s;
            }
        }
    }

    /** @return the provider's answer: exactly the tokens the call was estimated at (input / 4 + maxTokens) */
    private static AiResponse answer(AiRequest request) {
        return AiResponse.builder().message(Message.assistant("It ships tomorrow.")).usage(request.tag(Usage.class))
                .finishReason(FinishReason.STOP).build();
    }

    /** @return the example policy, written to a temporary file (the loader reads a path) */
    static Path examplePolicy() {
        try (InputStream in = Fleet.class.getResourceAsStream("/dev/aims/bench/core/aims-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("aims-policy.json is not in the benchmark jar: build aims-bench"
                        + " with Maven, which copies examples/aims-policy.json into it");
            }
            Path file = Files.createTempFile("aims-policy", ".json");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the example policy", e);
        }
    }

    /**
     * One governed call by instance {@code instance} (or a bare PING on its connection), for tenant {@code tenant}.
     *
     * @return the answer (null for a PING)
     */
    AiResponse call(int instance, String tenant) {
        long n = calls.getAndIncrement();
        if (kind == Kind.PING) {
            try {
                pings.get(instance).async().ping().get(2, TimeUnit.SECONDS);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("PING failed", e);
            }
        }
        CallContext ctx = CallContext.builder().principal(principals[(int) (n % PRINCIPALS)]).tenant(tenant)
                .systemId("support-bot").purpose("customer-support").build();
        return clients.get(instance).call(requests[(int) (n % PROMPTS)], ctx);
    }

    /** @return the calls made so far */
    long calls() {
        return calls.get();
    }

    @Override
    public void close() {
        for (GovernedClient c : clients) {
            c.close();
        }
        for (StatefulRedisConnection<String, String> p : pings) {
            p.close();
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + c, e);
            }
        }
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
