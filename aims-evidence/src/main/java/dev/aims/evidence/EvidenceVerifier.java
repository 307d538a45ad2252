package dev.aims.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks an evidence log written by {@link EvidenceLog}, offline: recomputes every entry's hash over its canonical
 * form, follows the chain across the rotated files, verifies every checkpoint's Ed25519 signature, and requires the
 * log to end with the closing checkpoint. It reports the first fault with its file, line and kind
 * ({@link Verification.Fault.Kind}): modified, inserted, deleted, reordered, bad signature, torn tail or unsealed
 * tail.
 *
 * <p>By default the public keys are the {@code *.pub} files of the evidence directory. That proves the log
 * unchanged since it was signed by whoever held the matching private key — and whoever can rewrite the directory
 * can replace both the log and those files. To prove <em>who</em> signed it, pin the key with
 * {@link Builder#trustedKeys(Collection)}: {@link Verification#keysPinned()} says whether that was done, and
 * {@link Verification#keyFingerprints()} which keys the signatures verified with (each checkpoint names its key).
 *
 * <p>Immutable and thread-safe.
 */
public final class EvidenceVerifier {
    private final boolean allowUnsealed;
    private final List<PublicKey> trustedKeys;

    private EvidenceVerifier(Builder b) {
        this.allowUnsealed = b.allowUnsealed;
        this.trustedKeys = b.trustedKeys;
    }

    /** @return a verifier that requires a sealed log and trusts the keys stored in the directory */
    public static EvidenceVerifier create() {
        return builder().build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a directory (one instance's whole chain) or a single evidence file (its first entry taken on trust,
     * and it must end with a checkpoint; keys are read from its directory).
     *
     * @param path an evidence directory or file
     * @return what was found
     * @throws NoSuchFileException      if the path does not exist
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException naming a {@code *.pub} file that is not an Ed25519 public key
     */
    public Verification verify(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such evidence directory or file");
        }
        boolean directory = Files.isDirectory(path);
        Path dir = directory ? path : path.toAbsolutePath().getParent();
        List<Path> files = directory ? LogDirectory.evidenceFiles(path) : List.of(path);
        return new ChainVerifier(keys(dir), trustedKeys != null, allowUnsealed).verify(path, files, directory);
    }

    /**
     * Verifies several instances' chains, one directory each (each with its own signing key), as a fleet's evidence
     * is kept. Every chain is checked, whatever the others hold.
     *
     * @param directories evidence directories (or files)
     * @return one verification per directory, in the given order
     * @throws NoSuchFileException      if one does not exist
     * @throws IOException              if one cannot be read
     * @throws IllegalArgumentException naming a {@code *.pub} file that is not an Ed25519 public key
     * @throws NullPointerException     if the collection or an element is null
     */
    public List<Verification> verifyAll(Collection<? extends Path> directories) throws IOException {
        List<Verification> all = new ArrayList<>();
        for (Path d : directories) {
            all.add(verify(d));
        }
        return all;
    }

    private Map<String, PublicKey> keys(Path dir) throws IOException {
        if (trustedKeys != null) {
            Map<String, PublicKey> keys = new LinkedHashMap<>();
            for (PublicKey k : trustedKeys) {
                keys.put(SigningKeys.fingerprint(k), k);
            }
            return keys;
        }
        return SigningKeys.publicKeys(dir);
    }

    /** Builds an {@link EvidenceVerifier}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
        private boolean allowUnsealed;
        private boolean allowUnsealedSet;
        private List<PublicKey> trustedKeys;

        private Builder() {
        }

        /**
         * @param allow whether entries after the last checkpoint, or a log not yet sealed by its closing checkpoint,
         *              are accepted, as in a log still being written; default false
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder allowUnsealed(boolean allow) {
            if (allowUnsealedSet) {
                throw new IllegalStateException("allowUnsealed was already set to " + allowUnsealed);
            }
            allowUnsealedSet = true;
            allowUnsealed = allow;
            return this;
        }

        /**
         * @param keys the only Ed25519 public keys whose checkpoint signatures are accepted, instead of the
         *             directory's {@code *.pub} files
         * @return this builder
         * @throws NullPointerException     if the collection or a key is null
         * @throws IllegalArgumentException if it is empty or a key is not Ed25519
         * @throws IllegalStateException    if it was already set
         */
        public Builder trustedKeys(Collection<PublicKey> keys) {
            Objects.requireNonNull(keys, "trustedKeys");
            if (trustedKeys != null) {
                throw new IllegalStateException("trustedKeys was already set to " + trustedKeys.size() + " keys");
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("trustedKeys must hold at least one key, but was empty");
            }
            List<PublicKey> copy = new ArrayList<>();
            for (PublicKey k : keys) {
                Objects.requireNonNull(k, "trustedKeys element");
                if (!SigningKeys.ALGORITHM.equalsIgnoreCase(k.getAlgorithm())
                        && !"EdDSA".equalsIgnoreCase(k.getAlgorithm())) {
                    throw new IllegalArgumentException("trustedKeys must be Ed25519 keys, but one was "
                            + k.getAlgorithm());
                }
                copy.add(k);
            }
            trustedKeys = List.copyOf(copy);
            return this;
        }

        /** @return the verifier */
        public EvidenceVerifier build() {
            return new EvidenceVerifier(this);
        }
    }
}
