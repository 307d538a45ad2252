package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing key lives apart from the log: where the user named it, or only in memory. */
class EvidenceLogSigningKeyTest {
    @TempDir
    Path dir;

    @TempDir
    Path keys;

    @Test
    void withoutANamedKeyNoPrivateKeyIsStoredAndEachSessionSignsWithItsOwnKey() throws IOException {
        String first;
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(1));
            first = log.keyFingerprint();
        }
        String second;
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).build()) {
            log.onCall(TestRecords.allowed(2));
            second = log.keyFingerprint();
        }
        assertThat(second).isNotEqualTo(first);
        assertThat(filesIn(dir)).noneMatch(text -> text.contains("PRIVATE KEY"));
        assertThat(dir.resolve("signing-" + first.substring(0, 16) + ".pub")).exists();
        List<JsonNode> opens = EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "open");
        assertThat(opens).extracting(o -> o.get("open").get("keySource").asText()).containsExactly("session",
                "session");
        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.keysPinned()).isFalse();
        assertThat(v.keyFingerprints()).containsExactly(first, second);
    }

    @Test
    void aKeyNamedByABareFileNameIsGeneratedInTheWorkingDirectory() throws IOException {
        // As the README writes it: signingKey(Path.of("evidence-signing.key")), a path without a parent.
        Path file = Path.of("signing-key-test-" + ProcessHandle.current().pid() + ".key");
        Path pub = Path.of(file.toString().replace(".key", ".pub"));
        try {
            try (EvidenceLog log = EvidenceLog.builder().directory(dir).signingKey(file).build()) {
                log.onCall(TestRecords.allowed(1));
            }
            assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
            Verification v = EvidenceVerifier.builder().trustedKeys(List.of(SigningKeys.readPublic(pub))).build()
                    .verify(dir);
            assertThat(v.intact()).as(v.summary()).isTrue();
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(pub);
        }
    }

    @Test
    void aNamedKeyFileIsGeneratedOutsideTheDirectoryForItsOwnerOnlyAndReused() throws IOException {
        Path file = keys.resolve("evidence-signing.key");
        String first;
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).signingKey(file).build()) {
            log.onCall(TestRecords.allowed(1));
            first = log.keyFingerprint();
        }
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).signingKey(file).build()) {
            log.onCall(TestRecords.allowed(2));
            assertThat(log.keyFingerprint()).isEqualTo(first);
        }
        assertThat(filesIn(dir)).noneMatch(text -> text.contains("PRIVATE KEY"));
        PublicKey pinned = SigningKeys.readPublic(keys.resolve("evidence-signing.pub"));
        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(pinned)).build().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.keysPinned()).isTrue();
        assertThat(v.keyFingerprints()).containsExactly(first);
        assertThat(v.trustedKeyFingerprints()).containsExactly(first);
        List<JsonNode> opens = EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "open");
        assertThat(opens).extracting(o -> o.get("open").get("keySource").asText()).containsExactly("file", "file");
    }

    @Test
    void refusesAKeyFileInsideTheEvidenceDirectory() {
        Path inside = dir.resolve("sub").resolve("my.key");
        assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).signingKey(inside).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("signingKey " + inside + " lies inside the evidence directory " + dir
                        + ": whoever can rewrite the log could re-sign it; keep the private key elsewhere");
        assertThat(inside).doesNotExist();
    }

    @Test
    void refusesAKeyFileReachedThroughALinkIntoTheEvidenceDirectory() throws IOException {
        Path link = keys.resolve("link");
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(link, dir.resolve("sub"));
        assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).signingKey(link.resolve("my.key")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lies inside the evidence directory");
    }

    @Test
    void refusesADirectoryThatStillHoldsAGeneratedPrivateKey() throws IOException {
        Files.writeString(dir.resolve("signing.key"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("evidence directory " + dir + " holds a private signing key (signing.key): whoever can"
                        + " rewrite the log could re-sign it with that key. Move it outside the directory and name it"
                        + " with EvidenceLog.builder().signingKey(path), or delete it; the public keys stay and still"
                        + " verify the checkpoints it signed");
        // Refused before anything was written, and the directory is free for the next try.
        assertThat(EvidenceLogTest.entries(dir)).isEmpty();
        Files.delete(dir.resolve("signing.key"));
        EvidenceLog.builder().directory(dir).build().close();
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws IOException {
        Path file = keys.resolve("k.key");
        EvidenceLog.builder().directory(dir).signingKey(file).build().close();
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EvidenceLog.builder().directory(dir).signingKey(file).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readable by its owner only, but is rw-r--r--");
    }

    @Test
    void signsWithAKeyStoreEntryMadeByKeytool() throws Exception {
        Path store = keys.resolve("signing.p12");
        keytool("-genkeypair", "-keyalg", "Ed25519", "-alias", "evidence", "-dname", "CN=aims evidence",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-validity", "2");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        PublicKey pub = ks.getCertificate("evidence").getPublicKey();
        try (EvidenceLog log = EvidenceLog.builder().directory(dir)
                .signingKey(ks, "evidence", "changeit".toCharArray()).build()) {
            log.onCall(TestRecords.allowed(1));
            assertThat(log.keyFingerprint()).isEqualTo(SigningKeys.fingerprint(pub));
        }
        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(pub)).build().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(EvidenceLogTest.ofType(EvidenceLogTest.entries(dir), "open").get(0).get("open").get("keySource")
                .asText()).isEqualTo("key-store");

        assertThatThrownBy(() -> EvidenceLog.builder().signingKey(ks, "other", "changeit".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signingKey: the key store has no private key entry 'other'");
        assertThatThrownBy(() -> EvidenceLog.builder().signingKey(ks, "evidence", "wrong-pass".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signingKey: the private key of key store entry 'evidence' cannot be recovered with the"
                        + " password given");
    }

    @Test
    void aSuppliedKeyPairLeavesOnlyItsPublicKey() throws IOException {
        KeyPair pair = SigningKeys.generate();
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).signingKeys(pair).build()) {
            log.onCall(TestRecords.allowed(1));
        }
        assertThat(filesIn(dir)).noneMatch(text -> text.contains("PRIVATE KEY"));
        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(pair.getPublic())).build().verify(dir);
        assertThat(v.intact()).as(v.summary()).isTrue();
    }

    @Test
    void refusesASecondKey() {
        EvidenceLog.Builder b = EvidenceLog.builder().signingKey(keys.resolve("a.key"));
        assertThatThrownBy(() -> b.signingKey(keys.resolve("b.key"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("a signing key was already set: the key file " + keys.resolve("a.key"));
        assertThatThrownBy(() -> b.signingKeys(SigningKeys.generate())).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a signing key was already set");
    }

    private static List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static void keytool(String... args) throws Exception {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
