package dev.aims.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ed25519 keys for checkpoint signatures. The private key is never kept in the evidence directory: it lives where the
 * user named it (a PEM file, owner read/write only, or a key store) or only in memory for one session. Every public
 * key that signed the log is stored in the directory as a {@code *.pub} file, so that a verifier can work from the
 * directory alone — and can pin a key it got elsewhere. A key is known by its fingerprint, the hex SHA-256 of its
 * X.509 encoding. {@value #PRIVATE_FILE} is the name earlier versions generated the private key under, inside the
 * directory; it is refused now.
 */
final class SigningKeys {
    static final String ALGORITHM = "Ed25519";
    static final String PRIVATE_FILE = "signing.key";
    static final String PUBLIC_SUFFIX = ".pub";

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private SigningKeys() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
        }
    }

    static String fingerprint(PublicKey key) {
        return Chain.hex(Chain.sha256().digest(key.getEncoded()));
    }

    static byte[] sign(PrivateKey key, String payload) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + key.getAlgorithm() + " key", e);
        }
    }

    static boolean verify(PublicKey key, String payload, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * @param keys the pair to check
     * @throws IllegalArgumentException if it is not an Ed25519 pair whose halves belong together
     */
    static void requireUsable(KeyPair keys) {
        if (!ALGORITHM.equalsIgnoreCase(keys.getPrivate().getAlgorithm())
                && !"EdDSA".equalsIgnoreCase(keys.getPrivate().getAlgorithm())) {
            throw new IllegalArgumentException("signingKeys must be an Ed25519 key pair, but was "
                    + keys.getPrivate().getAlgorithm());
        }
        String probe = "aims-evidence key check";
        if (!verify(keys.getPublic(), probe, sign(keys.getPrivate(), probe))) {
            throw new IllegalArgumentException("signingKeys: the public key does not match the private key");
        }
    }

    /**
     * Refuses a directory that still holds a private key generated there by an earlier version: whoever can rewrite
     * the log could re-sign it with that key.
     *
     * @throws IllegalStateException naming the file and the way out
     */
    static void refusePrivateKeyIn(Path dir) {
        Path legacy = dir.resolve(PRIVATE_FILE);
        if (Files.exists(legacy)) {
            throw new IllegalStateException("evidence directory " + dir + " holds a private signing key ("
                    + PRIVATE_FILE + "): whoever can rewrite the log could re-sign it with that key. Move it"
                    + " outside the directory and name it with EvidenceLog.builder().signingKey(path), or delete"
                    + " it; the public keys stay and still verify the checkpoints it signed");
        }
    }

    /**
     * Loads a key pair from a PEM private key file and its public key beside it ({@link #publicFileOf}), or
     * generates the pair into them when the private key file does not exist yet (readable by its owner only).
     *
     * @throws IOException           if the files cannot be read or written
     * @throws IllegalStateException if the private key file is readable by others, its public key is missing or
     *                               the two are not one pair
     */
    static KeyPair loadOrCreate(Path privateFile) throws IOException {
        Path publicFile = publicFileOf(privateFile);
        if (Files.exists(privateFile)) {
            requireOwnerOnly(privateFile);
            if (!Files.exists(publicFile)) {
                throw new IllegalStateException("signing key " + privateFile + " has no public key beside it ("
                        + publicFile.getFileName() + "); restore it, or remove the private key to start a new one");
            }
            KeyPair pair = new KeyPair(readPublic(publicFile), readPrivate(privateFile));
            try {
                requireUsable(pair);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(privateFile + " and " + publicFile + " are not one key pair", e);
            }
            return pair;
        }
        Path parent = privateFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        KeyPair pair = generate();
        writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        LOG.debug("generated the evidence signing key {} (public key {})", privateFile, publicFile.getFileName());
        return pair;
    }

    /** @return the public key file of a private key file: {@code x.key} has {@code x.pub}, any other {@code y} has
     *          {@code y.pub} */
    static Path publicFileOf(Path privateFile) {
        String name = privateFile.getFileName().toString();
        String pub = name.endsWith(".key") ? name.substring(0, name.length() - 4) + PUBLIC_SUFFIX
                : name + PUBLIC_SUFFIX;
        return privateFile.resolveSibling(pub);
    }

    /**
     * Reads an Ed25519 key pair from a key store entry: the private key and the public key of its certificate.
     *
     * @throws IllegalArgumentException naming the alias when it is missing, not a private key entry, not Ed25519,
     *                                  or cannot be recovered with the password
     */
    static KeyPair fromKeyStore(KeyStore store, String alias, char[] password) {
        try {
            if (!store.isKeyEntry(alias)) {
                throw new IllegalArgumentException("signingKey: the key store has no private key entry '" + alias
                        + "'");
            }
            Key key = store.getKey(alias, password);
            Certificate cert = store.getCertificate(alias);
            if (!(key instanceof PrivateKey) || cert == null) {
                throw new IllegalArgumentException("signingKey: key store entry '" + alias
                        + "' is not a private key with a certificate");
            }
            KeyPair pair = new KeyPair(cert.getPublicKey(), (PrivateKey) key);
            requireUsable(pair);
            return pair;
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("signingKey: the private key of key store entry '" + alias
                    + "' cannot be recovered with the password given", e);
        } catch (KeyStoreException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("signingKey: cannot read key store entry '" + alias + "': "
                    + e.getMessage(), e);
        }
    }

    /** Stores the public key in the directory unless a file there already holds it. */
    static void publish(Path dir, PublicKey key) throws IOException {
        String fp = fingerprint(key);
        if (publicKeys(dir).containsKey(fp)) {
            return;
        }
        Path file = dir.resolve("signing-" + fp.substring(0, 16) + PUBLIC_SUFFIX);
        Files.writeString(file, pem("PUBLIC KEY", key.getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW);
    }

    /**
     * @return every public key stored in the directory by fingerprint
     * @throws IOException              if the directory cannot be read
     * @throws IllegalArgumentException naming a file that is not a PEM Ed25519 public key
     */
    static Map<String, PublicKey> publicKeys(Path dir) throws IOException {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + PUBLIC_SUFFIX)) {
            for (Path f : files) {
                PublicKey k = readPublic(f);
                keys.put(fingerprint(k), k);
            }
        }
        return keys;
    }

    static PublicKey readPublic(Path file) throws IOException {
        byte[] der = unpem(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = unpem(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            // The message of a key parsing failure never holds key material, only the structure that was wrong.
            throw new IllegalArgumentException(file + " is not an Ed25519 private key", e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] unpem(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IllegalArgumentException(file + " must be a PEM file starting with '" + begin + "'");
        }
        String body = text.substring(begin.length(), text.length() - end.length()).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds invalid base64 between its PEM markers", e);
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        // A bare file name has no parent of its own: the store is the working directory's.
        boolean posix = Files.getFileStore(file.toAbsolutePath().getParent())
                .supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            // Created with the permissions in one step: there is no moment at which others could open it.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
            java.io.File f = file.toFile();
            boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                    & f.setWritable(false, false) & f.setWritable(true, true) & f.setExecutable(false, false);
            if (!ok) {
                Files.delete(file);
                throw new IOException("cannot restrict " + file + " to its owner");
            }
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IllegalStateException("private key " + file + " must be readable by its owner only, but is "
                    + PosixFilePermissions.toString(perms) + "; run chmod 600 on it");
        }
    }
}
