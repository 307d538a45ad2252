package dev.aims.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link QuotaStoreProvider} of type {@code test-memory} (listed in this module's test
 * {@code META-INF/services}): in-process stores that remember the settings they were created with and whether they
 * were closed. A URI with the host {@code refused} is refused as a provider refuses settings it cannot use.
 */
public final class TestStoreProvider implements QuotaStoreProvider {
    static final String TYPE = "test-memory";

    final List<Store> created = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public QuotaStore create(QuotaStoreSpec spec) {
        if (spec.uri().contains("//refused")) {
            throw new IllegalArgumentException("uri must name a host this provider serves, but was " + spec.uri());
        }
        Store s = new Store(spec);
        created.add(s);
        return s;
    }

    /** An in-process store that knows its settings and whether it was closed. */
    static final class Store implements QuotaStore, AutoCloseable {
        final QuotaStoreSpec spec;
        final QuotaStore counters = QuotaStore.inMemory();
        volatile boolean closed;

        Store(QuotaStoreSpec spec) {
            this.spec = spec;
        }

        @Override
        public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
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
