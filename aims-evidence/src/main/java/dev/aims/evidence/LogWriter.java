package dev.aims.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.CallRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Appends entries to one directory's chain: seals each entry onto the head, buffers lines and writes them in one
 * call per batch, checkpoints, rotates and forces to disk as configured. Confined to one thread at a time: the
 * building thread while the log opens, then the writer thread.
 */
final class LogWriter {
    private final Path dir;
    private final LogSettings settings;
    private final KeyPair keys;
    private final String keyFingerprint;
    private final String instanceId;
    private final Clock clock;
    private final MessageDigest sha = Chain.sha256();
    private final Counters counters;
    private final PrincipalPseudonyms pseudonyms;

    private FileChannel channel;
    private long fileNumber;
    private long fileSize;
    private LocalDate fileDay;
    private long seq;
    private String head;
    private long entriesSinceCheckpoint;
    private long lastCheckpointNanos;
    private long lastForceNanos;
    private boolean unforced;
    private final StringBuilder body = new StringBuilder(2048);
    private final StringBuilder line = new StringBuilder(2048);
    private byte[] buffer = new byte[1 << 16];
    private int buffered;

    LogWriter(Path dir, LogSettings settings, KeyPair keys, String instanceId, Counters counters) {
        this.dir = dir;
        this.settings = settings;
        this.keys = keys;
        this.keyFingerprint = SigningKeys.fingerprint(keys.getPublic());
        this.instanceId = instanceId;
        this.clock = settings.clock;
        this.counters = counters;
        this.pseudonyms = settings.principalKey == null ? null : new PrincipalPseudonyms(settings.principalKey);
    }

    /** Opens the file the recovered chain continues in and writes the {@code open} entry. */
    void open(TailRecovery.State state) throws IOException {
        seq = state.seq();
        head = state.head();
        fileNumber = state.fileNumber();
        openFile(state.fileSize());
        if (state.lastEntry() != null) {
            fileDay = day(Instant.parse(state.lastEntry().get(Entries.TS).textValue()));
        }
        if (shouldRotateForDay() || fileSize >= settings.rotateAtBytes) {
            switchFile();
        }
        ObjectNode entry = Entries.entry(++seq, now(), Entries.OPEN);
        ObjectNode body = entry.putObject(Entries.OPEN);
        body.put("instance", instanceId);
        body.put("key", keyFingerprint);
        body.put("keySource", settings.keySource.kind.wireName);
        body.put("principals", pseudonyms == null ? "as-given" : "pseudonymous");
        body.put("required", settings.required);
        body.put("previousSealed", state.sealed());
        if (!state.setAside().isEmpty()) {
            ArrayNode torn = body.putArray("setAside");
            for (TailRecovery.SetAside s : state.setAside()) {
                ObjectNode o = torn.addObject();
                o.put("file", s.file());
                o.put("as", s.setAsideAs());
                o.put("bytes", s.bytes());
                o.put("sha256", s.sha256());
            }
        }
        append(entry);
        lastCheckpointNanos = System.nanoTime();
        flush();
        force();
    }

    void write(CallRecord record) throws IOException {
        if (shouldRotateForDay()) {
            rotate();
        }
        body.setLength(0);
        Entries.callBody(record, pseudonyms, body);
        Chain.Sealed sealed = Chain.sealCall(++seq, record.endedAt().toString(), body.toString(), head, sha, line);
        appendLine(sealed, false);
        counters.written.increment();
        if (entriesSinceCheckpoint >= settings.checkpointEvery) {
            checkpoint(Entries.REASON_COUNT);
        }
        if (fileSize >= settings.rotateAtBytes) {
            rotate();
        }
    }

    /** Called between batches: writes the buffer, then forces or checkpoints when due. */
    void endOfBatch() throws IOException {
        flush();
        long now = System.nanoTime();
        if (entriesSinceCheckpoint > 0 && now - lastCheckpointNanos >= settings.checkpointIntervalNanos) {
            checkpoint(Entries.REASON_TIME);
        }
        if (unforced && (settings.durability == EvidenceLog.Durability.EVERY_ENTRY
                || settings.durability == EvidenceLog.Durability.EVERY_N_MILLIS
                && now - lastForceNanos >= settings.forceIntervalNanos)) {
            force();
        }
    }

    /** @return nanoseconds the writer may wait for a record before a checkpoint or a force falls due */
    long idleNanos() {
        long now = System.nanoTime();
        long wait = Long.MAX_VALUE;
        if (entriesSinceCheckpoint > 0) {
            wait = Math.min(wait, lastCheckpointNanos + settings.checkpointIntervalNanos - now);
        }
        if (unforced && settings.durability == EvidenceLog.Durability.EVERY_N_MILLIS) {
            wait = Math.min(wait, lastForceNanos + settings.forceIntervalNanos - now);
        }
        return Math.max(wait, 0);
    }

    /** Writes and forces everything accepted so far. */
    void sync() throws IOException {
        flush();
        force();
    }

    void close() throws IOException {
        try {
            checkpoint(Entries.REASON_CLOSE);
        } finally {
            channel.close();
        }
    }

    /** Releases the file after a failure, without writing. */
    void abandon() {
        try {
            channel.close();
        } catch (IOException | RuntimeException ignored) {
            // the failure that got us here is what gets reported
        }
    }

    long seq() {
        return seq;
    }

    private void checkpoint(String reason) throws IOException {
        ObjectNode entry = Entries.entry(++seq, now(), Entries.CHECKPOINT);
        entry.put(Entries.PREV, head);
        ObjectNode body = entry.putObject(Entries.CHECKPOINT);
        body.put("count", seq - 1);
        body.put("head", head);
        body.put("reason", reason);
        body.put("instance", instanceId);
        body.put("key", keyFingerprint);
        body.put("refused", counters.refusedSinceCheckpoint.getAndSet(0));
        body.put("blocked", counters.blockedSinceCheckpoint.getAndSet(0));
        byte[] sig = SigningKeys.sign(keys.getPrivate(), EntryParser.signedPayload(entry));
        entry.put(Entries.SIG, Base64.getEncoder().encodeToString(sig));
        entry.remove(Entries.PREV);
        append(entry);
        entriesSinceCheckpoint = 0;
        lastCheckpointNanos = System.nanoTime();
        counters.checkpoints.increment();
        flush();
        force();
    }

    private void rotate() throws IOException {
        if (entriesSinceCheckpoint > 0) {
            checkpoint(Entries.REASON_ROTATION);
        }
        sync();
        switchFile();
    }

    private void switchFile() throws IOException {
        if (fileSize == 0) {
            return;
        }
        channel.close();
        fileNumber++;
        openFile(0);
    }

    private void openFile(long size) throws IOException {
        Path file = dir.resolve(LogDirectory.fileName(fileNumber));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(size);
        fileSize = size;
        fileDay = day(clock.instant());
    }

    private boolean shouldRotateForDay() {
        return settings.rotateDaily && fileSize > 0 && !day(clock.instant()).equals(fileDay);
    }

    private void append(ObjectNode entry) {
        appendLine(Chain.seal(entry, head, sha), Entries.CHECKPOINT.equals(entry.get(Entries.TYPE).textValue()));
    }

    private void appendLine(Chain.Sealed sealed, boolean checkpoint) {
        head = sealed.hash();
        byte[] bytes = (sealed.line() + "\n").getBytes(StandardCharsets.UTF_8);
        if (buffered + bytes.length > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, buffered + bytes.length)];
            System.arraycopy(buffer, 0, bigger, 0, buffered);
            buffer = bigger;
        }
        System.arraycopy(bytes, 0, buffer, buffered, bytes.length);
        buffered += bytes.length;
        fileSize += bytes.length;
        if (!checkpoint) {
            entriesSinceCheckpoint++;
        }
    }

    private void flush() throws IOException {
        if (buffered == 0) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, buffered);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        buffered = 0;
        unforced = true;
        if (buffer.length > 1 << 20) {
            buffer = new byte[1 << 16];
        }
    }

    private void force() throws IOException {
        if (unforced) {
            channel.force(false);
            unforced = false;
        }
        lastForceNanos = System.nanoTime();
    }

    private String now() {
        return clock.instant().toString();
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
