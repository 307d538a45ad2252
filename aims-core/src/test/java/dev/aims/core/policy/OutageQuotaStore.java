package dev.aims.core.policy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A quota store over an in-process one whose backend can be switched off, as a shared store sees an outage: it
 * then throws {@link QuotaStoreUnavailableException} (fail closed) or answers from its fallback, marked degraded.
 */
class OutageQuotaStore implements QuotaStore {
    enum State { UP, DOWN_DENY, DOWN_FALLBACK }

    final QuotaStore shared = QuotaStore.inMemory();
    final QuotaStore fallback = QuotaStore.inMemory();
    volatile State state = State.UP;
    final AtomicInteger refunds = new AtomicInteger();
    final AtomicInteger charges = new AtomicInteger();

    @Override
    public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
        switch (state) {
            case UP:
                return shared.tryConsume(key, amount, limit, window, now);
            case DOWN_DENY:
                throw new QuotaStoreUnavailableException("test://shared:1 did not answer within 50 ms", null);
            default:
                Result r = fallback.tryConsume(key, amount, limit, window, now);
                return new Result(r.granted(), r.used(), limit, r.resetsAt(), true);
        }
    }

    @Override
    public void charge(String key, long amount, long limit, Window window, Instant at) {
        charges.incrementAndGet();
        target().charge(key, amount, limit, window, at);
    }

    @Override
    public void refund(String key, long amount, long limit, Window window, Instant at) {
        refunds.incrementAndGet();
        target().refund(key, amount, limit, window, at);
    }

    private QuotaStore target() {
        switch (state) {
            case UP:
                return shared;
            case DOWN_DENY:
                throw new QuotaStoreUnavailableException("test://shared:1 did not answer within 50 ms", null);
            default:
                return fallback;
        }
    }
}
