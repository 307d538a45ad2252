package dev.aims.cli;

import dev.aims.evidence.Verification;
import java.nio.file.Path;

/** The words {@code verify} and {@code report} use to say which public key the log was checked against. */
final class SigningKeyNote {
    private SigningKeyNote() {
    }

    /**
     * @return {@code signed by key FP (pinned with --public-key)}, or {@code signed by key FP, read from the evidence
     *         directory (not pinned)}; several keys are listed comma-separated
     */
    static String describe(Verification v) {
        String keys = v.keyFingerprints().isEmpty() ? "no key (no checkpoint)"
                : (v.keyFingerprints().size() == 1 ? "key " : "keys ") + String.join(", ", v.keyFingerprints());
        return "signed by " + keys + (v.keysPinned() ? " (pinned with --public-key)"
                : ", read from the evidence directory (not pinned)");
    }

    /** @return the warning for a chain whose signatures were checked against the keys stored beside it */
    static String unpinned(Path path) {
        return path + ": no public key pinned: the signatures were checked against the keys stored in the evidence"
                + " directory, which whoever can rewrite the log can replace; pin the signer's key with --public-key"
                + " FILE";
    }
}
