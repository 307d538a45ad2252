package dev.aims.springai;

import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreProvider;
import dev.aims.core.policy.QuotaStoreSpec;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link QuotaStoreProvider} of type {@code test-store} (in this module's test {@code META-INF/services}), as
 * aims-redis provides {@code redis}: in-process stores that keep their settings, count their operations and know
 * whether they were closed.
 */
public final class TestQuotaStoreProvider implements QuotaStoreProvider {
    @Override
    public String type() {
        return "test-store";
    }

    @Override
    public QuotaStore create(QuotaStoreSpec spec) {
        return new Store(spec);
    }

    /** A store that records its settings, operations and closing. */
    static final class Store implements QuotaStore, AutoCloseable {
        final QuotaStoreSpec spec;
        final QuotaStore counters = QuotaStore.inMemory();
        final AtomicInteger consumed = new AtomicInteger();
        volatile boolean closed;

        Store(QuotaStoreSpec spec) {
            this.spec = spec;
        }

        @Override
        public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
            consumed.incrementAndGet();
            return counters.tryConsume(key, amount, limit, window, now);
        }

        @Override
        public void charge(String key, long amount, long limit, Window window, Instant at) {
            counters.charge(key, amount, limit, window, at);
        }

        @Override
        public void refund(String key, long amount, long limit, Window window, Instant at) {
            counters.refund(key, amount, limit, window, at);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
