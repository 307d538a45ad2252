package dev.aims.core.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The in-process {@link QuotaStore}: one entry per key holding atomic counters that every operation updates with
 * compare-and-set loops — no lock on the hot path, no allocation once a key's bucket for the current window exists.
 *
 * <p>A Caffeine cache owns the entries: it bounds their number and drops a key idle for longer than its window.
 * Reading through Caffeine's expiry bookkeeping costs about ten times a plain hash lookup, so operations find their
 * entry in a {@link ConcurrentHashMap} mirror (kept equal to the cache by its eviction listener) and touch the cache
 * only once per eighth of the key's idle time, which is all the expiry needs.
 *
 * <p>Fixed and sliding windows keep one {@link Slot} per bucket (the fixed window's start, or the slice index) in a
 * small ring; a slot is replaced when its bucket leaves the window. A refilling window is a token bucket kept as
 * one number, the generic cell rate algorithm's "theoretical arrival time": the instant at which the bucket would be
 * full again.
 */
final class InMemoryQuotaStore implements QuotaStore {
    static final long DEFAULT_MAXIMUM_KEYS = 100_000;

    /**
     * The answer of {@link #tryConsume(String, long, long, Window, Instant, boolean)} to a caller that asked only
     * whether the amount was granted: it carries no usage or reset time, so that a grant allocates nothing.
     */
    static final Result GRANTED = new Result(true, 0, 0, 0, 0, false);

    private final Ticker ticker;
    private final ConcurrentHashMap<String, Counter> live = new ConcurrentHashMap<>();
    private final Cache<String, Counter> owner;

    InMemoryQuotaStore(long maximumKeys) {
        this(maximumKeys, Ticker.systemTicker());
    }

    InMemoryQuotaStore(long maximumKeys, Ticker ticker) {
        this.ticker = ticker;
        this.owner = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfter(new IdleExpiry())
                .ticker(ticker)
                // Maintenance on the calling thread, amortised: handing it to the common pool on every write costs a
                // thread wake-up per governed call, and a library should not occupy the application's common pool.
                .executor(Runnable::run)
                .evictionListener((String key, Counter value, RemovalCause cause) -> {
                    if (key != null && value != null) {
                        live.remove(key, value);
                    }
                })
                .build();
    }

    @Override
    public Result tryConsume(String key, long amount, long limit, Window window, Instant now) {
        return tryConsume(key, amount, limit, window, now, true);
    }

    /**
     * {@link #tryConsume(String, long, long, Window, Instant)}, but when {@code detail} is false a grant is answered
     * with {@link #GRANTED} (whose usage and reset time mean nothing) instead of a new result; a refusal is always
     * answered in full. The rules' allow path uses it, as it needs no more than "granted".
     */
    Result tryConsume(String key, long amount, long limit, Window window, Instant now, boolean detail) {
        check(key, amount, window, now);
        checkLimit(limit);
        Counter c = counter(key, window);
        if (c instanceof Bucket) {
            return ((Bucket) c).tryConsume(amount, limit, window, now, detail);
        }
        return ((Refilling) c).tryConsume(amount, limit, window, now, detail);
    }

    @Override
    public void charge(String key, long amount, long limit, Window window, Instant at) {
        check(key, amount, window, at);
        checkLimit(limit);
        adjust(key, amount, limit, window, at);
    }

    @Override
    public void refund(String key, long amount, long limit, Window window, Instant at) {
        check(key, amount, window, at);
        checkLimit(limit);
        adjust(key, -amount, limit, window, at);
    }

    private void adjust(String key, long delta, long limit, Window window, Instant at) {
        if (delta == 0) {
            return;
        }
        Counter c = live.get(key);
        if (c == null || !c.fits(window)) {
            return; // the consumption's bucket is gone: nothing left to correct
        }
        touch(key, c);
        if (c instanceof Bucket) {
            ((Bucket) c).adjust(delta, window, at);
        } else {
            ((Refilling) c).adjust(delta, limit, at);
        }
    }

    private Counter counter(String key, Window window) {
        for (;;) {
            Counter c = live.get(key);
            if (c == null) {
                c = owner.get(key, k -> newCounter(window));
                live.putIfAbsent(key, c);
                if (owner.getIfPresent(key) != c) {
                    live.remove(key, c); // evicted meanwhile: do not keep a copy the cache no longer owns
                    continue;
                }
            }
            if (c.fits(window)) {
                touch(key, c);
                return c;
            }
            // The rule behind this key changed its window; its old counts mean nothing under the new shape.
            Counter fresh = newCounter(window);
            if (owner.asMap().replace(key, c, fresh)) {
                live.replace(key, c, fresh);
            }
        }
    }

    /** Reads the entry through the cache now and then, so that it counts as used and does not expire. */
    private void touch(String key, Counter c) {
        long now = ticker.read();
        if (now - c.touchedAt > c.idleNanos / 8) {
            c.touchedAt = now;
            owner.getIfPresent(key);
        }
    }

    /** @return the number of keys held, after pending evictions; for tests */
    long size() {
        owner.cleanUp();
        return live.size();
    }

    private static Counter newCounter(Window window) {
        return window.kind() == Window.Kind.REFILLING ? new Refilling(window) : new Bucket(window);
    }

    private static void checkLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, but was " + limit);
        }
    }

    private static void check(String key, long amount, Window window, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0, but was " + amount);
        }
    }

    /** A key's state, with how long it may stay idle before it can be forgotten. */
    abstract static class Counter {
        final long idleNanos;
        /** When the cache last saw this entry read, on its ticker. */
        volatile long touchedAt = Long.MIN_VALUE / 2;

        Counter(long idleNanos) {
            this.idleNanos = idleNanos;
        }

        abstract boolean fits(Window window);
    }

    /** The count of one bucket: a fixed window (id = start millis) or a slice (id = slice index). */
    static final class Slot {
        final long id;
        final AtomicLong count = new AtomicLong();

        Slot(long id) {
            this.id = id;
        }
    }

    /** Fixed and sliding windows: a ring of slots, one per bucket that can still be in the window. */
    static final class Bucket extends Counter {
        private final Window.Kind kind;
        private final int slices;
        private final long sliceMillis;
        private final AtomicReferenceArray<Slot> slots;

        Bucket(Window window) {
            super(idleNanos(window));
            this.kind = window.kind();
            this.slices = window.slices();
            this.sliceMillis = window.sliceMillis();
            this.slots = new AtomicReferenceArray<>(slices);
        }

        private static long idleNanos(Window window) {
            // A fixed window's counter is useless once the window has passed; a sliding one once it has slid by.
            return window.length().toNanos();
        }

        @Override
        boolean fits(Window window) {
            return window.kind() == kind && window.slices() == slices && window.sliceMillis() == sliceMillis;
        }

        private long bucketId(Window window, Instant at) {
            return kind == Window.Kind.FIXED ? window.start().toEpochMilli()
                    : Math.floorDiv(at.toEpochMilli(), sliceMillis);
        }

        private int index(long id) {
            return kind == Window.Kind.FIXED ? 0 : (int) Math.floorMod(id, (long) slices);
        }

        /** The slot of bucket {@code id}, replacing an older bucket's slot; a newer one is kept (conservative). */
        private Slot current(long id) {
            int i = index(id);
            for (;;) {
                Slot s = slots.get(i);
                if (s != null && s.id >= id) {
                    return s;
                }
                Slot fresh = new Slot(id);
                if (slots.compareAndSet(i, s, fresh)) {
                    return fresh;
                }
            }
        }

        /** Usage of the buckets other than {@code mine} that are still in the window ending with bucket {@code id}. */
        private long others(long id, Slot mine) {
            long sum = 0;
            for (int i = 0; i < slices; i++) {
                Slot s = slots.get(i);
                if (s != null && s != mine && s.id > id - slices) {
                    sum += s.count.get();
                }
            }
            return sum;
        }

        Result tryConsume(long amount, long limit, Window window, Instant now, boolean detail) {
            long id = bucketId(window, now);
            Slot slot = current(id);
            for (;;) {
                long others = kind == Window.Kind.FIXED ? 0 : others(id, slot);
                long mine = slot.count.get();
                long used = others + mine;
                if (amount > limit - used) {
                    return new Result(false, used, limit, refusedResetsAt(window, id, used, amount, limit), false);
                }
                if (slot.count.compareAndSet(mine, mine + amount)) {
                    if (!detail) {
                        return GRANTED;
                    }
                    if (kind == Window.Kind.FIXED) {
                        Instant end = window.end();
                        return new Result(true, used + amount, limit, end.getEpochSecond(), end.getNano(), false);
                    }
                    long ms = (id + slices) * sliceMillis;
                    return new Result(true, used + amount, limit, Math.floorDiv(ms, 1000L),
                            (int) Math.floorMod(ms, 1000L) * 1_000_000, false);
                }
            }
        }

        /** When usage has gone back to zero, if nothing more is consumed. */
        private Instant emptyAt(Window window, long id) {
            return kind == Window.Kind.FIXED ? window.end() : Instant.ofEpochMilli((id + slices) * sliceMillis);
        }

        /** When enough of the window's usage has left it for {@code amount} to fit. */
        private Instant refusedResetsAt(Window window, long id, long used, long amount, long limit) {
            if (kind == Window.Kind.FIXED || amount > limit) {
                return emptyAt(window, id);
            }
            long freed = 0;
            for (long oldest = id - slices + 1; oldest <= id; oldest++) {
                Slot s = slots.get(index(oldest));
                if (s != null && s.id == oldest) {
                    freed += s.count.get();
                }
                if (used - freed + amount <= limit) {
                    return Instant.ofEpochMilli((oldest + slices) * sliceMillis);
                }
            }
            return emptyAt(window, id);
        }

        void adjust(long delta, Window window, Instant at) {
            long id = bucketId(window, at);
            Slot s = slots.get(index(id));
            if (s == null || s.id != id) {
                return;
            }
            for (;;) {
                long cur = s.count.get();
                long next = delta >= 0 ? saturatedAdd(cur, delta) : Math.max(0, cur + delta);
                if (s.count.compareAndSet(cur, next)) {
                    return;
                }
            }
        }
    }

    /**
     * A token bucket as one atomic number: the theoretical arrival time {@code tat} (epoch nanoseconds) at which the
     * bucket would be full again. Consuming {@code n} of a limit {@code L} per period {@code P} moves it forward by
     * {@code n * P / L}; the amount fits while {@code tat - now <= P}.
     */
    static final class Refilling extends Counter {
        private final long periodNanos;
        private final AtomicLong tat = new AtomicLong(Long.MIN_VALUE);

        Refilling(Window window) {
            super(window.length().toNanos());
            this.periodNanos = window.length().toNanos();
        }

        @Override
        boolean fits(Window window) {
            return window.kind() == Window.Kind.REFILLING && window.length().toNanos() == periodNanos;
        }

        private long increment(long amount, long limit) {
            double inc = Math.ceil(amount * (periodNanos / (double) limit));
            return inc >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) inc;
        }

        private long used(long backlogNanos, long limit) {
            if (backlogNanos <= 0) {
                return 0;
            }
            return Math.min(limit, (long) Math.ceil(backlogNanos / (periodNanos / (double) limit)));
        }

        Result tryConsume(long amount, long limit, Window window, Instant now, boolean detail) {
            long nowNanos = nanos(now);
            if (limit == 0) {
                boolean ok = amount == 0;
                return ok && !detail ? GRANTED : new Result(ok, 0, 0, instant(nowNanos + periodNanos), false);
            }
            if (amount > limit) {
                long backlog = Math.max(0, tat.get() - nowNanos);
                return new Result(false, used(backlog, limit), limit, instant(nowNanos + backlog + periodNanos),
                        false);
            }
            long inc = increment(amount, limit);
            for (;;) {
                long t = tat.get();
                long base = Math.max(t, nowNanos);
                long next = base + inc;
                if (next - nowNanos > periodNanos) {
                    return new Result(false, used(base - nowNanos, limit), limit,
                            instant(next - periodNanos), false);
                }
                if (tat.compareAndSet(t, next)) {
                    if (!detail) {
                        return GRANTED;
                    }
                    return new Result(true, used(next - nowNanos, limit), limit, Math.floorDiv(next, NANOS),
                            (int) Math.floorMod(next, NANOS), false);
                }
            }
        }

        void adjust(long delta, long limit, Instant at) {
            if (limit == 0) {
                return;
            }
            long inc = increment(Math.abs(delta), limit);
            long atNanos = nanos(at);
            for (;;) {
                long t = tat.get();
                long next;
                if (delta > 0) {
                    // Usage added at the consumption's time; whatever has refilled since stays refilled.
                    next = Math.max(t, atNanos) + inc;
                } else {
                    if (t == Long.MIN_VALUE) {
                        return;
                    }
                    next = Math.max(0, t - inc);
                }
                if (tat.compareAndSet(t, next)) {
                    return;
                }
            }
        }
    }

    private static long nanos(Instant t) {
        long s = t.getEpochSecond();
        if (s > 9_000_000_000L) {
            return Long.MAX_VALUE / 2;
        }
        return s * 1_000_000_000L + t.getNano();
    }

    private static final long NANOS = 1_000_000_000L;

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS), Math.floorMod(epochNanos, NANOS));
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Each key may stay idle for its own window's length, measured on Caffeine's ticker. */
    private static final class IdleExpiry implements Expiry<String, Counter> {
        @Override
        public long expireAfterCreate(String key, Counter value, long currentTime) {
            return value.idleNanos;
        }

        @Override
        public long expireAfterUpdate(String key, Counter value, long currentTime, long currentDuration) {
            return value.idleNanos;
        }

        @Override
        public long expireAfterRead(String key, Counter value, long currentTime, long currentDuration) {
            return value.idleNanos;
        }
    }
}
