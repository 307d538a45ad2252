package dev.aims.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {
    @TempDir
    Path tmp;
    Path evidence;
    Path file;

    @BeforeEach
    void writeEvidence() throws IOException {
        evidence = EvidenceFixture.write(tmp);
        file = evidence.resolve("evidence-000001.jsonl");
    }

    @Test
    void printsASummaryAndThePinnedKeyAndExitsZeroForAnIntactLog() throws Exception {
        Path pub = EvidenceFixture.publicKey(tmp);
        CliRun r = CliRun.of("verify", "--public-key", pub.toString(), "--require-pinned-key", evidence.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches(evidence + ": intact: 29 entries \\(25 calls, 3 checkpoints, 1 sessions\\) in 1"
                + " file, \\S+ \\.\\. \\S+\\R" + evidence + ": signed by key " + fingerprint(pub)
                + " \\(pinned with --public-key\\)\\R");
    }

    @Test
    void warnsWhenNoKeyWasPinnedAndExitsOneIfAPinnedKeyIsRequired() throws Exception {
        String unpinned = evidence + ": no public key pinned: the signatures were checked against the keys stored"
                + " in the evidence directory, which whoever can rewrite the log can replace; pin the signer's key"
                + " with --public-key FILE" + System.lineSeparator();
        CliRun r = CliRun.of("verify", evidence.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains(evidence + ": signed by key " + fingerprint(EvidenceFixture.publicKey(tmp))
                + ", read from the evidence directory (not pinned)");
        assertThat(r.err()).isEqualTo("aims verify: warning: " + unpinned);
        CliRun required = CliRun.of("verify", "--require-pinned-key", evidence.toString());
        assertThat(required.status()).isEqualTo(1);
        assertThat(required.err()).isEqualTo("aims verify: " + unpinned);
    }

    @Test
    void namesTheFirstBadFileLineAndKindAndExitsOne() throws IOException {
        List<String> lines = EvidenceFixture.lines(file);
        lines.set(4, lines.get(4).replace("\"outcome\":\"allowed\"", "\"outcome\":\"denied\""));
        Files.write(file, lines, StandardCharsets.UTF_8);
        CliRun r = CliRun.of("verify", evidence.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("aims verify: " + file + ":5: modified: the entry's content does not match"
                + " its hash" + System.lineSeparator());
    }

    @Test
    void refusesAnUnsealedTailUnlessAllowed() throws IOException {
        List<String> lines = EvidenceFixture.lines(file);
        Files.write(file, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
        CliRun strict = CliRun.of("verify", evidence.toString());
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.err()).contains(file + ":").contains(": unsealed tail: ");
        CliRun allowed = CliRun.of("verify", "--allow-unsealed", evidence.toString());
        assertThat(allowed.status()).isZero();
        assertThat(allowed.out()).contains("unsealed entries at the end (allowed)");
    }

    @Test
    void verifiesASingleFile() {
        assertThat(CliRun.of("verify", file.toString()).status()).isZero();
    }

    @Test
    void trustsOnlyTheGivenPublicKey() throws Exception {
        assertThat(CliRun.of("verify", "--public-key", EvidenceFixture.publicKey(tmp).toString(),
                evidence.toString()).status()).isZero();
        Path other = tmp.resolve("other.pub");
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        Files.writeString(other, "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n");
        CliRun r = CliRun.of("verify", "--public-key", other.toString(), evidence.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains(": bad signature: ").contains("not a trusted key");
    }

    @Test
    void aKeyFileThatIsNoKeyIsAUsageError() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.pub"), "hello");
        CliRun r = CliRun.of("verify", "--public-key", bad.toString(), evidence.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("aims verify: " + bad + ": not a PEM public key (expected '-----BEGIN PUBLIC"
                + " KEY-----')" + System.lineSeparator());
    }

    @Test
    void aMissingPathIsAUsageError() {
        CliRun r = CliRun.of("verify", tmp.resolve("nope").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("nope: no such file or directory");
        assertThat(CliRun.of("verify").status()).isEqualTo(2);
    }

    @Test
    void verifiesEveryChainOfAFleetAndAddsThemUp() {
        Path a = EvidenceFixture.instance(tmp.resolve("i1"), "i-1", 5, 1);
        Path b = EvidenceFixture.instance(tmp.resolve("i2"), "i-2", 3, 0);
        CliRun r = CliRun.of("verify", a.toString(), b.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err().split("\\R")).hasSize(2);
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith(a + ": intact: ").contains("(6 calls,");
        assertThat(lines[1]).startsWith(a + ": signed by key ");
        assertThat(lines[2]).startsWith(b + ": intact: ").contains("(3 calls,");
        assertThat(lines[4]).matches("fleet: 2 chains, 2 intact, 0 broken; \\d+ entries \\(9 calls, \\d+"
                + " checkpoints\\) in the intact ones");
    }

    @Test
    void namesEveryBrokenChainOfAFleetAndStillChecksTheOthers() throws IOException {
        Path a = EvidenceFixture.instance(tmp.resolve("i1"), "i-1", 5, 1);
        Path b = EvidenceFixture.instance(tmp.resolve("i2"), "i-2", 3, 0);
        Path bFile = b.resolve("evidence-000001.jsonl");
        List<String> lines = EvidenceFixture.lines(bFile);
        lines.remove(2);
        Files.write(bFile, lines, StandardCharsets.UTF_8);
        CliRun r = CliRun.of("verify", b.toString(), a.toString(), evidence.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("aims verify: " + bFile + ":3: deleted: ");
        assertThat(r.out()).contains(a + ": intact: ").contains(evidence + ": intact: ")
                .contains("fleet: 3 chains, 2 intact, 1 broken;");
    }

    @Test
    void aMissingDirectoryOfAFleetIsAUsageError() {
        CliRun r = CliRun.of("verify", evidence.toString(), tmp.resolve("nope").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("nope: no such file or directory");
        assertThat(r.out()).isEmpty();
    }

    /** @return the hex SHA-256 of the key's X.509 encoding, computed here independently of the evidence module */
    private static String fingerprint(Path pub) throws Exception {
        byte[] der = PemKeys.readPublic(pub).getEncoded();
        StringBuilder hex = new StringBuilder();
        for (byte x : MessageDigest.getInstance("SHA-256").digest(der)) {
            hex.append(String.format("%02x", x));
        }
        return hex.toString();
    }
}
