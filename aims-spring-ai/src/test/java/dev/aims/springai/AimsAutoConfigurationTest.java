package dev.aims.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiResponse;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.Operator;
import dev.aims.api.Policy;
import dev.aims.api.PolicySet;
import dev.aims.api.Redactor;
import dev.aims.core.Policies;
import dev.aims.evidence.EvidenceLog;
import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import dev.aims.otel.AimsTelemetry;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.FakeRedactor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MimeTypeUtils;

class AimsAutoConfigurationTest {
    static final String EMAIL = "alice.smith@example.org";

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AimsAutoConfiguration.class))
            .withUserConfiguration(Models.class);

    @Configuration(proxyBeanMethods = false)
    static class Models {
        @Bean
        EchoChatModel primaryModel() {
            return new EchoChatModel();
        }

        @Bean
        ChatModel secondModel() {
            return new EchoChatModel();
        }

        @Bean
        RecordingObserver recordingObserver() {
            return new RecordingObserver();
        }
    }

    /** What the AIMS beans of {@link AimsBeans} saw. */
    static final class Seen {
        final List<String> models = new CopyOnWriteArrayList<>();
        final List<Map<String, Operator>> operators = new CopyOnWriteArrayList<>();
    }

    @Configuration(proxyBeanMethods = false)
    static class AimsBeans {
        @Bean
        Seen seen() {
            return new Seen();
        }

        @Bean
        Redactor redactor(Seen seen) {
            FakeRedactor fake = new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"));
            return overrides -> {
                seen.operators.add(overrides);
                return fake.open(overrides);
            };
        }

        @Bean
        Policy alwaysAllows() {
            return Policies.of("always-allows", in -> true, "never");
        }

        @Bean
        CallInterceptor interceptor(Seen seen) {
            return chain -> {
                seen.models.add(chain.request().model());
                return chain.proceed(chain.request());
            };
        }
    }

    @Test
    void everyChatModelBeanIsGovernedWhenEnabled() {
        runner.withPropertyValues("aims.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBeansOfType(ChatModel.class)).hasSize(2)
                    .allSatisfy((name, model) -> assertThat(model).isInstanceOf(GovernedChatModel.class));
            ctx.getBean("primaryModel", ChatModel.class).call("hi");
            ctx.getBean("secondModel", ChatModel.class).call("hi");
            assertThat(ctx.getBean(RecordingObserver.class).records).hasSize(2)
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED));
        });
    }

    @Test
    void chatModelsAreLeftAloneUnlessEnabled() {
        runner.run(ctx -> {
            assertThat(ctx.getBean("primaryModel")).isInstanceOf(EchoChatModel.class);
            assertThat(ctx).doesNotHaveBean(AimsGovernance.class);
        });
        runner.withPropertyValues("aims.enabled=false").run(ctx -> assertThat(ctx.getBean("secondModel"))
                .isInstanceOf(EchoChatModel.class));
    }

    @Test
    void theModelAllowListAndInputLimitComeFromProperties() {
        runner.withPropertyValues("aims.enabled=true", "aims.models.allow=claude-*,gpt-5", "aims.max-input-chars=10")
                .run(ctx -> {
                    ChatModel model = ctx.getBean("secondModel", ChatModel.class);
                    AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                            () -> model.call("hi"));
                    assertThat(e.decision().policyId()).isEqualTo("model-allow-list");
                    assertThat(e.decision().message()).contains("gpt-4o-mini");
                    assertThat(ctx.getBean(AimsGovernance.class).policies()).extracting(Policy::id)
                            .containsExactly("model-allow-list", "max-input-size");
                });
        runner.withPropertyValues("aims.enabled=true", "aims.models.allow=gpt-4o*", "aims.max-input-chars=10")
                .run(ctx -> {
                    AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                            () -> ctx.getBean("secondModel", ChatModel.class).call("a question longer than ten"));
                    assertThat(e.decision().policyId()).isEqualTo("max-input-size");
                });
    }

    @Test
    void aimsBeansInTheContextArePickedUp() {
        runner.withUserConfiguration(AimsBeans.class)
                .withPropertyValues("aims.enabled=true", "aims.redaction.operators[EMAIL_ADDRESS]=MASK")
                .run(ctx -> {
                    ChatModel model = ctx.getBean("secondModel", ChatModel.class);
                    String answer = model.call("mail " + EMAIL);
                    // The configured MASK reached the redactor: the address left masked, so nothing can restore it.
                    assertThat(answer).isEqualTo("You said: mail " + "*".repeat(EMAIL.length()));
                    Seen seen = ctx.getBean(Seen.class);
                    assertThat(seen.operators).singleElement().isEqualTo(Map.of("EMAIL_ADDRESS", Operator.MASK));
                    assertThat(seen.models).containsExactly("gpt-4o-mini");
                    CallRecord rec = ctx.getBean(RecordingObserver.class).only();
                    assertThat(rec.findingCounts()).containsEntry("EMAIL_ADDRESS", 1);
                    assertThat(rec.decisions()).extracting(d -> d.policyId()).containsExactly("always-allows");
                });
    }

    @Test
    void thePolicyFileIsReadByTheLoaderBean() {
        Policy fromFile = Policies.of("from-file", in -> false, "file_says_no");
        runner.withBean(AimsPolicyFileLoader.class, () -> file -> () -> PolicySet.of(List.of(fromFile)))
                .withPropertyValues("aims.enabled=true", "aims.policy-file=config/policy.json")
                .run(ctx -> {
                    AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                            () -> ctx.getBean("secondModel", ChatModel.class).call("hi"));
                    assertThat(e.decision().policyId()).isEqualTo("from-file");
                });
    }

    @Test
    void thePolicyFileIsReadWithAimsCoresLoaderByDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aims-policy.json");
        Files.writeString(file, "{\"schema\": \"aims-policy/v1\", \"version\": \"7\", \"rules\": ["
                + "{\"id\": \"models-approved\", \"type\": \"model-allow-list\", \"models\": [\"claude-*\"]}]}");
        runner.withPropertyValues("aims.enabled=true", "aims.policy-file=" + file).run(ctx -> {
            AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                    () -> ctx.getBean("secondModel", ChatModel.class).call("hi"));
            assertThat(e.decision().policyId()).isEqualTo("models-approved");
        });
    }

    @Test
    void aPolicyFileThatCannotBeReadFailsTheStartNamingIt() {
        runner.withPropertyValues("aims.enabled=true", "aims.policy-file=config/missing.json").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining(
                    "aims.policy-file 'config/missing.json' cannot be read: java.nio.file.NoSuchFileException");
        });
    }

    @Test
    void aimsOwnRedactorIsUsedWhenTheContextDeclaresNone() {
        runner.withPropertyValues("aims.enabled=true", "aims.redaction.operators.credit-card=MASK").run(ctx -> {
            assertThat(ctx).hasSingleBean(AimsRedactor.class);
            ChatModel model = ctx.getBean("secondModel", ChatModel.class);

            String answer = model.call("mail " + EMAIL + " about card 4111 1111 1111 1111");

            String masked = "*".repeat("4111 1111 1111 1111".length());
            assertThat(answer).isEqualTo("You said: mail " + EMAIL + " about card " + masked);
            CallRecord rec = ctx.getBean(RecordingObserver.class).only();
            assertThat(rec.findingCounts()).containsEntry("EMAIL_ADDRESS", 1).containsEntry("CREDIT_CARD", 1);
            assertThat(rec.sentRequest().orElseThrow().messages().get(0).text())
                    .isEqualTo("mail <EMAIL_ADDRESS_1> about card " + masked);
        });
    }

    @Test
    void withNothingButEnabledEveryCallIsRedactedByAimsOwnRedactor() {
        runner.withPropertyValues("aims.enabled=true").run(ctx -> {
            ChatModel model = ctx.getBean("secondModel", ChatModel.class);

            String answer = model.call("mail " + EMAIL + " about card 4111 1111 1111 1111");

            assertThat(ctx.getBean(AimsRedaction.class).redactor()).isSameAs(ctx.getBean(AimsRedactor.class));
            assertThat(answer).isEqualTo("You said: mail " + EMAIL + " about card 4111 1111 1111 1111");
            assertThat(ctx.getBean(RecordingObserver.class).only().sentRequest().orElseThrow().messages().get(0)
                    .text()).isEqualTo("mail <EMAIL_ADDRESS_1> about card <CREDIT_CARD_1>");
        });
    }

    @Test
    void redactionOffIsOneExplicitPropertyThatSendsTextAsWritten() {
        runner.withPropertyValues("aims.enabled=true", "aims.redaction.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(AimsRedactor.class);
            assertThat(ctx.getBean(AimsRedaction.class).redactor()).isSameAs(Redactor.none());

            ctx.getBean("secondModel", ChatModel.class).call("mail " + EMAIL);

            assertThat(ctx.getBean(RecordingObserver.class).only().sentRequest().orElseThrow().messages().get(0)
                    .text()).isEqualTo("mail " + EMAIL);
        });
    }

    @Test
    void redactionOffWithARedactorBeanFailsTheStartRatherThanPickOne() {
        runner.withUserConfiguration(AimsBeans.class)
                .withPropertyValues("aims.enabled=true", "aims.redaction.enabled=false").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageStartingWith(
                            "aims.redaction.enabled=false turns redaction off, but a Redactor bean");
                });
    }

    @Test
    void redactionOffWithAPolicyFileThatDecidesOnFindingsFailsTheStartNamingTheRule(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("aims-policy.json");
        Files.writeString(file, "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": [{\"id\":"
                + " \"no-private-keys\", \"type\": \"sensitive-data\", \"entities\": {\"PRIVATE_KEY\": \"deny\"}}]}");
        runner.withPropertyValues("aims.enabled=true", "aims.redaction.enabled=false", "aims.policy-file=" + file)
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).hasStackTraceContaining("[no-private-keys]");
                    assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class);
                });
    }

    @Test
    void thePolicyFileIsLoadedWithTheRedactorTheCallsUse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aims-policy.json");
        Files.writeString(file, "{\"schema\": \"aims-policy/v1\", \"version\": \"1\", \"rules\": ["
                + "{\"id\": \"answers\", \"type\": \"output\", \"action\": \"redact\","
                + " \"operator\": \"MASK\"}]}");
        runner.withUserConfiguration(AimsBeans.class).withPropertyValues("aims.enabled=true",
                "aims.redaction.operators[PROJECT_CODE]=HASH", "aims.policy-file=" + file).run(ctx -> {
                    ctx.getBean("secondModel", ChatModel.class).call("hi");

                    // The calls' redactor and the output rule's both opened sessions through the one redactor
                    // that carries the configured operators: never through the bare bean.
                    List<Map<String, Operator>> opened = ctx.getBean(Seen.class).operators;
                    assertThat(opened).hasSizeGreaterThanOrEqualTo(2)
                            .allSatisfy(ops -> assertThat(ops).containsEntry("PROJECT_CODE", Operator.HASH));
                });
    }

    static Prompt withInlineImage() {
        return new Prompt(UserMessage.builder().text("what is on this picture?").media(Media.builder()
                .mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2, 3}).build()).build());
    }

    @Test
    void contentAimsCannotReadIsRefusedByDefault() {
        runner.withPropertyValues("aims.enabled=true").run(ctx -> {
            AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                    () -> ctx.getBean("secondModel", ChatModel.class).call(withInlineImage()));

            assertThat(e.decision().reasonCode()).isEqualTo("uninspected_content");
            assertThat(ctx.getBean(RecordingObserver.class).only().uninspectedParts()).isEqualTo(1);
        });
    }

    @Test
    void contentAimsCannotReadIsSentWhenThePropertyAllowsItAndTheRecordSaysSo() {
        runner.withPropertyValues("aims.enabled=true", "aims.uninspected-content=allow").run(ctx -> {
            ctx.getBean("secondModel", ChatModel.class).call(withInlineImage());

            CallRecord rec = ctx.getBean(RecordingObserver.class).only();
            assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
            assertThat(rec.decisions()).anySatisfy(d -> assertThat(d.reasonCode())
                    .isEqualTo("uninspected_content_allowed"));
        });
    }

    @Test
    void operatorsWithRedactionSwitchedOffFailTheStart() {
        runner.withPropertyValues("aims.enabled=true", "aims.redaction.enabled=false",
                "aims.redaction.operators.email-address=MASK").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining(
                            "aims.redaction.operators is set").hasMessageContaining("EMAIL_ADDRESS");
                });
    }

    @Test
    void anOperatorForATypeTheRedactorDoesNotKnowFailsTheStartNamingIt() {
        runner.withPropertyValues("aims.enabled=true", "aims.redaction.operators.project-x=MASK").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("aims.redaction is invalid: operator for"
                    + " PROJECT_X names a type that no dictionary or pattern defines");
        });
    }

    @Test
    void anUnknownOperatorFailsTheStartNamingTheValue() {
        runner.withUserConfiguration(AimsBeans.class)
                .withPropertyValues("aims.enabled=true", "aims.redaction.operators[EMAIL_ADDRESS]=SHRED")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).hasStackTraceContaining("SHRED")
                            .hasStackTraceContaining("aims.redaction.operators");
                });
    }

    @Test
    void aNonPositiveInputLimitFailsTheStartNamingTheValue() {
        runner.withPropertyValues("aims.enabled=true", "aims.max-input-chars=-5").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .hasMessage("aims.max-input-chars must be > 0, but was -5");
        });
    }

    @Test
    void anEvidenceDirectoryWithoutAimsEvidenceFailsTheStart() {
        runner.withClassLoader(new FilteredClassLoader("dev.aims.evidence"))
                .withPropertyValues("aims.enabled=true", "aims.evidence.directory=build/evidence").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("aims.evidence.directory is"
                            + " set to 'build/evidence' but aims-evidence is not on the class path");
                });
    }

    @Test
    void everyCallIsWrittenToTheEvidenceLogOfTheDirectoryProperty(@TempDir Path dir) throws Exception {
        String[] callId = new String[1];
        runner.withPropertyValues("aims.enabled=true", "aims.evidence.directory=" + dir).run(ctx -> {
            assertThat(ctx).hasSingleBean(EvidenceLog.class);
            ctx.getBean("secondModel", ChatModel.class).call("mail " + EMAIL);
            callId[0] = ctx.getBean(RecordingObserver.class).only().callId();
        });

        Verification v = EvidenceVerifier.create().verify(dir);
        assertThat(v.intact()).as(v.toString()).isTrue();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(f));
            }
        }
        assertThat(all.toString()).contains(callId[0]).doesNotContain(EMAIL);
    }

    @Test
    void callsAreTracedThroughTheApplicationsOpenTelemetry() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        runner.withBean(OpenTelemetry.class, () -> sdk).withPropertyValues("aims.enabled=true").run(ctx -> {
            ctx.getBean("secondModel", ChatModel.class).call("mail " + EMAIL);

            assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(span -> {
                assertThat(span.getName()).isEqualTo("chat gpt-4o-mini");
                assertThat(span.toString()).doesNotContain(EMAIL);
            });
        });
        spans.reset();
        runner.withBean(OpenTelemetry.class, () -> sdk)
                .withPropertyValues("aims.enabled=true", "aims.telemetry.enabled=false").run(ctx -> {
                    assertThat(ctx.getBeansOfType(AimsTelemetrySource.class)).doesNotContainKey("aimsOpenTelemetry");
                    ctx.getBean("secondModel", ChatModel.class).call("hi");
                    assertThat(spans.getFinishedSpanItems()).isEmpty();
                });
    }

    @Test
    void withoutAnOpenTelemetryBeanTelemetryIsLeftOutUnlessThePropertyAsksForIt() {
        runner.withPropertyValues("aims.enabled=true").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            // The context's observers only (AimsObservations tags Spring AI's observations, it traces nothing).
            assertThat(ctx.getBean(AimsGovernance.class).observers())
                    .hasExactlyElementsOfTypes(RecordingObserver.class, AimsObservations.class);
            ctx.getBean("secondModel", ChatModel.class).call("hi");
            assertThat(ctx.getBean(RecordingObserver.class).only().traceId()).isEmpty();
        });
    }

    @Test
    void telemetryEnabledWithoutAnOpenTelemetryBeanFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("aims.enabled=true", "aims.telemetry.enabled=true").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("aims.telemetry.enabled is true but the context has no OpenTelemetry bean, so the"
                            + " spans and metrics would go nowhere; declare one (with the OpenTelemetry Java agent:"
                            + " GlobalOpenTelemetry.get()), or remove the property to trace only when one exists");
        });
    }

    @Test
    void telemetryEnabledWithoutAimsOtelFailsTheStartNamingTheProperty() {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().build();
        runner.withClassLoader(new FilteredClassLoader(AimsTelemetry.class)).withBean(OpenTelemetry.class, () -> sdk)
                .withPropertyValues("aims.enabled=true", "aims.telemetry.enabled=true").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageStartingWith("aims.telemetry.enabled is true but aims-otel is not on the class"
                                    + " path");
                });
    }

    @Test
    void telemetryEnabledWithAnOpenTelemetryBeanTracesFirstThenTheOtherObservers() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        runner.withBean(OpenTelemetry.class, () -> sdk)
                .withPropertyValues("aims.enabled=true", "aims.telemetry.enabled=true").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(AimsGovernance.class).observers()).hasSize(3).satisfies(o -> {
                        assertThat(o.get(0)).isNotInstanceOfAny(RecordingObserver.class, AimsObservations.class);
                        assertThat(o.get(1)).isInstanceOf(RecordingObserver.class);
                    });
                    ctx.getBean("secondModel", ChatModel.class).call("hi");
                    // The record carries the trace of the span the telemetry observer started.
                    assertThat(ctx.getBean(RecordingObserver.class).only().traceId())
                            .contains(spans.getFinishedSpanItems().get(0).getTraceId());
                });
    }

    @Test
    void anObserverThatIsAlsoAnInterceptorIsUsedAsBoth() {
        List<String> seen = new CopyOnWriteArrayList<>();
        final class Telemetry implements CallObserver, CallInterceptor {
            @Override
            public void onCall(CallRecord record) {
                seen.add("record");
            }

            @Override
            public AiResponse intercept(Chain chain) {
                seen.add("intercept");
                return chain.proceed(chain.request());
            }
        }
        runner.withBean(Telemetry.class, Telemetry::new).withPropertyValues("aims.enabled=true").run(ctx -> {
            ctx.getBean("secondModel", ChatModel.class).call("hi");
            assertThat(seen).containsExactly("intercept", "record");
        });
    }

    @Test
    void thePolicyFilesBudgetsCountInTheStoreOfTheProperties(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aims-policy.json");
        Files.writeString(file, "{\"schema\": \"aims-policy/v1\", \"version\": \"7\", \"rules\": ["
                + "{\"id\": \"budget\", \"type\": \"token-budget\", \"per\": \"tenant\", \"window\": \"day\","
                + " \"limit\": 1000000}]}");
        TestQuotaStoreProvider.Store[] store = new TestQuotaStoreProvider.Store[1];
        runner.withPropertyValues("aims.enabled=true", "aims.policy-file=" + file, "aims.quota-store.type=test-store",
                "aims.quota-store.uri=mem://fleet", "aims.quota-store.on-unavailable=fallback",
                "aims.quota-store.timeout=20ms").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    store[0] = (TestQuotaStoreProvider.Store) ctx.getBean(dev.aims.core.policy.QuotaStore.class);
                    assertThat(store[0].spec).hasToString("test-store mem://fleet (on unavailable: fallback,"
                            + " timeout 20 ms)");
                    ctx.getBean("secondModel", ChatModel.class).call("hi");
                    assertThat(store[0].consumed).hasValue(1);
                    assertThat(ctx.getBean(RecordingObserver.class).only().decisions())
                            .anySatisfy(d -> assertThat(d.reasonCode()).isEqualTo("within_budget"));
                });
        // Closed with the context.
        assertThat(store[0].closed).isTrue();
    }

    @Test
    void aQuotaStoreTypeNoProviderServesFailsTheStartNamingIt() {
        runner.withPropertyValues("aims.enabled=true", "aims.quota-store.type=hazelcast",
                "aims.quota-store.uri=hz://cache:5701").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).hasStackTraceContaining("aims.quota-store is invalid: no"
                            + " QuotaStoreProvider serves the quota store type \"hazelcast\"");
                });
    }

    @Test
    void quotaStoreSettingsWithoutATypeFailTheStart() {
        runner.withPropertyValues("aims.enabled=true", "aims.quota-store.uri=redis://cache:6379").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("aims.quota-store.type must be set");
        });
    }
}
