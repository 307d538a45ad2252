package dev.aims.evidence.discover;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link TraceDiscovery#scan} found: the AI calls no AIMS span governed, grouped; the calls AIMS governed,
 * counted; and what was read.
 *
 * <p>{@link #governedCalls()} counts the spans of AIMS's governed calls (denied ones included); the client spans of
 * the HTTP or gRPC requests such a call made are part of it and not counted again. Immutable.
 */
public final class Discovery {
    private final List<Path> files;
    private final long governedCalls;
    private final List<UngovernedUse> ungoverned;
    private final long ungovernedCalls;
    private final Stats stats;

    /**
     * What was read, and how much state the scan held at most.
     *
     * @param lines          lines read
     * @param spans          spans read
     * @param malformedLines lines skipped because they are not OTLP JSON
     * @param skippedSpans   spans skipped for a missing or malformed trace or span id
     * @param duplicateSpans spans read twice (the same export in two files) and counted once
     * @param unreadable     files that could not be read to the end
     * @param peakSpansHeld  the most spans held in open traces at once: bounded by the window, not the input
     * @param peakTracesOpen the most traces open at once
     */
    public record Stats(long lines, long spans, long malformedLines, long skippedSpans, long duplicateSpans,
            long unreadable, long peakSpansHeld, long peakTracesOpen) {
    }

    Discovery(List<Path> files, long governedCalls, List<UngovernedUse> ungoverned, long ungovernedCalls,
            Stats stats) {
        this.files = List.copyOf(files);
        this.governedCalls = governedCalls;
        this.ungoverned = List.copyOf(ungoverned);
        this.ungovernedCalls = ungovernedCalls;
        this.stats = stats;
    }

    /** @return the files read, in order */
    public List<Path> files() {
        return files;
    }

    /** @return the number of AI calls AIMS governed: spans of AIMS's governed calls */
    public long governedCalls() {
        return governedCalls;
    }

    /** @return the ungoverned AI calls, grouped by service, host and path; most calls first */
    public List<UngovernedUse> ungoverned() {
        return ungoverned;
    }

    /** @return the number of ungoverned AI calls, the sum of {@link UngovernedUse#calls()} */
    public long ungovernedCalls() {
        return ungovernedCalls;
    }

    /** @return what was read */
    public Stats stats() {
        return stats;
    }

    /** @return {@code 3 governed, 2 ungoverned AI calls in 120 spans}, without any name from the traces */
    @Override
    public String toString() {
        return governedCalls + " governed, " + ungovernedCalls + " ungoverned AI calls in " + stats.spans()
                + " spans";
    }
}
