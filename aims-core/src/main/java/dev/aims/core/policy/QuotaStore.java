package dev.aims.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where token budgets and rate limits keep their counters. The default, {@link #inMemory()}, keeps them in this JVM
 * (Caffeine, bounded, entries expire when idle) and is lock-free on the hot path; a fleet shares budgets through a
 * store over a distributed database (Redis: one Lua script per round trip, windows as key TTLs) without any change
 * to the rules. Rules counting in the in-process store call the three single-counter methods; rules counting in any
 * other store check and charge every counter one call touches there with one {@link #tryConsumeAll}, and correct
 * them after the call with one {@link #correctAll}, which a store over a network answers in one round trip each.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #tryConsume} is one atomic check-and-charge: if {@code used + amount <= limit} in the window, the
 *       amount is added and the result is granted; otherwise nothing changes and the result is refused. Concurrent
 *       callers never both get an amount that together exceeds the limit.</li>
 *   <li>{@link #charge} and {@link #refund} correct a consumption after the fact (the call used more or fewer
 *       tokens than estimated). They apply to the window bucket the consumption at {@code at} went to; when that
 *       bucket has already left the window they are dropped. A refund never takes a counter below zero.</li>
 *   <li>Keys are opaque; the caller makes them unique per rule and subject. A key used with a window of another
 *       shape (kind, length or slices) starts again from zero.</li>
 *   <li>{@code now}/{@code at} are the caller's time (the governed client's clock). A shared store may use its own
 *       clock for sliding and refilling windows, consistently across the fleet.</li>
 *   <li>A store that cannot reach its backend either throws (the policy fails and AIMS fails closed) or answers from
 *       a local fallback and marks the result {@link Result#degraded() degraded}, which the rule records.</li>
 * </ul>
 * Implementations must be thread-safe.
 */
public interface QuotaStore {
    /**
     * Adds {@code amount} to the key's usage in the window if the result stays within {@code limit}.
     *
     * @param key    the counter's key
     * @param amount what to consume, {@code >= 0}
     * @param limit  the most the window may hold, {@code >= 0}
     * @param window the window
     * @param now    the time of the consumption
     * @return granted or refused, with the usage, what remains and when capacity returns
     * @throws IllegalArgumentException if amount or limit is negative
     * @throws NullPointerException     if an argument is null
     */
    Result tryConsume(String key, long amount, long limit, Window window, Instant now);

    /**
     * Adds to a consumption made at {@code at} without checking the limit (the call used more than reserved).
     *
     * @param key    the counter's key
     * @param amount what to add, {@code >= 0}
     * @param limit  the limit the consumption was made under (a refilling window turns amounts into time with it)
     * @param window the window of the consumption
     * @param at     the time of the consumption being corrected
     * @throws IllegalArgumentException if amount or limit is negative
     * @throws NullPointerException     if an argument is null
     */
    void charge(String key, long amount, long limit, Window window, Instant at);

    /**
     * Gives back part of a consumption made at {@code at} (the call used less than reserved, or never reached the
     * provider).
     *
     * @param key    the counter's key
     * @param amount what to give back, {@code >= 0}
     * @param limit  the limit the consumption was made under
     * @param window the window of the consumption
     * @param at     the time of the consumption being corrected
     * @throws IllegalArgumentException if amount or limit is negative
     * @throws NullPointerException     if an argument is null
     */
    void refund(String key, long amount, long limit, Window window, Instant at);

    /**
     * Checks and charges several counters as one: every amount is added if each fits its limit, none otherwise —
     * the budgets and rate limits of one call, so that a call one of them refuses is charged by none. A store over a
     * network does this in one round trip (Redis: one script); this default asks {@link #tryConsume} for each in
     * turn and refunds the grants when one was refused.
     *
     * @param consumptions the counters and amounts, no key twice
     * @param now          the time of the consumption
     * @return one result per consumption, in order, each saying whether its amount fits ({@link Result#granted()}).
     *         The amounts were added if and only if every result is granted; {@link Result#used()} then includes
     *         them, and otherwise is the usage without them
     * @throws IllegalArgumentException       if a key appears twice
     * @throws NullPointerException           if an argument or an element is null
     * @throws QuotaStoreUnavailableException if the store cannot answer and has no fallback; the caller must take
     *                                        it that nothing was charged
     */
    default List<Result> tryConsumeAll(List<Consumption> consumptions, Instant now) {
        Objects.requireNonNull(now, "now");
        Consumption.checkDistinct(consumptions);
        List<Result> results = new ArrayList<>(consumptions.size());
        boolean all = true;
        try {
            for (Consumption c : consumptions) {
                Result r = tryConsume(c.key(), c.amount(), c.limit(), c.window(), now);
                results.add(r);
                all &= r.granted();
            }
        } catch (QuotaStoreUnavailableException e) {
            giveBack(consumptions, results, now);
            throw e;
        }
        if (all) {
            return results;
        }
        giveBack(consumptions, results, now);
        List<Result> told = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            told.add(r.granted() ? new Result(true, r.used() - consumptions.get(i).amount(), r.limit,
                    r.resetSeconds, r.resetNanos, r.degraded()) : r);
        }
        return told;
    }

    /**
     * Refunds the granted ones among the first {@code results.size()} consumptions, as far as the store can be
     * reached: a refund that fails leaves the amount counted, which errs on the side of the limit.
     */
    private void giveBack(List<Consumption> consumptions, List<Result> results, Instant now) {
        for (int i = 0; i < results.size(); i++) {
            Consumption c = consumptions.get(i);
            if (results.get(i).granted() && c.amount() > 0) {
                try {
                    refund(c.key(), c.amount(), c.limit(), c.window(), now);
                } catch (QuotaStoreUnavailableException e) {
                    // counted it stays
                }
            }
        }
    }

    /**
     * Applies several corrections, each on its own as {@link #charge} (a positive amount) or {@link #refund} (a
     * negative one) would: one call's corrections, in one round trip on a store over a network. This default
     * applies them in turn.
     *
     * @param corrections the corrections
     * @throws NullPointerException           if the list or an element is null
     * @throws QuotaStoreUnavailableException if the store could not apply some of them (and has no fallback); the
     *                                        others are applied
     */
    default void correctAll(List<Correction> corrections) {
        QuotaStoreUnavailableException failed = null;
        for (Correction c : corrections) {
            Objects.requireNonNull(c, "correction");
            try {
                if (c.amount() > 0) {
                    charge(c.key(), c.amount(), c.limit(), c.window(), c.at());
                } else if (c.amount() < 0) {
                    refund(c.key(), -c.amount(), c.limit(), c.window(), c.at());
                }
            } catch (QuotaStoreUnavailableException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** @return an in-process store holding at most 100,000 keys */
    static QuotaStore inMemory() {
        return new InMemoryQuotaStore(InMemoryQuotaStore.DEFAULT_MAXIMUM_KEYS);
    }

    /**
     * An in-process store. Keys idle for longer than their window are dropped; when more than {@code maximumKeys}
     * are live, the least useful are evicted, which forgets their usage — size it above the number of budget
     * subjects (principals, tenants, systems) active within a window.
     *
     * @param maximumKeys the most keys kept
     * @return the store
     * @throws IllegalArgumentException if {@code maximumKeys < 1}
     */
    static QuotaStore inMemory(long maximumKeys) {
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximumKeys must be >= 1, but was " + maximumKeys);
        }
        return new InMemoryQuotaStore(maximumKeys);
    }

    /**
     * A counting window: a fixed interval (a calendar day or month), a sliding window of a length counted in equal
     * slices, or a refilling window (a token bucket that refills {@code limit} per period, continuously).
     * Immutable.
     */
    final class Window {
        /** The kinds of window. */
        public enum Kind {
            /** A fixed interval {@code [start, end)}; usage starts at zero in the next one. */
            FIXED,
            /** The last {@code length} of time, in {@code slices} equal slices; usage leaves a slice at a time. */
            SLIDING,
            /** A token bucket holding at most {@code limit}, refilling {@code limit} per {@code length}. */
            REFILLING
        }

        private final Kind kind;
        private final Instant start;
        private final Instant end;
        private final Duration length;
        private final int slices;
        private final long sliceMillis;

        private Window(Kind kind, Instant start, Instant end, Duration length, int slices) {
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.length = length;
            this.slices = slices;
            this.sliceMillis = kind == Kind.SLIDING ? length.toMillis() / slices : 0;
        }

        /**
         * @param start the first instant of the window, inclusive
         * @param end   the end of the window, exclusive
         * @return a fixed window
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code end} is not after {@code start}
         */
        public static Window fixed(Instant start, Instant end) {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("window end must be after start, but was " + end + " <= "
                        + start);
            }
            return new Window(Kind.FIXED, start, end, Duration.between(start, end), 1);
        }

        /**
         * @param length the window's length
         * @param slices how many slices it is counted in, {@code >= 1}; each at least one millisecond
         * @return a sliding window
         * @throws NullPointerException     if the length is null
         * @throws IllegalArgumentException if the length is not positive or a slice would be under a millisecond
         */
        public static Window sliding(Duration length, int slices) {
            Objects.requireNonNull(length, "length");
            if (slices < 1) {
                throw new IllegalArgumentException("slices must be >= 1, but was " + slices);
            }
            if (length.isNegative() || length.toMillis() / slices < 1) {
                throw new IllegalArgumentException("sliding window length / slices must be at least 1 ms, but was "
                        + length + " / " + slices);
            }
            return new Window(Kind.SLIDING, null, null, length, slices);
        }

        /**
         * @param period the time in which an empty bucket refills completely
         * @return a refilling window (token bucket)
         * @throws NullPointerException     if the period is null
         * @throws IllegalArgumentException if the period is under a millisecond
         */
        public static Window refilling(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.toMillis() < 1) {
                throw new IllegalArgumentException("refilling period must be at least 1 ms, but was " + period);
            }
            return new Window(Kind.REFILLING, null, null, period, 1);
        }

        /** @return the kind */
        public Kind kind() {
            return kind;
        }

        /** @return the start of a fixed window; null for other kinds */
        public Instant start() {
            return start;
        }

        /** @return the end of a fixed window; null for other kinds */
        public Instant end() {
            return end;
        }

        /** @return the length of the window (for a refilling window, its refill period) */
        public Duration length() {
            return length;
        }

        /** @return the number of slices of a sliding window; 1 for other kinds */
        public int slices() {
            return slices;
        }

        /** @return the length of one slice in milliseconds, for a sliding window; 0 otherwise */
        long sliceMillis() {
            return sliceMillis;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Window)) {
                return false;
            }
            Window w = (Window) o;
            return kind == w.kind && Objects.equals(start, w.start) && Objects.equals(end, w.end)
                    && length.equals(w.length) && slices == w.slices;
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, start, end, length, slices);
        }

        @Override
        public String toString() {
            switch (kind) {
                case FIXED:
                    return "fixed[" + start + ", " + end + ")";
                case SLIDING:
                    return "sliding " + length + " in " + slices + " slices";
                default:
                    return "refilling every " + length;
            }
        }
    }

    /**
     * One counter's part of {@link #tryConsumeAll}: what to consume from which counter, under which limit and
     * window. The subject names whose usage the counter holds (a principal, tenant or system, as the caller chooses
     * to spell it); a store may keep one subject's counters together, as a Redis Cluster keeps them in one slot, so
     * that the counters one call touches for one subject change in one atomic step. Immutable; its
     * {@code toString()} never shows the key or subject, which name people.
     */
    final class Consumption {
        private final String subject;
        private final String key;
        private final long amount;
        private final long limit;
        private final Window window;

        private Consumption(String subject, String key, long amount, long limit, Window window) {
            this.subject = Objects.requireNonNull(subject, "subject");
            this.key = Objects.requireNonNull(key, "key");
            this.window = Objects.requireNonNull(window, "window");
            if (amount < 0) {
                throw new IllegalArgumentException("amount must be >= 0, but was " + amount);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be >= 0, but was " + limit);
            }
            this.amount = amount;
            this.limit = limit;
        }

        /**
         * @param key    the counter's key, which is also its subject
         * @param amount what to consume, {@code >= 0}
         * @param limit  the most the window may hold, {@code >= 0}
         * @param window the window
         * @return the consumption
         * @throws IllegalArgumentException if amount or limit is negative
         * @throws NullPointerException     if an argument is null
         */
        public static Consumption of(String key, long amount, long limit, Window window) {
            return new Consumption(key, key, amount, limit, window);
        }

        /**
         * @param subject whose usage the counter holds; counters of one subject may be kept together
         * @param key     the counter's key
         * @param amount  what to consume, {@code >= 0}
         * @param limit   the most the window may hold, {@code >= 0}
         * @param window  the window
         * @return the consumption
         * @throws IllegalArgumentException if amount or limit is negative
         * @throws NullPointerException     if an argument is null
         */
        public static Consumption of(String subject, String key, long amount, long limit, Window window) {
            return new Consumption(subject, key, amount, limit, window);
        }

        /** @return whose usage the counter holds */
        public String subject() {
            return subject;
        }

        /** @return the counter's key */
        public String key() {
            return key;
        }

        /** @return what to consume */
        public long amount() {
            return amount;
        }

        /** @return the most the window may hold */
        public long limit() {
            return limit;
        }

        /** @return the window */
        public Window window() {
            return window;
        }

        /**
         * @param amount the new amount, of either sign
         * @param at     the time of the consumption being corrected
         * @return a correction of this counter by {@code amount}
         * @throws NullPointerException if {@code at} is null
         */
        public Correction corrected(long amount, Instant at) {
            return new Correction(subject, key, amount, limit, window, at);
        }

        static void checkDistinct(List<Consumption> consumptions) {
            Objects.requireNonNull(consumptions, "consumptions");
            if (consumptions.size() < 2) {
                if (consumptions.size() == 1) {
                    Objects.requireNonNull(consumptions.get(0), "consumption");
                }
                return;
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < consumptions.size(); i++) {
                Consumption c = Objects.requireNonNull(consumptions.get(i), "consumption");
                if (!keys.add(c.key)) {
                    // the key names a person: say where, not what
                    throw new IllegalArgumentException("consumptions must name each key once, but consumption " + i
                            + " repeats the key of an earlier one");
                }
            }
        }

        @Override
        public String toString() {
            return "QuotaStore.Consumption{amount=" + amount + ", limit=" + limit + ", window=" + window + "}";
        }
    }

    /**
     * One correction of {@link #correctAll}: an amount to add to (positive) or take from (negative) the consumption
     * made at {@code at}, as {@link #charge} and {@link #refund} do. Made with {@link Consumption#corrected}, so
     * that it names the same counter. Immutable; its {@code toString()} never shows the key or subject.
     */
    final class Correction {
        private final String subject;
        private final String key;
        private final long amount;
        private final long limit;
        private final Window window;
        private final Instant at;

        Correction(String subject, String key, long amount, long limit, Window window, Instant at) {
            this.subject = subject;
            this.key = key;
            this.amount = amount;
            this.limit = limit;
            this.window = window;
            this.at = Objects.requireNonNull(at, "at");
        }

        /** @return whose usage the counter holds */
        public String subject() {
            return subject;
        }

        /** @return the counter's key */
        public String key() {
            return key;
        }

        /** @return what to add (positive) or give back (negative) */
        public long amount() {
            return amount;
        }

        /** @return the limit the consumption was made under */
        public long limit() {
            return limit;
        }

        /** @return the window of the consumption */
        public Window window() {
            return window;
        }

        /** @return the time of the consumption being corrected */
        public Instant at() {
            return at;
        }

        @Override
        public String toString() {
            return "QuotaStore.Correction{amount=" + amount + ", limit=" + limit + ", window=" + window + ", at="
                    + at + "}";
        }
    }

    /** The answer of {@link #tryConsume}. Immutable. */
    final class Result {
        private final boolean granted;
        private final long used;
        private final long limit;
        private final long resetSeconds;
        private final int resetNanos;
        private final boolean degraded;

        /**
         * @param granted  whether the amount was consumed
         * @param used     the window's usage after the operation (including the amount when granted)
         * @param limit    the limit asked for
         * @param resetsAt when enough capacity returns for the amount (refused) or usage is back to zero (granted)
         * @param degraded whether the store answered from a fallback rather than its backend
         * @throws NullPointerException if {@code resetsAt} is null
         */
        public Result(boolean granted, long used, long limit, Instant resetsAt, boolean degraded) {
            this(granted, used, limit, Objects.requireNonNull(resetsAt, "resetsAt").getEpochSecond(),
                    resetsAt.getNano(), degraded);
        }

        /** Keeps the reset time as numbers: most results are granted and nobody asks when they reset. */
        Result(boolean granted, long used, long limit, long resetSeconds, int resetNanos, boolean degraded) {
            this.granted = granted;
            this.used = used;
            this.limit = limit;
            this.resetSeconds = resetSeconds;
            this.resetNanos = resetNanos;
            this.degraded = degraded;
        }

        /** @return whether the amount was consumed */
        public boolean granted() {
            return granted;
        }

        /** @return the usage in the window after the operation */
        public long used() {
            return used;
        }

        /** @return what is left of the limit, never negative */
        public long remaining() {
            return Math.max(0, limit - used);
        }

        /**
         * @return when capacity returns: for a refused amount, when it would fit if nothing else were consumed; for a
         *         granted one, when the window's usage is back to zero (a fixed window's end, the current slice's
         *         exit from a sliding window, a full token bucket)
         */
        public Instant resetsAt() {
            return Instant.ofEpochSecond(resetSeconds, resetNanos);
        }

        /** @return whether the store answered from a fallback; rules record it */
        public boolean degraded() {
            return degraded;
        }

        @Override
        public String toString() {
            return "QuotaStore.Result{" + (granted ? "granted" : "refused") + ", used=" + used + ", limit=" + limit
                    + ", resetsAt=" + resetsAt() + (degraded ? ", degraded" : "") + "}";
        }
    }
}
