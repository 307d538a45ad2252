package dev.aims.evidence;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.AiSystem;
import dev.aims.api.AimsException;
import dev.aims.api.CallContext;
import dev.aims.api.Finding;
import dev.aims.api.Message;
import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.api.Usage;
import dev.aims.core.GovernedClient;
import dev.aims.core.ModelAllowList;
import dev.aims.core.Policies;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A known mix of governed calls through a real {@link GovernedClient} into an {@link EvidenceLog}, whose counts
 * the report and inventory tests check. Every prompt carries two sensitive values, an e-mail address the redactor
 * masks and a project code name nobody redacts; the provider echoes the prompt back.
 *
 * <pre>
 *  support-bot  40 allowed (gpt-4o-mini, e-mail in the prompt; 10 of them with a parent call and sources kb-1, kb-2)
 *               6 denied   (o1-preview, not in the allow-list)
 *               3 provider errors (the provider throws)
 *               2 governance failures (a policy throws)
 *  hr-assistant 5 allowed  (purpose screening; not in the inventory)
 * </pre>
 * Call i ends at 2025-03-01T23:30Z plus i minutes: calls 0 to 29 on March 1, 30 to 55 on March 2.
 */
final class Workload {
    static final String EMAIL = "alice.secret@example.com";
    static final String PROJECT = "Project NIGHTJAR-7731";
    static final Instant START = Instant.parse("2025-03-01T23:30:00Z");
    static final int CALLS = 56;

    private Workload() {
    }

    /** The inventory: support-bot registered, legacy-search registered and never used, hr-assistant missing. */
    static AiSystemInventory inventory() {
        return AiSystemInventory.builder()
                .register(AiSystem.builder("support-bot").name("Customer support assistant").owner("support-team")
                        .intendedUses(List.of("customer-support")).providers(List.of("openai"))
                        .allowedModels(List.of("gpt-4o*")).riskLevel("limited")
                        .impactAssessmentRef("AIA-2025-007").build())
                .register(AiSystem.builder("legacy-search").intendedUses(List.of("search")).build())
                .build();
    }

    static void run(Path dir) throws IOException {
        EvidenceLogTest.MutableClock clock = new EvidenceLogTest.MutableClock(START);
        try (EvidenceLog log = EvidenceLog.builder().directory(dir).checkpointEvery(20).build()) {
            GovernedClient client = GovernedClient.builder()
                    .delegate(Workload::echo)
                    .provider("openai")
                    .server("api.openai.com", 443)
                    .clock(clock)
                    .redactor(new EmailRedactor())
                    .policy(ModelAllowList.of("gpt-4o*"))
                    .policy(Policies.of("boom-guard", in -> {
                        if (in.request().messages().get(0).text().contains("BOOM")) {
                            throw new IllegalStateException("guard broke");
                        }
                        return true;
                    }, "boom"))
                    .observer(log)
                    .build();
            int i = 0;
            for (int k = 0; k < 40; k++) {
                CallContext.Builder ctx = support(k);
                if (k < 10) {
                    ctx.parentCallId("parent-" + k).sourceId("kb-1").sourceId("kb-2");
                }
                call(client, clock, i++, "gpt-4o-mini", "Hi, I am " + EMAIL + ", about " + PROJECT, ctx.build());
            }
            for (int k = 0; k < 6; k++) {
                call(client, clock, i++, "o1-preview", "Summarise " + PROJECT + " for " + EMAIL,
                        support(k).build());
            }
            for (int k = 0; k < 3; k++) {
                call(client, clock, i++, "gpt-4o-mini", "FAIL " + PROJECT, support(k).build());
            }
            for (int k = 0; k < 2; k++) {
                call(client, clock, i++, "gpt-4o-mini", "BOOM " + PROJECT, support(k).build());
            }
            for (int k = 0; k < 5; k++) {
                call(client, clock, i++, "gpt-4o-mini", "Screen " + PROJECT + " candidate " + EMAIL,
                        CallContext.builder().principal("u-9").systemId("hr-assistant").purpose("screening")
                                .build());
            }
        }
    }

    private static CallContext.Builder support(int k) {
        return CallContext.builder().principal("u-" + (k % 3)).tenant("emea").systemId("support-bot")
                .purpose("customer-support").sessionId("s-" + (k / 5));
    }

    private static void call(GovernedClient client, EvidenceLogTest.MutableClock clock, int i, String model,
            String text, CallContext ctx) {
        clock.set(START.plusSeconds(60L * i));
        try {
            client.call(AiRequest.of(model, text), ctx);
        } catch (AimsException expected) {
            // denials and failures are part of the workload
        }
    }

    private static AiResponse echo(AiRequest request) {
        String text = request.messages().get(0).text();
        if (text.startsWith("FAIL")) {
            throw new IllegalStateException("upstream answered 503");
        }
        return AiResponse.builder().message(Message.assistant("You said: " + text)).usage(Usage.of(30, 12))
                .model("gpt-4o-mini-2024-07-18").responseId("resp-1").build();
    }

    /** Masks the workload's e-mail address, as the real redactor would. */
    static final class EmailRedactor implements Redactor {
        @Override
        public RedactionSession open(Map<String, Operator> overrides) {
            return new RedactionSession() {
                private final List<Finding> findings = new ArrayList<>();

                @Override
                public String redact(String text) {
                    int at = text.indexOf(EMAIL);
                    if (at < 0) {
                        return text;
                    }
                    findings.add(new Finding("EMAIL_ADDRESS", at, at + EMAIL.length(), 1.0));
                    return text.replace(EMAIL, "<EMAIL_ADDRESS_1>");
                }

                @Override
                public List<Finding> findings() {
                    return List.copyOf(findings);
                }

                @Override
                public Map<String, Integer> counts() {
                    return findings.isEmpty() ? Map.of() : Map.of("EMAIL_ADDRESS", findings.size());
                }

                @Override
                public String restore(String text) {
                    return text.replace("<EMAIL_ADDRESS_1>", EMAIL);
                }
            };
        }
    }
}
