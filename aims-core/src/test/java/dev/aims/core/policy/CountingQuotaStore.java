package dev.aims.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared store as the rules see one (not the in-process store, so they batch), over an in-process store: it
 * counts what it is asked, as a store over a network would count round trips, and keeps the batches it was given.
 */
class CountingQuotaStore implements QuotaStore {
    final QuotaStore counters = QuotaStore.inMemory();
    final AtomicInteger single = new AtomicInteger();
    final List<List<Consumption>> asks = new CopyOnWriteArrayList<>();
    final List<List<Correction>> corrections = new CopyOnWriteArrayList<>();

    @Override
    public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
        single.incrementAndGet();
        return counters.tryConsume(key, amount, limit, window, now);
    }

    @Override
    public void charge(String key, long amount, long limit, Window window, Instant at) {
        single.incrementAndGet();
        counters.charge(key, amount, limit, window, at);
    }

    @Override
    public void refund(String key, long amount, long limit, Window window, Instant at) {
        single.incrementAndGet();
        counters.refund(key, amount, limit, window, at);
    }

    @Override
    public List<Result> tryConsumeAll(List<Consumption> consumptions, Instant now) {
        asks.add(List.copyOf(consumptions));
        return counters.tryConsumeAll(consumptions, now);
    }

    @Override
    public void correctAll(List<Correction> all) {
        corrections.add(List.copyOf(all));
        counters.correctAll(all);
    }

    long used(String key, Window window, Instant at) {
        return counters.tryConsume(key, 0, Long.MAX_VALUE, window, at).used();
    }
}
