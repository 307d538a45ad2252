package dev.aims.core.policy;

import dev.aims.api.PolicySet;
import dev.aims.api.PolicySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PolicySource} backed by a policy file, reloaded when its content changes — on {@link #reload()}, and, if
 * asked with {@link Builder#checkEvery}, by a background thread that polls the file.
 *
 * <p>Atomic: {@link #current()} returns one immutable {@link PolicySet}, replaced in a single volatile write, so a
 * governed call (which asks once) never sees a mix of two versions. A reload that fails — unreadable file, invalid
 * document, a rule the loader cannot run — changes nothing: the previous set keeps serving, the failure is logged
 * once per distinct content (with every problem) and is visible in {@link #status()} until a good version loads.
 * Polling compares the file's content digest, so it sees changes within one interval regardless of timestamp
 * resolution and follows atomic replacements (a renamed file, a Kubernetes ConfigMap's symlink swap).
 *
 * <p>Thread-safe. {@link #close()} stops the polling thread.
 */
public final class ReloadingPolicySource implements PolicySource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicySource.class);

    private final Path path;
    private final PolicyLoader loader;
    private final Clock clock;
    private volatile ScheduledExecutorService poller;
    private volatile PolicySet current;
    private volatile Status status;
    /** Digest of the content last attempted, loaded or not: unchanged content is not parsed or logged again. */
    private byte[] attempted;

    private ReloadingPolicySource(Builder b) throws IOException {
        this.path = b.path;
        this.loader = b.loader;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        byte[] bytes = Files.readAllBytes(path);
        PolicySet initial = loader.load(PolicyFile.fromBytes(bytes, PolicyFile.Format.of(path), path.toString()));
        this.attempted = digest(bytes);
        this.current = initial;
        Instant now = clock.instant();
        this.status = new Status(true, initial.hash(), initial.policies().size(), now, now, List.of(), null);
        LOG.info("AIMS policy {} loaded: {} rules, hash {}", path, initial.policies().size(), initial.hash());
    }

    private void startPolling(Duration interval) {
        ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aims-policy-reload");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        p.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        poller = p;
    }

    /**
     * @param path   the policy file
     * @param loader turns the file into policies
     * @return a builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Path path, PolicyLoader loader) {
        return new Builder(Objects.requireNonNull(path, "path"), Objects.requireNonNull(loader, "loader"));
    }

    /** @return the set in force; never null */
    @Override
    public PolicySet current() {
        return current;
    }

    /**
     * Reads the file and, if its content changed since the last attempt, loads it. On success the new set replaces
     * the old one atomically; on failure the old set stays and the status says why.
     *
     * @return the status after this attempt
     */
    public synchronized Status reload() {
        Instant now = clock.instant();
        Status before = status;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            String why = "cannot read " + path + ": " + e.getClass().getSimpleName();
            if (before.error().map(why::equals).orElse(false)) {
                return before;
            }
            attempted = null;
            return fail(before, now, List.of(), why);
        }
        byte[] d = digest(bytes);
        if (MessageDigest.isEqual(d, attempted)) {
            return before;
        }
        attempted = d;
        try {
            PolicySet next = loader.load(PolicyFile.fromBytes(bytes, PolicyFile.Format.of(path), path.toString()));
            current = next;
            status = new Status(true, next.hash(), next.policies().size(), now, now, List.of(), null);
            LOG.info("AIMS policy {} reloaded: {} rules, hash {} (was {})", path, next.policies().size(),
                    next.hash(), before.activeHash());
            return status;
        } catch (PolicyValidationException e) {
            return fail(before, now, e.problems(), e.problems().size() + " problem(s): "
                    + String.join("; ", e.lines()));
        }
    }

    private Status fail(Status before, Instant now, List<PolicyValidationException.Problem> problems, String why) {
        status = new Status(false, before.activeHash(), before.activeRules(), before.activeSince(), now, problems,
                why);
        LOG.warn("AIMS policy {} was not reloaded; the previous set (hash {}) stays in force: {}", path,
                before.activeHash(), why);
        return status;
    }

    private void poll() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep polling: a later version of the file may load.
            LOG.warn("AIMS policy {} reload check failed: {}", path, e.getClass().getName());
        }
    }

    /** @return the outcome of the last load or reload attempt */
    public Status status() {
        return status;
    }

    /** Stops polling; the current set stays available. */
    @Override
    public void close() {
        ScheduledExecutorService p = poller;
        if (p != null) {
            p.shutdownNow();
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ReloadingPolicySource{path=" + path + ", " + status + "}";
    }

    /**
     * Where a reloading source stands: the set in force (hash, size, since when) and whether the last attempt
     * failed, with its problems. Immutable.
     */
    public static final class Status {
        private final boolean ok;
        private final String activeHash;
        private final int activeRules;
        private final Instant activeSince;
        private final Instant lastAttempt;
        private final List<PolicyValidationException.Problem> problems;
        private final String error;

        Status(boolean ok, String activeHash, int activeRules, Instant activeSince, Instant lastAttempt,
                List<PolicyValidationException.Problem> problems, String error) {
            this.ok = ok;
            this.activeHash = activeHash;
            this.activeRules = activeRules;
            this.activeSince = activeSince;
            this.lastAttempt = lastAttempt;
            this.problems = List.copyOf(problems);
            this.error = error;
        }

        /** @return whether the last attempt loaded the file (or found it unchanged) */
        public boolean ok() {
            return ok;
        }

        /** @return the hash of the set in force */
        public String activeHash() {
            return activeHash;
        }

        /** @return the number of rules in force */
        public int activeRules() {
            return activeRules;
        }

        /** @return when the set in force was loaded */
        public Instant activeSince() {
            return activeSince;
        }

        /** @return when the file was last loaded or a reload last failed */
        public Instant lastAttempt() {
            return lastAttempt;
        }

        /** @return the problems of the last failed attempt; empty when it succeeded */
        public List<PolicyValidationException.Problem> problems() {
            return problems;
        }

        /** @return why the last attempt failed, when it did */
        public Optional<String> error() {
            return Optional.ofNullable(error);
        }

        @Override
        public String toString() {
            return "Status{" + (ok ? "ok" : "failed: " + error) + ", active=" + activeHash + " (" + activeRules
                    + " rules since " + activeSince + ")}";
        }
    }

    /** Builds a {@link ReloadingPolicySource}. Not thread-safe. */
    public static final class Builder {
        private final Path path;
        private final PolicyLoader loader;
        private Duration interval;
        private Clock clock;

        private Builder(Path path, PolicyLoader loader) {
            this.path = path;
            this.loader = loader;
        }

        /**
         * Polls the file for changes in a daemon thread; without this, the file is reloaded only on
         * {@link ReloadingPolicySource#reload()}.
         *
         * @param interval the delay between checks, at least 100 ms
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if under 100 ms
         * @throws IllegalStateException    if already set
         */
        public Builder checkEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 100) {
                throw new IllegalArgumentException("interval must be at least 100 ms, but was " + interval);
            }
            if (this.interval != null) {
                throw new IllegalStateException("interval was already set to " + this.interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * @param clock the time source of {@link Status}; the UTC system clock by default
         * @return this builder
         * @throws NullPointerException  if null
         * @throws IllegalStateException if already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("clock was already set");
            }
            this.clock = clock;
            return this;
        }

        /**
         * Loads the file; it must be valid, since there is no previous set to fall back on.
         *
         * @return the source, serving the file's set
         * @throws IOException                if the file cannot be read
         * @throws PolicyValidationException if the file is invalid
         */
        public ReloadingPolicySource build() throws IOException {
            ReloadingPolicySource source = new ReloadingPolicySource(this);
            if (interval != null) {
                source.startPolling(interval);
            }
            return source;
        }
    }
}
