package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the call entries of one or more evidence directories (or single files) within a period, for the inventory
 * and the report. It does not verify; the report runs {@link EvidenceVerifier} for that and says so.
 */
final class EvidenceScan {
    /** A call entry and where it stands. */
    record Call(Path file, long line, long seq, Instant ts, String hash, JsonNode body) {
    }

    private EvidenceScan() {
    }

    /**
     * @param paths evidence directories or files
     * @param from  first instant included, or null
     * @param to    first instant excluded, or null
     * @return the number of lines that were no readable entry (skipped)
     */
    static long calls(List<Path> paths, Instant from, Instant to, Consumer<Call> sink) throws IOException {
        EntryParser parser = new EntryParser();
        long unreadable = 0;
        for (Path path : paths) {
            List<Path> files = Files.isDirectory(path) ? LogDirectory.evidenceFiles(path) : List.of(path);
            try (Lines lines = new Lines(files)) {
                while (lines.hasNext()) {
                    Lines.Line l = lines.next();
                    ObjectNode e = l.text() == null ? null : parser.tree(l.text());
                    if (e == null || !e.path(Entries.TYPE).isTextual() || !e.path(Entries.TS).isTextual()) {
                        unreadable++;
                        continue;
                    }
                    if (!Entries.CALL.equals(e.get(Entries.TYPE).textValue()) || !e.path(Entries.CALL).isObject()) {
                        continue;
                    }
                    Instant ts;
                    try {
                        ts = Instant.parse(e.get(Entries.TS).textValue());
                    } catch (DateTimeParseException ex) {
                        unreadable++;
                        continue;
                    }
                    if (from != null && ts.isBefore(from) || to != null && !ts.isBefore(to)) {
                        continue;
                    }
                    sink.accept(new Call(l.file(), l.number(), Entries.number(e, Entries.SEQ, -1), ts,
                            Entries.text(e, Entries.HASH), e.get(Entries.CALL)));
                }
            }
        }
        return unreadable;
    }
}
