package dev.aims.examples.plain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import dev.aims.testkit.LoopbackOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the application as the README shows it, in its working directory (the build's scratch folder, holding the
 * example policy), against a loopback OpenAI-compatible server that quotes back what it received.
 */
class SupportDeskIT {
    static final String EMAIL = "jane.doe@example.com";

    @BeforeEach
    void freshEvidence() throws IOException {
        for (Path p : List.of(Path.of("evidence"), Path.of("evidence-signing.key"), Path.of("evidence-signing.pub"))) {
            if (Files.exists(p)) {
                try (Stream<Path> all = Files.walk(p)) {
                    for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        assertTrue(Files.isRegularFile(Path.of("aims-policy.json")), "the example policy is in the working directory");
    }

    @Test
    void theProviderGetsPlaceholdersTheAnswerComesBackRestoredAndTheEvidenceVerifies() throws Exception {
        String out;
        try (LoopbackOpenAiServer provider = new LoopbackOpenAiServer(16)) {
            out = runMain(provider.baseUrl());

            // The approved call left once, its address as a placeholder; the unapproved model never left.
            assertEquals(1, provider.bodies().size(), provider.bodies().toString());
            String sent = provider.bodies().get(0);
            assertTrue(sent.contains("Where is my order? I'm <EMAIL_ADDRESS_1>"), sent);
            assertFalse(sent.contains(EMAIL), "the address left the process");
            assertFalse(sent.contains("o1-preview"));
        }
        String[] lines = out.split("\\R");
        assertEquals("You said: Where is my order? I'm " + EMAIL, lines[0], "the answer, restored");
        assertTrue(lines[1].contains("denied by policy 'models-approved'"), lines[1]);
        assertTrue(lines[1].contains("PRE"), lines[1]);

        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(publicKey(Path.of("evidence-signing.pub"))))
                .build().verify(Path.of("evidence"));
        assertTrue(v.intact(), v.summary());
        assertTrue(v.keysPinned());
        assertEquals(2, v.calls(), "both calls are in the log, the denied one too: " + v.summary());
        assertFalse(Files.exists(Path.of("evidence", "evidence-signing.key")), "the private key is not in the log");
        for (Path f : evidenceFiles()) {
            assertFalse(Files.readString(f).contains(EMAIL), f + " holds the address");
        }
    }

    static String runMain(String baseUrl) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SupportDesk.main(new String[] {baseUrl});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    static List<Path> evidenceFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("evidence"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Reads the PEM public key the log wrote beside its private key, to pin it. */
    static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                .decode(body)));
    }
}
