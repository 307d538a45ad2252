package dev.aims.evidence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EvidenceVerifier} found in one instance's chain: intact, with its figures, or the first fault, with
 * the file, the line and the kind of fault. Immutable.
 */
public final class Verification {
    /** The first place where the chain is not what the writer wrote. */
    public static final class Fault {
        /** The kinds of fault, in the words of {@link #label()}. */
        public enum Kind {
            /** A line's content does not match its hash, it is not a well-formed canonical entry, or it was
             *  rewritten with a fresh hash that the next entry does not chain to. */
            MODIFIED("modified"),
            /** A line that does not belong to the chain: the entry after it continues from the one before it, or
             *  it repeats an earlier position. */
            INSERTED("inserted"),
            /** Entries are missing: the sequence jumps and the missing entries are nowhere in the log. */
            DELETED("deleted"),
            /** Entries are out of order: the entry that belongs here appears later. */
            REORDERED("reordered"),
            /** A checkpoint's signature does not verify, or its key is not a known one. */
            BAD_SIGNATURE("bad signature"),
            /** The last line was cut short by an interrupted write. */
            TORN_TAIL("torn tail"),
            /** Entries after the last checkpoint, or a log not sealed by a closing checkpoint. */
            UNSEALED_TAIL("unsealed tail");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            /** @return the lower-case words used in messages, e.g. {@code bad signature} */
            public String label() {
                return label;
            }
        }

        private final Path file;
        private final long line;
        private final Kind kind;
        private final String detail;

        Fault(Path file, long line, Kind kind, String detail) {
            this.file = Objects.requireNonNull(file, "file");
            this.line = line;
            this.kind = Objects.requireNonNull(kind, "kind");
            this.detail = Objects.requireNonNull(detail, "detail");
        }

        /** @return the file holding the bad line (the directory when the chain has no entry at all) */
        public Path file() {
            return file;
        }

        /** @return the 1-based line number in {@link #file()}; 0 when the fault is not at a line */
        public long line() {
            return line;
        }

        /** @return the kind of fault */
        public Kind kind() {
            return kind;
        }

        /** @return what is wrong, in a sentence naming seq numbers and places, never entry content */
        public String detail() {
            return detail;
        }

        /** @return {@code file:line: kind: detail} */
        @Override
        public String toString() {
            return file + ":" + line + ": " + kind.label() + ": " + detail;
        }
    }

    private final Path path;
    private final String instanceId;
    private final long entries;
    private final long calls;
    private final long checkpoints;
    private final long opens;
    private final int files;
    private final Instant first;
    private final Instant last;
    private final String head;
    private final long unsealed;
    private final List<String> keyFingerprints;
    private final boolean keysPinned;
    private final List<String> trustedKeyFingerprints;
    private final long refused;
    private final Fault fault;

    Verification(Path path, String instanceId, long entries, long calls, long checkpoints, long opens, int files,
            Instant first, Instant last, String head, long unsealed, List<String> keyFingerprints, boolean keysPinned,
            List<String> trustedKeyFingerprints, long refused, Fault fault) {
        this.path = path;
        this.instanceId = instanceId;
        this.entries = entries;
        this.calls = calls;
        this.checkpoints = checkpoints;
        this.opens = opens;
        this.files = files;
        this.first = first;
        this.last = last;
        this.head = head;
        this.unsealed = unsealed;
        this.keyFingerprints = List.copyOf(keyFingerprints);
        this.keysPinned = keysPinned;
        this.trustedKeyFingerprints = List.copyOf(trustedKeyFingerprints);
        this.refused = refused;
        this.fault = fault;
    }

    /** @return whether every hash, link and signature checked out and the log is sealed (or unsealed was allowed) */
    public boolean intact() {
        return fault == null;
    }

    /** @return the first fault, empty when intact */
    public Optional<Fault> fault() {
        return Optional.ofNullable(fault);
    }

    /** @return the directory or file verified */
    public Path path() {
        return path;
    }

    /** @return the instance id the chain's entries name, empty when none was read */
    public Optional<String> instanceId() {
        return Optional.ofNullable(instanceId);
    }

    /** @return the entries checked up to the first fault (all of them when intact) */
    public long entries() {
        return entries;
    }

    /** @return the call entries among them */
    public long calls() {
        return calls;
    }

    /** @return the checkpoint entries among them */
    public long checkpoints() {
        return checkpoints;
    }

    /** @return the {@code open} entries among them: one per session of the writer */
    public long opens() {
        return opens;
    }

    /** @return the evidence files read */
    public int files() {
        return files;
    }

    /** @return the earliest entry time seen */
    public Optional<Instant> firstTimestamp() {
        return Optional.ofNullable(first);
    }

    /** @return the latest entry time seen */
    public Optional<Instant> lastTimestamp() {
        return Optional.ofNullable(last);
    }

    /** @return the hash of the last entry checked, the chain's head when intact */
    public Optional<String> head() {
        return Optional.ofNullable(head);
    }

    /** @return entries after the last checkpoint, which only an allowed unsealed tail leaves in an intact log */
    public long unsealedEntries() {
        return unsealed;
    }

    /** @return fingerprints of the keys whose checkpoint signatures verified */
    public List<String> keyFingerprints() {
        return keyFingerprints;
    }

    /**
     * @return whether the signatures were checked against public keys the verifier was given (pinned), rather than
     *         the {@code *.pub} files stored in the evidence directory, which whoever can rewrite the log can replace
     */
    public boolean keysPinned() {
        return keysPinned;
    }

    /**
     * @return fingerprints of every public key a signature would have been accepted from: the pinned keys, or the
     *         keys stored in the evidence directory
     */
    public List<String> trustedKeyFingerprints() {
        return trustedKeyFingerprints;
    }

    /** @return records the writer reported in its checkpoints as refused by a full queue or a closed log */
    public long refusedRecords() {
        return refused;
    }

    /**
     * @return one line: {@code intact: N entries (C calls, K checkpoints, O sessions) in F files, FIRST .. LAST},
     *         or {@code broken: file:line: kind: detail}
     */
    public String summary() {
        if (fault != null) {
            return "broken: " + fault;
        }
        return String.format(Locale.ROOT, "intact: %d entries (%d calls, %d checkpoints, %d sessions) in %d %s, "
                        + "%s .. %s%s%s", entries, calls, checkpoints, opens, files, files == 1 ? "file" : "files",
                first, last, unsealed > 0 ? ", " + unsealed + " unsealed entries at the end (allowed)" : "",
                refused > 0 ? ", " + refused + " records refused by the writer" : "");
    }

    @Override
    public String toString() {
        return "Verification{" + path + ": " + summary() + "}";
    }
}
