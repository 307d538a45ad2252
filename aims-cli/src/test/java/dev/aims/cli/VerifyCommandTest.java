package dev.aims.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
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
    void printsAOneLineSummaryAndExitsZeroForAnIntactLog() {
        CliRun r = CliRun.of("verify", evidence.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).matches(evidence + ": intact: 29 entries \\(25 calls, 3 checkpoints, 1 sessions\\) in 1"
                + " file, \\S+ \\.\\. \\S+\\R");
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
        assertThat(CliRun.of("verify", "--public-key", evidence.resolve("signing.pub").toString(),
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
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith(a + ": intact: ").contains("(6 calls,");
        assertThat(lines[1]).startsWith(b + ": intact: ").contains("(3 calls,");
        assertThat(lines[2]).matches("fleet: 2 chains, 2 intact, 0 broken; \\d+ entries \\(9 calls, \\d+"
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
}
