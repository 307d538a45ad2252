package dev.aims.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * Where an {@link EvidenceLog} takes its checkpoint signing key from, as its builder was told: a PEM file the user
 * named, a key store entry or a key pair (both read when the builder was given them), or — when nothing was named —
 * a key generated for the session and kept in memory only. Never the evidence directory.
 */
final class KeySource {
    /** The kinds of source, in the words the {@code open} entry records. */
    enum Kind {
        SESSION("session"),
        FILE("file"),
        KEY_STORE("key-store"),
        KEY_PAIR("key-pair");

        final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }
    }

    final Kind kind;
    private final Path file;
    private final KeyPair pair;

    private KeySource(Kind kind, Path file, KeyPair pair) {
        this.kind = kind;
        this.file = file;
        this.pair = pair;
    }

    static KeySource session() {
        return new KeySource(Kind.SESSION, null, null);
    }

    static KeySource file(Path file) {
        return new KeySource(Kind.FILE, file, null);
    }

    static KeySource keyStore(KeyPair pair) {
        return new KeySource(Kind.KEY_STORE, null, pair);
    }

    static KeySource keyPair(KeyPair pair) {
        return new KeySource(Kind.KEY_PAIR, null, pair);
    }

    /**
     * @param dir the evidence directory, which must not hold the private key
     * @return the key pair to sign with
     * @throws IllegalStateException if the named file lies inside the evidence directory, or cannot be used
     * @throws IOException           if the file cannot be read or written
     */
    KeyPair resolve(Path dir) throws IOException {
        switch (kind) {
            case FILE:
                requireOutside(dir);
                return SigningKeys.loadOrCreate(file);
            case SESSION:
                return SigningKeys.generate();
            default:
                return pair;
        }
    }

    private void requireOutside(Path dir) throws IOException {
        Path d = real(dir);
        Path f = real(file.toAbsolutePath().getParent()).resolve(file.getFileName());
        if (f.startsWith(d)) {
            throw new IllegalStateException("signingKey " + file + " lies inside the evidence directory " + dir
                    + ": whoever can rewrite the log could re-sign it; keep the private key elsewhere");
        }
    }

    /** @return the real path of what exists, so that a link cannot hide the key inside the directory */
    private static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        return Files.exists(abs) ? abs.toRealPath() : abs;
    }

    @Override
    public String toString() {
        switch (kind) {
            case FILE:
                return "the key file " + file;
            case SESSION:
                return "a key generated for this session";
            case KEY_STORE:
                return "a key store entry";
            default:
                return "a key pair";
        }
    }
}
