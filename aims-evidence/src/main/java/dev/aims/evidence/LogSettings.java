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
    /** Whether room for each entry is reserved when its call begins, and the call refused without it. */
    final boolean required;
    /** The HMAC key of principal pseudonyms; null to keep principals as given. */
    final byte[] principalKey;
    final String instanceId;
    final Clock clock;

    LogSettings(Path directory, int checkpointEvery, Duration checkpointInterval, long rotateAtBytes,
            boolean rotateDaily, int queueCapacity, boolean failWhenFull, Duration blockTimeout,
            EvidenceLog.Durability durability, Duration forceInterval, KeySource keySource, boolean required,
            byte[] principalKey, String instanceId,
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
        this.required = required;
        this.principalKey = principalKey;
        this.instanceId = instanceId;
        this.clock = clock;
    }
}
