package dev.aims.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import dev.aims.testkit.LoopbackOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application as it ships — its {@code application.properties}, Spring AI's default model — in its
 * working directory (the build's scratch folder, holding the example policy), against a loopback
 * OpenAI-compatible server that quotes back what it received. Only the endpoint and the key are given.
 */
class SupportApplicationIT {
    static final String EMAIL = "jane.doe@example.com";
    static final String QUESTION = "Where is my order? I'm " + EMAIL;

    @BeforeEach
    void freshEvidence() throws IOException {
        if (Files.exists(Path.of("evidence"))) {
            try (Stream<Path> all = Files.walk(Path.of("evidence"))) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        assertTrue(Files.isRegularFile(Path.of("aims-policy.json")), "the example policy is in the working directory");
    }

    @Test
    void theFirstCallAsWrittenIsAllowedSendsPlaceholdersAndLeavesVerifiableEvidence() throws IOException {
        try (LoopbackOpenAiServer provider = new LoopbackOpenAiServer(16)) {
            try (ConfigurableApplicationContext app = SpringApplication.run(SupportApplication.class,
                    "--spring.ai.openai.base-url=" + provider.baseUrl(), "--spring.ai.openai.api-key=test-key")) {
                String answer = app.getBean(SupportService.class).answer("u-42", QUESTION);

                assertEquals("You said: " + QUESTION, answer, "the answer, restored");
            }
            assertEquals(1, provider.bodies().size(), provider.bodies().toString());
            String sent = provider.bodies().get(0);
            assertTrue(sent.contains("Where is my order? I'm <EMAIL_ADDRESS_1>"), sent);
            assertFalse(sent.contains(EMAIL), "the address left the process");
            // The application names no model: Spring AI's default went out, and the example policy allows it.
            assertTrue(sent.contains("\"model\":\"" + OpenAiChatOptions.DEFAULT_CHAT_MODEL + "\""), sent);
        }

        // The context is closed: the log is sealed, its checkpoints signed with the key published beside it.
        Verification v = EvidenceVerifier.create().verify(Path.of("evidence"));
        assertTrue(v.intact(), v.summary());
        assertEquals(1, v.calls(), v.summary());
        try (Stream<Path> files = Files.list(Path.of("evidence"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertFalse(all.isEmpty());
            for (Path f : all) {
                assertFalse(Files.readString(f).contains(EMAIL), f + " holds the address");
            }
        }
    }
}
