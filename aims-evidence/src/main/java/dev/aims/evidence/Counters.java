package dev.aims.evidence;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What an {@link EvidenceLog} counts, shared by the calling threads and the writer. */
final class Counters {
    final LongAdder written = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final LongAdder blocked = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder lost = new LongAdder();
    /** Refusals not yet reported in a checkpoint entry. */
    final AtomicLong refusedSinceCheckpoint = new AtomicLong();
    /** Callers that had to wait for room, not yet reported in a checkpoint entry. */
    final AtomicLong blockedSinceCheckpoint = new AtomicLong();
}
