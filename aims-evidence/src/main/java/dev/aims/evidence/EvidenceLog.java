package dev.aims.evidence;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ObservedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A {@link CallObserver} that keeps a tamper-evident record of every governed call: one JSON line per
 * {@link CallRecord} in a directory, each line chained to the one before by a SHA-256 hash over a canonical form,
 * with checkpoints signed by Ed25519 every N entries, every T seconds, at rotation and at close.
 *
 * <pre>{@code
 * try (EvidenceLog evidence = EvidenceLog.builder().directory(Path.of("/var/lib/app/evidence")).build()) {
 *     GovernedClient client = GovernedClient.builder().delegate(model).observer(evidence).build();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>What a line holds.</b> What the record holds <em>about</em> a call — ids, times, context (principal,
 * tenant, system, purpose, session, lineage), provider and model, every policy decision (policy id and version,
 * stage, effect, reason code, shadow), the policy-set hash, findings by type and count, whether redaction was on,
 * the pseudonyms restored into tool arguments (type and tool), usage, outcome, error type and the request and
 * response digests — and never what was said: the request as sent, the response and decision messages are not
 * written. The principal is the audit identity and is kept as given, unless
 * {@link Builder#pseudonymousPrincipals(byte[])} asks for a keyed pseudonym.
 *
 * <p><b>Never silently lost.</b> {@link #onCall} only puts the record into a bounded queue; one writer thread
 * writes. When the queue is full the configured policy applies: block the caller up to a timeout, or refuse at once;
 * a refused record makes {@code onCall} throw {@link AiGovernanceException}, is counted in {@link #stats()} and in
 * the next checkpoint entry, so that the log itself says how many records it did not receive. If writing fails
 * (a full disk) every later {@code onCall} throws. {@link #close()} drains the queue and seals the log with a final
 * checkpoint; close it, because the writer is a daemon thread.
 *
 * <p><b>The signing key lives apart from the log.</b> Whoever can rewrite the log must not be able to re-sign it, so
 * the private key is never stored in the evidence directory: name a PEM file elsewhere
 * ({@link Builder#signingKey(Path)}, generated there on first use), a {@link KeyStore} entry
 * ({@link Builder#signingKey(KeyStore, String, char[])}) or a key pair ({@link Builder#signingKeys(KeyPair)}). Without
 * one, each session signs with a key generated in memory and never stored, and says so in a warning: the log is
 * still verifiable against the public keys stored beside it, but no one can pin such a key in advance. The
 * {@code open} entry records the key's fingerprint and its source ({@code file}, {@code key-store},
 * {@code key-pair} or {@code session}). A directory that still holds a private key generated there by an earlier
 * version ({@code signing.key}) is refused until the key is moved out.
 *
 * <p><b>Crash recovery.</b> Each directory holds one instance's chain, and one writer at a time (a lock file keeps a
 * second out). When a directory is opened again after a crash, a torn last line is moved into a file named
 * {@code evidence-NNNNNN.jsonl.torn-N} and the chain continues from the last whole entry; the {@code open} entry
 * that starts every session records what was set aside, with its size and SHA-256.
 *
 * <p><b>Required.</b> By default the record is queued when the call has ended, and a refusal fails a call that was
 * already made. A log built {@link Builder#required()} reserves room for the entry when the call begins
 * ({@link #start}) and refuses the call there, before the provider is reached.
 *
 * <p>Thread-safe. {@code onCall} does no I/O unless the queue is full.
 */
public final class EvidenceLog implements CallObserver, AutoCloseable {
    /** When the writer forces written entries to the storage device. */
    public enum Durability {
        /** After every write; a write holds the entries that were waiting when the writer woke up. */
        EVERY_ENTRY,
        /** At most {@link Builder#forceInterval(Duration)} after an entry was written, and at each checkpoint. */
        EVERY_N_MILLIS,
        /** At each checkpoint only; the fastest, and a power cut may cost the entries since the last one. */
        ON_CHECKPOINT
    }

    /**
     * Counters since the log was opened.
     *
     * @param written     call entries written
     * @param checkpoints checkpoint entries written
     * @param blocked     calls whose record had to wait for room in a full queue
     * @param refused     records refused (each made its call fail): the queue stayed full, writing had failed, or
     *                    the log was closed
     * @param lost        records accepted but not written because writing had failed
     * @param queued      records waiting in the queue now
     */
    public record Stats(long written, long checkpoints, long blocked, long refused, long lost, int queued) {
    }

    /** Default number of entries between checkpoints. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 1_000;
    /** Default longest time between an entry and the checkpoint that seals it. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
    /** Default file size at which the writer starts a new file. */
    public static final long DEFAULT_ROTATE_AT_BYTES = 64L << 20;
    /** Default capacity of the queue between callers and the writer. */
    public static final int DEFAULT_QUEUE_CAPACITY = 8_192;
    /** Default longest time a caller waits for room in a full queue. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(1);
    /** Default interval of {@link Durability#EVERY_N_MILLIS}. */
    public static final Duration DEFAULT_FORCE_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceLog.class);
    private static final int BATCH = 1_024;

    private final LogSettings settings;
    private final String instanceId;
    private final String keyFingerprint;
    private final FileChannel lock;
    private final LogWriter writer;
    private final RecordQueue queue;
    private final Counters counters = new Counters();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread thread;
    private final Marker closeMarker = new Marker(true);
    private volatile boolean closed;
    private volatile Throwable failure;

    private EvidenceLog(LogSettings settings) throws IOException {
        this.settings = settings;
        Path dir = settings.directory;
        Files.createDirectories(dir);
        this.lock = LogDirectory.lock(dir);
        try {
            SigningKeys.refusePrivateKeyIn(dir);
            this.instanceId = LogDirectory.instanceId(dir, settings.instanceId);
            KeyPair keys = settings.keySource.resolve(dir);
            SigningKeys.publish(dir, keys.getPublic());
            this.keyFingerprint = SigningKeys.fingerprint(keys.getPublic());
            if (settings.keySource.kind == KeySource.Kind.SESSION) {
                LOG.warn("evidence log {}: no signing key named; checkpoints are signed with a key generated for this"
                        + " session and kept in memory only (public key signing-{}.pub). To let a verifier pin the"
                        + " key, name one with EvidenceLog.builder().signingKey(path) or signingKey(keyStore, …)",
                        dir, keyFingerprint.substring(0, 16));
            }
            TailRecovery.State state = TailRecovery.recover(dir);
            for (TailRecovery.SetAside s : state.setAside()) {
                LOG.warn("evidence log {}: set aside {} torn bytes of {} as {}", dir, s.bytes(), s.file(),
                        s.setAsideAs());
            }
            this.writer = new LogWriter(dir, settings, keys, instanceId, counters);
            writer.open(state);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        this.queue = new RecordQueue(settings.queueCapacity);
        this.thread = new Thread(this::run, "aims-evidence-writer-" + instanceId);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> {
            failure = e;
            LOG.error("evidence log {}: the writer thread died", dir, e);
        });
        thread.start();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues the record for writing; returns at once unless the queue is full.
     *
     * @param record the ended call
     * @throws AiGovernanceException if the record cannot be accepted: the queue stayed full (blocking policy) or
     *                               was full (failing policy), writing has failed, or the log is closed
     * @throws NullPointerException  if the record is null
     */
    @Override
    public void onCall(CallRecord record) {
        Objects.requireNonNull(record, "record");
        inFlight.incrementAndGet();
        try {
            reserve(record.callId());
            queue.put(record);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * When the log is {@linkplain Builder#required() required}, reserves room for the call's entry before the call
     * is made, and refuses the call when there is none: the provider is then never reached. The reservation is
     * filled when the call ends. Otherwise the record is simply queued when the call ends ({@link #onCall}).
     *
     * @param start the call that begins
     * @return what receives the call's record
     * @throws AiGovernanceException if the log is required and cannot take the entry: the queue stayed full or was
     *                               full (per the full-queue policy), writing has failed, or the log is closed
     * @throws NullPointerException  if the start is null
     */
    @Override
    public ObservedCall start(CallStart start) {
        Objects.requireNonNull(start, "start");
        if (!settings.required) {
            return this::onCall;
        }
        inFlight.incrementAndGet();
        try {
            reserve(start.callId());
        } finally {
            inFlight.decrementAndGet();
        }
        return new Reservation();
    }

    /**
     * Waits until every record accepted before this call is written and forced to the storage device.
     *
     * @throws IllegalStateException if the log is closed
     * @throws UncheckedIOException  if writing failed
     */
    public void flush() {
        if (closed) {
            throw new IllegalStateException("evidence log " + settings.directory + " is closed");
        }
        Marker m = new Marker(false);
        enqueue(m);
        await(m);
    }

    /**
     * Stops accepting records, writes those queued, seals the log with a final checkpoint and releases the
     * directory. Calling it again has no effect.
     *
     * @throws UncheckedIOException if writing failed; the records lost are counted in {@link #stats()}
     */
    @Override
    public void close() {
        synchronized (closeMarker) {
            if (!closed) {
                closed = true;
                // A caller that passed the closed check before it was set is still putting its record in; wait for
                // it so that nothing lands in the queue behind the close marker.
                while (inFlight.get() > 0) {
                    LockSupport.parkNanos(10_000);
                }
                enqueue(closeMarker);
                boolean interrupted = false;
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                try {
                    lock.close();
                } catch (IOException e) {
                    LOG.warn("evidence log {}: cannot release the lock: {}", settings.directory, e.toString());
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        await(closeMarker);
    }

    /** @return the counters since the log was opened */
    public Stats stats() {
        return new Stats(counters.written.sum(), counters.checkpoints.sum(), counters.blocked.sum(),
                counters.refused.sum(), counters.lost.sum(), queue.size());
    }

    /** @return the directory holding this instance's chain */
    public Path directory() {
        return settings.directory;
    }

    /** @return the id of the instance whose chain the directory holds */
    public String instanceId() {
        return instanceId;
    }

    /** @return the hex SHA-256 fingerprint of the public key that verifies the checkpoints */
    public String keyFingerprint() {
        return keyFingerprint;
    }

    @Override
    public String toString() {
        return "EvidenceLog{directory=" + settings.directory + ", instance=" + instanceId + "}";
    }

    /** Reserves room for one entry under the full-queue policy, or refuses the call. */
    private void reserve(String callId) {
        if (closed) {
            throw refuse(callId, "the evidence log is closed");
        }
        Throwable f = failure;
        if (f != null) {
            throw refuse(callId, "writing to " + settings.directory + " failed: " + f);
        }
        if (queue.tryReserve()) {
            return;
        }
        if (settings.failWhenFull) {
            throw refuse(callId, "the queue is full (capacity " + settings.queueCapacity + ")");
        }
        counters.blocked.increment();
        counters.blockedSinceCheckpoint.incrementAndGet();
        boolean reserved;
        try {
            reserved = queue.tryReserve(settings.blockTimeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse(callId, "interrupted while waiting for room in the queue");
        }
        if (!reserved) {
            throw refuse(callId, "the queue stayed full for " + settings.blockTimeout + " (capacity "
                    + settings.queueCapacity + ")");
        }
    }

    private AiGovernanceException refuse(String callId, String reason) {
        counters.refused.increment();
        counters.refusedSinceCheckpoint.incrementAndGet();
        return new AiGovernanceException(callId, "evidence log", reason, null);
    }

    /** Room reserved for one call's entry when the call began; filled, once, when it ends. */
    private final class Reservation implements ObservedCall {
        private final AtomicBoolean ended = new AtomicBoolean();

        @Override
        public void end(CallRecord record) {
            Objects.requireNonNull(record, "record");
            if (!ended.compareAndSet(false, true)) {
                throw new IllegalStateException("call " + record.callId() + " ended twice");
            }
            inFlight.incrementAndGet();
            try {
                if (closed) {
                    queue.cancel();
                    LOG.error("evidence log {}: closed while call {} ran; its record was not written",
                            settings.directory, record.callId());
                    throw refuse(record.callId(), "the evidence log was closed while the call ran");
                }
                queue.put(record);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void enqueue(Marker m) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (queue.offerMarker(m, 100)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (!thread.isAlive()) {
                    m.done.completeExceptionally(new IllegalStateException("the evidence writer thread has stopped",
                            failure));
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void await(Marker m) {
        boolean interrupted = false;
        while (!m.done.isDone()) {
            if (!thread.isAlive()) {
                // The writer died without answering (an Error): say so rather than wait forever.
                m.done.completeExceptionally(new IllegalStateException("the evidence writer thread has stopped",
                        failure));
                break;
            }
            try {
                m.done.get(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                // answered below, or not yet
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            m.done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw new UncheckedIOException((IOException) cause);
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw e;
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(BATCH);
        int done = 0;
        try {
            while (true) {
                Object first = queue.poll(writer.idleNanos());
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                for (done = 0; done < batch.size(); done++) {
                    Object item = batch.get(done);
                    if (item instanceof CallRecord) {
                        writer.write((CallRecord) item);
                    } else if (((Marker) item).close) {
                        List<Object> rest = new ArrayList<>();
                        queue.drainTo(rest, Integer.MAX_VALUE);
                        for (Object o : rest) {
                            if (o instanceof CallRecord) {
                                writer.write((CallRecord) o);
                            }
                        }
                        writer.close();
                        ((Marker) item).done.complete(null);
                        return;
                    } else {
                        writer.sync();
                        ((Marker) item).done.complete(null);
                    }
                }
                batch.clear();
                done = 0;
                writer.endOfBatch();
            }
        } catch (InterruptedException e) {
            fail(new IOException("the evidence writer thread was interrupted", e), batch, done);
        } catch (IOException | RuntimeException e) {
            fail(e, batch, done);
        }
    }

    /** After a failure: keeps taking from the queue so that no caller waits forever, counting every record lost. */
    private void fail(Exception e, List<Object> batch, int failedAt) {
        failure = e;
        writer.abandon();
        LOG.error("evidence log {}: writing failed after entry {}; later calls are refused: {}",
                settings.directory, writer.seq(), e.toString());
        List<Object> pending = new ArrayList<>(batch.subList(failedAt, batch.size()));
        boolean closing = false;
        while (true) {
            for (Object item : pending) {
                if (item instanceof CallRecord) {
                    counters.lost.increment();
                } else {
                    ((Marker) item).done.completeExceptionally(e);
                    closing |= ((Marker) item).close;
                }
            }
            if (closing) {
                LOG.error("evidence log {}: {} records were lost", settings.directory, counters.lost.sum());
                return;
            }
            pending.clear();
            try {
                pending.add(queue.take());
            } catch (InterruptedException ie) {
                LOG.error("evidence log {}: {} records were lost", settings.directory, counters.lost.sum());
                return;
            }
            queue.drainTo(pending, Integer.MAX_VALUE);
        }
    }

    private static final class Marker {
        final boolean close;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Marker(boolean close) {
            this.close = close;
        }
    }

    /**
     * Builds an {@link EvidenceLog}. Every setting may be given once; a second call is refused. Only
     * {@link #directory(Path)} is required. Not thread-safe.
     */
    public static final class Builder {
        private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

        private Path directory;
        private int checkpointEvery = -1;
        private Duration checkpointInterval;
        private long rotateAtBytes = -1;
        private boolean rotateDaily;
        private int queueCapacity = -1;
        private Boolean failWhenFull;
        private Duration blockTimeout;
        private Durability durability;
        private Duration forceInterval;
        private KeySource keySource;
        private boolean required;
        private byte[] principalKey;
        private String instanceId;
        private Clock clock;

        private Builder() {
        }

        /**
         * @param directory the directory of this instance's chain; created if missing
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder directory(Path directory) {
            Objects.requireNonNull(directory, "directory");
            requireUnset(this.directory == null, "directory", this.directory);
            this.directory = directory;
            return this;
        }

        /**
         * @param entries entries between checkpoints, at least 1; default {@value #DEFAULT_CHECKPOINT_EVERY}
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         * @throws IllegalStateException    if it was already set
         */
        public Builder checkpointEvery(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("checkpointEvery must be at least 1, but was " + entries);
            }
            requireUnset(checkpointEvery == -1, "checkpointEvery", checkpointEvery);
            checkpointEvery = entries;
            return this;
        }

        /**
         * @param interval the longest time an entry waits for a checkpoint, positive; default 60 s
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if it is not positive
         * @throws IllegalStateException    if it was already set
         */
        public Builder checkpointInterval(Duration interval) {
            Objects.requireNonNull(interval, "checkpointInterval");
            requirePositive(interval, "checkpointInterval");
            requireUnset(checkpointInterval == null, "checkpointInterval", checkpointInterval);
            checkpointInterval = interval;
            return this;
        }

        /**
         * @param bytes the size at which a file is sealed and a new one started, at least 1024; default 64 MiB
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1024
         * @throws IllegalStateException    if it was already set
         */
        public Builder rotateAtBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("rotateAtBytes must be at least 1024, but was " + bytes);
            }
            requireUnset(rotateAtBytes == -1, "rotateAtBytes", rotateAtBytes);
            rotateAtBytes = bytes;
            return this;
        }

        /**
         * Also starts a new file when the UTC day changes; off by default.
         *
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder rotateDaily() {
            requireUnset(!rotateDaily, "rotateDaily", true);
            rotateDaily = true;
            return this;
        }

        /**
         * @param capacity records the queue holds, at least 1; default {@value #DEFAULT_QUEUE_CAPACITY}
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         * @throws IllegalStateException    if it was already set
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, but was " + capacity);
            }
            requireUnset(queueCapacity == -1, "queueCapacity", queueCapacity);
            queueCapacity = capacity;
            return this;
        }

        /**
         * When the queue is full, the caller waits up to {@code timeout} for room, then its call fails. The default,
         * with a timeout of 1 s.
         *
         * @param timeout the longest wait, positive
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if it is not positive
         * @throws IllegalStateException    if a full-queue policy was already set
         */
        public Builder blockWhenFull(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            requirePositive(timeout, "blockWhenFull timeout");
            requireFullQueuePolicyUnset();
            failWhenFull = false;
            blockTimeout = timeout;
            return this;
        }

        /**
         * When the queue is full, the call fails at once with {@link AiGovernanceException}.
         *
         * @return this builder
         * @throws IllegalStateException if a full-queue policy was already set
         */
        public Builder failWhenFull() {
            requireFullQueuePolicyUnset();
            failWhenFull = true;
            return this;
        }

        /**
         * @param durability when written entries are forced to disk; default {@link Durability#EVERY_N_MILLIS}
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder durability(Durability durability) {
            Objects.requireNonNull(durability, "durability");
            requireUnset(this.durability == null, "durability", this.durability);
            this.durability = durability;
            return this;
        }

        /**
         * @param interval the force interval of {@link Durability#EVERY_N_MILLIS}, positive; default 1 s
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if it is not positive
         * @throws IllegalStateException    if it was already set
         */
        public Builder forceInterval(Duration interval) {
            Objects.requireNonNull(interval, "forceInterval");
            requirePositive(interval, "forceInterval");
            requireUnset(forceInterval == null, "forceInterval", forceInterval);
            forceInterval = interval;
            return this;
        }

        /**
         * Signs checkpoints with the given Ed25519 pair; only its public key is stored in the directory.
         *
         * @param keys an Ed25519 key pair
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if it is not a matching Ed25519 pair
         * @throws IllegalStateException    if a signing key was already set
         */
        public Builder signingKeys(KeyPair keys) {
            Objects.requireNonNull(keys, "signingKeys");
            requireNoKey();
            SigningKeys.requireUsable(keys);
            keySource = KeySource.keyPair(keys);
            return this;
        }

        /**
         * Signs checkpoints with the Ed25519 private key in a PEM (PKCS#8) file, its public key in the file beside it
         * ({@code name.key} has {@code name.pub}, any other name {@code name.pub} appended). When the file does not
         * exist, a new pair is generated into the two files when the log is built, the private key readable by its
         * owner only. The file must lie outside the evidence directory; give the {@code .pub} file to whoever
         * verifies the log, so that they can pin it.
         *
         * @param privateKeyFile the private key file, outside the evidence directory
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if a signing key was already set
         */
        public Builder signingKey(Path privateKeyFile) {
            Objects.requireNonNull(privateKeyFile, "signingKey");
            requireNoKey();
            keySource = KeySource.file(privateKeyFile);
            return this;
        }

        /**
         * Signs checkpoints with an Ed25519 private key entry of a key store (made, for instance, with
         * {@code keytool -genkeypair -keyalg Ed25519}); the public key is its certificate's. The entry is read now.
         *
         * @param keyStore a loaded key store
         * @param alias    the entry's alias
         * @param password the entry's password
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException naming the alias when the entry is missing, not an Ed25519 private key
         *                                  with a certificate, or cannot be recovered with the password
         * @throws IllegalStateException    if a signing key was already set
         */
        public Builder signingKey(KeyStore keyStore, String alias, char[] password) {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(password, "password");
            requireNoKey();
            keySource = KeySource.keyStore(SigningKeys.fromKeyStore(keyStore, alias, password));
            return this;
        }

        /**
         * Makes the log required: room for each call's entry is reserved when the call begins
         * ({@link EvidenceLog#start}), and a call the log could not record — the queue stayed full, writing failed,
         * the log is closed — is refused with {@link AiGovernanceException} before the provider is reached. The
         * full-queue policy decides how long a call waits for room. A reservation is held while its call runs, so
         * the queue capacity also bounds the calls in flight. Off by default: then a record that cannot be accepted
         * fails the call only when it has ended.
         *
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder required() {
            requireUnset(!required, "required", true);
            required = true;
            return this;
        }

        /**
         * Writes each call's principal as a keyed pseudonym ({@code context.principalPseudonym}: HMAC-SHA-256, 32
         * hex digits) instead of as given ({@code context.principal}, the default: the principal is the audit
         * identity). The same key gives the same pseudonym, so the report still counts distinct principals; only
         * the key holder can tell who a pseudonym is. The key is copied.
         *
         * @param key the HMAC key, at least 16 bytes
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if it is shorter than 16 bytes
         * @throws IllegalStateException    if it was already set
         */
        public Builder pseudonymousPrincipals(byte[] key) {
            Objects.requireNonNull(key, "pseudonymousPrincipals");
            if (key.length < PrincipalPseudonyms.MIN_KEY_BYTES) {
                throw new IllegalArgumentException("pseudonymousPrincipals key must be at least "
                        + PrincipalPseudonyms.MIN_KEY_BYTES + " bytes, but was " + key.length);
            }
            requireUnset(principalKey == null, "pseudonymousPrincipals", "a key");
            principalKey = key.clone();
            return this;
        }

        /**
         * @param id this instance's id, as recorded in the chain; by default one is generated on first use and kept
         *           in the directory
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if it is not 1 to 128 of {@code A-Z a-z 0-9 . _ : -}
         * @throws IllegalStateException    if it was already set
         */
        public Builder instanceId(String id) {
            Objects.requireNonNull(id, "instanceId");
            if (!INSTANCE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("instanceId must be 1 to 128 of A-Z a-z 0-9 . _ : -, but was '"
                        + id + "'");
            }
            requireUnset(instanceId == null, "instanceId", instanceId);
            instanceId = id;
            return this;
        }

        /**
         * @param clock the clock of checkpoint times and daily rotation; default the UTC system clock
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            requireUnset(this.clock == null, "clock", this.clock);
            this.clock = clock;
            return this;
        }

        /**
         * Opens the directory: takes its lock, loads or creates the signing key, recovers a torn tail and writes
         * the {@code open} entry; then starts the writer.
         *
         * @return the log
         * @throws IllegalStateException if the directory is not set, is in use by another writer, belongs to
         *                               another instance id or holds a private signing key; the named key file lies
         *                               inside it, is readable by others or lacks its public key; or a force
         *                               interval is set without {@link Durability#EVERY_N_MILLIS}
         * @throws IOException           if the directory cannot be read or written
         */
        public EvidenceLog build() throws IOException {
            if (directory == null) {
                throw new IllegalStateException("directory must be set");
            }
            Durability d = durability == null ? Durability.EVERY_N_MILLIS : durability;
            if (forceInterval != null && d != Durability.EVERY_N_MILLIS) {
                throw new IllegalStateException("forceInterval (" + forceInterval
                        + ") requires durability EVERY_N_MILLIS, but durability is " + d);
            }
            return new EvidenceLog(new LogSettings(directory,
                    checkpointEvery == -1 ? DEFAULT_CHECKPOINT_EVERY : checkpointEvery,
                    checkpointInterval == null ? DEFAULT_CHECKPOINT_INTERVAL : checkpointInterval,
                    rotateAtBytes == -1 ? DEFAULT_ROTATE_AT_BYTES : rotateAtBytes, rotateDaily,
                    queueCapacity == -1 ? DEFAULT_QUEUE_CAPACITY : queueCapacity,
                    failWhenFull != null && failWhenFull,
                    blockTimeout == null ? DEFAULT_BLOCK_TIMEOUT : blockTimeout, d,
                    forceInterval == null ? DEFAULT_FORCE_INTERVAL : forceInterval,
                    keySource == null ? KeySource.session() : keySource, required, principalKey, instanceId,
                    clock == null ? Clock.systemUTC() : clock));
        }

        private void requireNoKey() {
            if (keySource != null) {
                throw new IllegalStateException("a signing key was already set: " + keySource);
            }
        }

        private void requireFullQueuePolicyUnset() {
            if (failWhenFull != null) {
                throw new IllegalStateException("the full-queue policy was already set to "
                        + (failWhenFull ? "fail" : "block for " + blockTimeout));
            }
        }

        private static void requireUnset(boolean unset, String name, Object current) {
            if (!unset) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }

        private static void requirePositive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
        }
    }
}
