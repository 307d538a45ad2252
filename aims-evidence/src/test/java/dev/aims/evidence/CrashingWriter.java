package dev.aims.evidence;

import java.nio.file.Path;

/**
 * The child process of the crash test: writes records as fast as it can and, after each flush, prints
 * {@code acked N} meaning records 0..N are on disk; the parent kills it without warning.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        EvidenceLog log = EvidenceLog.builder().directory(Path.of(args[0])).checkpointEvery(50)
                .durability(EvidenceLog.Durability.ON_CHECKPOINT).build();
        // Standard output is this child's protocol with the parent test, which reads these lines; not logging.
        System.out.println("started");
        System.out.flush();
        for (int i = 0; ; i++) {
            log.onCall(TestRecords.allowed(i));
            if (i % 25 == 24) {
                log.flush();
                System.out.println("acked " + i);
                System.out.flush();
            }
        }
    }
}
