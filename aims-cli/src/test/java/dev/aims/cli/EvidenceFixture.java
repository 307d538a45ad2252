package dev.aims.cli;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.ModelAllowList;
import dev.aims.evidence.EvidenceLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Evidence from a real governed client: support-bot 20 allowed and 3 denied calls by principals u-0..u-2,
 * hr-assistant 2 allowed calls, signed with a key in {@code keys/} beside the evidence directory; and an inventory
 * file registering support-bot and legacy-search.
 */
final class EvidenceFixture {
    static final String SECRET = "4111 1111 1111 1111 for Project KESTREL";

    private EvidenceFixture() {
    }

    static Path write(Path dir) throws IOException {
        Path evidence = dir.resolve("evidence");
        try (EvidenceLog log = EvidenceLog.builder().directory(evidence).checkpointEvery(10)
                .signingKey(dir.resolve("keys").resolve("signing.key")).build()) {
            GovernedClient client = GovernedClient.builder()
                    .delegate(req -> AiResponse.builder().message(dev.aims.api.Message.assistant("ok"))
                            .usage(Usage.of(10, 2)).build())
                    .provider("openai")
                    .policy(ModelAllowList.of("gpt-4o*"))
                    .observer(log)
                    .build();
            for (int i = 0; i < 23; i++) {
                CallContext ctx = CallContext.builder().principal("u-" + (i % 3)).systemId("support-bot")
                        .purpose("customer-support").build();
                call(client, i < 20 ? "gpt-4o-mini" : "o1-preview", ctx);
            }
            for (int i = 0; i < 2; i++) {
                call(client, "gpt-4o-mini", CallContext.builder().principal("u-7").systemId("hr-assistant")
                        .purpose("screening").build());
            }
        }
        return evidence;
    }

    /** @return the public key file of the signing key {@link #write} used, kept outside the evidence directory */
    static Path publicKey(Path dir) {
        return dir.resolve("keys").resolve("signing.pub");
    }

    /**
     * One instance of a fleet, in {@code dir}: its own chain, key and instance id; {@code allowed} calls answered
     * with 10 input and 2 output tokens, then {@code denied} calls of a model the allow-list refuses, by principals
     * u-0..u-2 of support-bot.
     */
    static Path instance(Path dir, String id, int allowed, int denied) {
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).instanceId(id).checkpointEvery(5).build()) {
            GovernedClient client = GovernedClient.builder()
                    .delegate(req -> AiResponse.builder().message(dev.aims.api.Message.assistant("ok"))
                            .usage(Usage.of(10, 2)).build())
                    .provider("openai")
                    .policy(ModelAllowList.of("gpt-4o*"))
                    .observer(log)
                    .build();
            for (int i = 0; i < allowed + denied; i++) {
                CallContext ctx = CallContext.builder().principal("u-" + (i % 3)).systemId("support-bot")
                        .purpose("customer-support").build();
                call(client, i < allowed ? "gpt-4o-mini" : "o1-preview", ctx);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static void call(GovernedClient client, String model, CallContext ctx) {
        try {
            client.call(AiRequest.of(model, "card " + SECRET), ctx);
        } catch (AimsException expected) {
            // the denials are part of the fixture
        }
    }

    static Path inventory(Path dir, boolean coverEverything) {
        String hr = coverEverything ? ",{\"id\":\"hr-assistant\",\"intendedUses\":[\"screening\"]}" : "";
        String models = coverEverything ? "[\"gpt-4o*\",\"o1-preview\"]" : "[\"gpt-4o*\"]";
        String legacy = coverEverything ? "" : ",{\"id\":\"legacy-search\"}";
        return writeString(dir.resolve("systems.json"), "{\"strict\":true,\"systems\":[{\"id\":\"support-bot\","
                + "\"owner\":\"support-team\",\"intendedUses\":[\"customer-support\"],\"providers\":[\"openai\"],"
                + "\"allowedModels\":" + models + ",\"impactAssessmentRef\":\"AIA-7\"}" + hr + legacy + "]}");
    }

    static Path writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
