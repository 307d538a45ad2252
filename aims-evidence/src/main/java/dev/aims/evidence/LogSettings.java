package dev.aims.evidence;

import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;

/** The settings an {@link EvidenceLog.Builder} resolved, defaults applied. */
final class LogSettings {
    final Path directory;
    final int checkpointEvery;
    final long checkpointIntervalNanos;
    final long rotateAtBytes;
    final boolean rotateDaily;
    final int queueCapacity;
    final boolean failWhenFull;
    final Duration blockTimeout;
    final EvidenceLog.Durability durability;
    final long forceIntervalNanos;
    final KeySource keySource;
    final String instanceId;
    final Clock clock;

    LogSettings(Path directory, int checkpointEvery, Duration checkpointInterval, long rotateAtBytes,
            boolean rotateDaily, int queueCapacity, boolean failWhenFull, Duration blockTimeout,
            EvidenceLog.Durability durability, Duration forceInterval, KeySource keySource, String instanceId,
            Clock clock) {
        this.directory = directory;
        this.checkpointEvery = checkpointEvery;
        this.checkpointIntervalNanos = checkpointInterval.toNanos();
        this.rotateAtBytes = rotateAtBytes;
        this.rotateDaily = rotateDaily;
        this.queueCapacity = queueCapacity;
        this.failWhenFull = failWhenFull;
        this.blockTimeout = blockTimeout;
        this.durability = durability;
        this.forceIntervalNanos = forceInterval.toNanos();
        this.keySource = keySource;
        this.instanceId = instanceId;
        this.clock = clock;
    }
}
