package dev.aims.examples.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import dev.aims.testkit.LoopbackOpenAiServer;
import java.io.IOException;
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
 * Runs the AI service as the README shows it, in its working directory (the build's scratch folder, holding the
 * example policy), against a loopback OpenAI-compatible server that first asks for the tool, then quotes back what
 * it received.
 */
class OrderDeskIT {
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
    void eachRoundTripOfTheToolLoopSendsPlaceholdersTheToolGetsTheRealValueAndTheEvidenceVerifies()
            throws Exception {
        OrderTools tools = new OrderTools();
        String answer;
        try (LoopbackOpenAiServer provider = new LoopbackOpenAiServer(16)) {
            answer = OrderDesk.ask(provider.baseUrl(), "test-key", tools);

            // Two round-trips: the question (the model asks for the tool), then the tool's result.
            List<String> sent = provider.bodies();
            assertEquals(2, sent.size(), sent.toString());
            for (String body : sent) {
                assertFalse(body.contains(EMAIL), "the address left the process: " + body);
                assertTrue(body.contains("<EMAIL_ADDRESS_1>"), body);
                assertTrue(body.contains("\"gpt-4o-mini\""), body);
            }
            assertTrue(sent.get(1).contains("Order A-1042 of <EMAIL_ADDRESS_1> was shipped"), sent.get(1));
        }
        // lookupOrder is named in the policy's restoreIntoTools: it got the real address back.
        assertEquals(List.of("Where is my order? I'm " + EMAIL), tools.calls());
        assertEquals("Tool said: Order A-1042 of " + EMAIL + " was shipped on 2 June. | You said: Where is my order?"
                + " I'm " + EMAIL, answer);

        Verification v = EvidenceVerifier.builder().trustedKeys(List.of(publicKey(Path.of("evidence-signing.pub"))))
                .build().verify(Path.of("evidence"));
        assertTrue(v.intact(), v.summary());
        assertTrue(v.keysPinned());
        assertEquals(2, v.calls(), "one entry per round-trip: " + v.summary());
        try (Stream<Path> files = Files.list(Path.of("evidence"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(EMAIL), f + " holds the address");
            }
        }
    }

    /** Reads the PEM public key the log wrote beside its private key, to pin it. */
    static PublicKey publicKey(Path pem) throws Exception {
        String body = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----|\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                .decode(body)));
    }
}
