package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks one instance's chain line by line, checking each entry on its own, its link to the entry before and every
 * checkpoint signature, and stops at the first fault. When a link is broken it looks one line ahead (and, for a
 * sequence jump, through the rest of the log) to tell an inserted line from a deleted, reordered or rewritten one.
 */
final class ChainVerifier {
    private final Map<String, PublicKey> keys;
    private final boolean pinned;
    private final boolean allowUnsealed;

    /** A line, what the parser made of it, and its time once checked. */
    private static final class Item {
        final Lines.Line line;
        final EntryParser.Result result;
        Instant time;

        Item(Lines.Line line, EntryParser.Result result) {
            this.line = line;
            this.result = result;
        }

        boolean ok() {
            return result.ok();
        }
    }

    private final EntryParser parser = new EntryParser();

    private Path reported;
    private String instanceId;
    private long entries;
    private long calls;
    private long checkpoints;
    private long opens;
    private Instant first;
    private Instant last;
    private long refused;
    private final Set<String> keysUsed = new LinkedHashSet<>();

    /**
     * @param keys          the public keys accepted, by fingerprint
     * @param pinned        whether they were given by the user rather than read from the evidence directory
     * @param allowUnsealed whether an unsealed tail is accepted
     */
    ChainVerifier(Map<String, PublicKey> keys, boolean pinned, boolean allowUnsealed) {
        this.keys = keys;
        this.pinned = pinned;
        this.allowUnsealed = allowUnsealed;
    }

    /**
     * @param path      the directory or file named by the user, for the result
     * @param files     the evidence files in chain order
     * @param wholeLog  true for a directory (the chain starts at seq 1 and must be sealed by a closing checkpoint);
     *                  false for one file, whose first entry is taken on trust and which must end with a checkpoint
     */
    Verification verify(Path path, List<Path> files, boolean wholeLog) throws IOException {
        this.reported = path;
        long expectedSeq = wholeLog ? 1 : -1;
        String expectedPrev = Entries.GENESIS;
        Item previous = null;
        Item lastCheckpoint = null;
        Item firstUnsealed = null;
        long unsealed = 0;
        try (Lines lines = new Lines(files)) {
            Item cur = next(lines);
            while (cur != null) {
                Item ahead = next(lines);
                Verification.Fault fault = checkAlone(cur, ahead);
                if (fault == null && expectedSeq != -1 && (cur.result.seq() != expectedSeq
                        || !cur.result.prev().equals(expectedPrev))) {
                    fault = classify(cur, ahead, previous, expectedSeq, expectedPrev, files);
                }
                if (fault == null && Entries.CHECKPOINT.equals(cur.result.type())) {
                    fault = checkCheckpoint(cur);
                }
                if (fault != null) {
                    return result(files, previous, 0, fault);
                }
                count(cur.result, cur.time);
                if (Entries.CHECKPOINT.equals(cur.result.type())) {
                    lastCheckpoint = cur;
                    firstUnsealed = null;
                    unsealed = 0;
                } else {
                    if (firstUnsealed == null) {
                        firstUnsealed = cur;
                    }
                    unsealed++;
                }
                expectedSeq = cur.result.seq() + 1;
                expectedPrev = cur.result.hash();
                previous = cur;
                cur = ahead;
            }
        }
        if (previous == null) {
            return result(files, null, 0, new Verification.Fault(path, 0, Verification.Fault.Kind.DELETED,
                    "no evidence entry in " + path));
        }
        if (!allowUnsealed) {
            if (firstUnsealed != null) {
                return result(files, previous, 0, fault(firstUnsealed, Verification.Fault.Kind.UNSEALED_TAIL,
                        unsealed + " entries from seq " + firstUnsealed.result.seq()
                                + " on are not sealed by a checkpoint (the log was not closed, or its end was cut);"
                                + " use --allow-unsealed for a log still being written"));
            }
            String reason = Entries.text(lastCheckpoint.result.body(), "reason");
            boolean sealed = Entries.REASON_CLOSE.equals(reason)
                    || !wholeLog && Entries.REASON_ROTATION.equals(reason);
            if (!sealed) {
                return result(files, previous, 0, fault(lastCheckpoint, Verification.Fault.Kind.UNSEALED_TAIL,
                        "the log ends with a '" + reason + "' checkpoint, not a closing one (the log is still open,"
                                + " or entries after it were cut); use --allow-unsealed for a log still being"
                                + " written"));
            }
        }
        return result(files, previous, unsealed, null);
    }

    private Item next(Lines lines) throws IOException {
        if (!lines.hasNext()) {
            return null;
        }
        Lines.Line l = lines.next();
        return new Item(l, parser.check(l.text()));
    }

    /** Checks what a line can show without its neighbours: termination, form, hash, time stamp. */
    private Verification.Fault checkAlone(Item cur, Item ahead) {
        if (!cur.line.terminated()) {
            return fault(cur, Verification.Fault.Kind.TORN_TAIL, "the line lacks its line feed: a write was cut"
                    + " short (" + (cur.line.text() == null ? "?" : cur.line.text().length()) + " characters)");
        }
        if (!cur.ok()) {
            if (ahead == null && cur.result.unreadable()) {
                return fault(cur, Verification.Fault.Kind.TORN_TAIL, cur.result.problem()
                        + ", and it is the last line: a write was cut short");
            }
            return fault(cur, Verification.Fault.Kind.MODIFIED, cur.result.problem());
        }
        try {
            cur.time = Instant.parse(cur.result.ts());
        } catch (DateTimeParseException e) {
            return fault(cur, Verification.Fault.Kind.MODIFIED, "member 'ts' is not an ISO-8601 instant");
        }
        return null;
    }

    private Verification.Fault classify(Item cur, Item ahead, Item previous, long expectedSeq, String expectedPrev,
            List<Path> files) throws IOException {
        EntryParser.Result r = cur.result;
        if (r.seq() > expectedSeq) {
            Later later = scanAfter(files, cur.line, expectedSeq, r.seq());
            if (later.expected == null) {
                long missing = r.seq() - expectedSeq;
                return fault(cur, Verification.Fault.Kind.DELETED, (missing == 1 ? "entry seq " + expectedSeq
                        + " is" : missing + " entries, seq " + expectedSeq + " to " + (r.seq() - 1) + ", are")
                        + " missing before this line");
            }
            if (later.sameSeq != null) {
                return fault(cur, Verification.Fault.Kind.INSERTED, "entry seq " + r.seq()
                        + " appears twice; it belongs at " + later.sameSeq);
            }
            if (later.predecessorHash != null && later.predecessorHash.equals(r.prev())) {
                return fault(cur, Verification.Fault.Kind.REORDERED, "entry seq " + r.seq() + " stands where seq "
                        + expectedSeq + " belongs; seq " + expectedSeq + " is at " + later.expected);
            }
            return fault(cur, Verification.Fault.Kind.INSERTED, "entry seq " + r.seq()
                    + " does not belong to the chain: seq " + expectedSeq + " follows at " + later.expected);
        }
        if (r.seq() < expectedSeq) {
            if (previous != null && r.seq() == previous.result.seq() && !r.hash().equals(previous.result.hash())
                    && r.prev().equals(previous.result.prev()) && ahead != null && ahead.ok()
                    && ahead.result.prev().equals(r.hash())) {
                return fault(previous, Verification.Fault.Kind.INSERTED, "entry seq " + r.seq()
                        + " is claimed by two lines and the chain continues from the next one, not this one");
            }
            return fault(cur, Verification.Fault.Kind.INSERTED, "entry seq " + r.seq()
                    + " repeats an earlier position (seq " + expectedSeq + " belongs here)");
        }
        if (ahead != null && ahead.ok() && ahead.result.seq() == expectedSeq
                && ahead.result.prev().equals(expectedPrev)) {
            return fault(cur, Verification.Fault.Kind.INSERTED, "entry seq " + r.seq()
                    + " does not belong to the chain: the next line continues from the entry before it");
        }
        boolean authentic = ahead != null && ahead.ok() && ahead.result.prev().equals(r.hash())
                || Entries.CHECKPOINT.equals(r.type()) && checkCheckpoint(cur) == null;
        if (authentic && previous != null) {
            return fault(previous, Verification.Fault.Kind.MODIFIED, "entry seq " + previous.result.seq()
                    + " was rewritten: its hash is not the one the next entry chains to");
        }
        return fault(cur, Verification.Fault.Kind.MODIFIED, "member 'prev' of entry seq " + r.seq()
                + " is not the hash of the entry before it");
    }

    /** Where, after a line, the entry that belongs there, a second copy of it and its predecessor stand. */
    private static final class Later {
        String expected;
        String sameSeq;
        String predecessorHash;
    }

    private Later scanAfter(List<Path> files, Lines.Line from, long expectedSeq, long seq) throws IOException {
        Later later = new Later();
        boolean past = false;
        try (Lines lines = new Lines(files)) {
            while (lines.hasNext()) {
                Lines.Line l = lines.next();
                if (!past) {
                    past = l.file().equals(from.file()) && l.number() == from.number();
                    continue;
                }
                ObjectNode tree = l.text() == null ? null : parser.tree(l.text());
                JsonNode s = tree == null ? null : tree.get(Entries.SEQ);
                if (s == null || !s.isIntegralNumber()) {
                    continue;
                }
                if (s.longValue() == expectedSeq && later.expected == null) {
                    later.expected = l.place();
                }
                if (s.longValue() == seq && later.sameSeq == null) {
                    later.sameSeq = l.place();
                }
                if (s.longValue() == seq - 1 && later.predecessorHash == null) {
                    later.predecessorHash = Entries.text(tree, Entries.HASH);
                }
            }
        }
        return later;
    }

    private Verification.Fault checkCheckpoint(Item cur) {
        EntryParser.Result r = cur.result;
        JsonNode body = r.body();
        String fp = Entries.text(body, "key");
        PublicKey key = fp == null ? null : keys.get(fp);
        if (key == null) {
            return fault(cur, Verification.Fault.Kind.BAD_SIGNATURE, "checkpoint seq " + r.seq()
                    + " is signed by key " + fp + ", which is not a trusted key");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(r.entry().get(Entries.SIG).textValue());
        } catch (IllegalArgumentException e) {
            return fault(cur, Verification.Fault.Kind.BAD_SIGNATURE, "checkpoint seq " + r.seq()
                    + " has a signature that is not base64");
        }
        if (!SigningKeys.verify(key, EntryParser.signedPayload(r.entry()), sig)) {
            return fault(cur, Verification.Fault.Kind.BAD_SIGNATURE, "the signature of checkpoint seq " + r.seq()
                    + " does not verify with key " + fp.substring(0, 16) + "…");
        }
        if (Entries.number(body, "count", -1) != r.seq() - 1 || !r.prev().equals(Entries.text(body, "head"))) {
            return fault(cur, Verification.Fault.Kind.MODIFIED, "checkpoint seq " + r.seq()
                    + " names a count or head that is not the entry before it");
        }
        keysUsed.add(fp);
        return null;
    }

    private void count(EntryParser.Result r, Instant t) {
        entries++;
        if (first == null || t.isBefore(first)) {
            first = t;
        }
        if (last == null || t.isAfter(last)) {
            last = t;
        }
        switch (r.type()) {
            case Entries.CALL:
                calls++;
                break;
            case Entries.CHECKPOINT:
                checkpoints++;
                refused += Entries.number(r.body(), "refused", 0);
                noteInstance(r.body());
                break;
            default:
                opens++;
                noteInstance(r.body());
        }
    }

    private void noteInstance(JsonNode body) {
        if (instanceId == null) {
            instanceId = Entries.text(body, "instance");
        }
    }

    private Verification result(List<Path> files, Item previous, long unsealed, Verification.Fault fault) {
        return new Verification(reported, instanceId, entries, calls, checkpoints, opens, files.size(), first, last,
                previous == null ? null : previous.result.hash(), unsealed, new ArrayList<>(keysUsed), pinned,
                new ArrayList<>(keys.keySet()), refused, fault);
    }

    private static Verification.Fault fault(Item at, Verification.Fault.Kind kind, String detail) {
        return new Verification.Fault(at.line.file(), at.line.number(), kind, detail);
    }
}
