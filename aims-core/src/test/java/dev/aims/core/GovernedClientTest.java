package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.api.Usage;
import dev.aims.testkit.FakeRedactor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GovernedClientTest {
    static final String EMAIL = "alice.smith@example.org";

    final List<AiRequest> sent = new CopyOnWriteArrayList<>();
    final RecordingObserver observer = new RecordingObserver();

    AiResponse echo(AiRequest request) {
        sent.add(request);
        return AiResponse.builder().message(Message.assistant("you said: " + request.messages().get(0).text()))
                .usage(Usage.of(11, 7)).finishReason(FinishReason.STOP).responseId("resp-1").model("gpt-4o-2024")
                .build();
    }

    GovernedClient.Builder client() {
        return GovernedClient.builder().delegate(this::echo).observer(observer).provider("openai");
    }

    /** A policy whose body receives the policy itself, to build its decisions. */
    static Policy policy(String id, String version, PolicyStage stage,
            java.util.function.BiFunction<Policy, PolicyInput, PolicyDecision> body) {
        return new Policy() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String version() {
                return version;
            }

            @Override
            public Set<PolicyStage> stages() {
                return EnumSet.of(stage);
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                return body.apply(this, input);
            }
        };
    }

    @Test
    void allowedCallReachesDelegateAndIsRecordedWithEveryDecision() {
        GovernedClient c = client().policy(ModelAllowList.of("gpt-4o*")).policy(MaxInputSize.chars(1000)).build();
        CallContext ctx = CallContext.builder().principal("u-1").tenant("team-a").systemId("support-bot")
                .purpose("customer-support").sessionId("s-9").sourceId("kb:42").build();

        AiResponse r = c.call(AiRequest.of("gpt-4o-mini", "hello"), ctx);

        assertThat(r.text()).isEqualTo("you said: hello");
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(rec.errorType()).isEmpty();
        assertThat(rec.context()).isEqualTo(ctx);
        assertThat(rec.provider()).isEqualTo("openai");
        assertThat(rec.requestModel()).isEqualTo("gpt-4o-mini");
        assertThat(rec.responseModel()).contains("gpt-4o-2024");
        assertThat(rec.responseId()).contains("resp-1");
        assertThat(rec.usage()).isEqualTo(Usage.of(11, 7));
        assertThat(rec.finishReasons()).containsExactly(FinishReason.STOP);
        assertThat(rec.decisions()).extracting(PolicyDecision::policyId)
                .containsExactly("model-allow-list", "max-input-size");
        assertThat(rec.decisions()).allMatch(d -> d.effect() == PolicyDecision.Effect.ALLOW);
        assertThat(rec.decisiveDecision()).isEmpty();
        assertThat(rec.requestDigest()).hasValueSatisfying(d -> assertThat(d).hasSize(64));
        assertThat(rec.responseDigest()).hasValueSatisfying(d -> assertThat(d).hasSize(64));
        assertThat(rec.digestAlgorithm()).isEqualTo("sha-256");
        assertThat(rec.callId()).hasSize(36);
        assertThat(rec.duration().isNegative()).isFalse();
    }

    @Test
    void deniedAtPreNeverReachesDelegateAndNamesPolicyAndVersion() {
        GovernedClient c = client().policy(ModelAllowList.of("models", "7", List.of("gpt-4o"))).build();

        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> c.call(AiRequest.of("o1-preview", "hi"), CallContext.EMPTY));

        assertThat(e.decision().policyId()).isEqualTo("models");
        assertThat(e.decision().policyVersion()).isEqualTo("7");
        assertThat(e.decision().stage()).isEqualTo(PolicyStage.PRE);
        assertThat(e.getMessage()).contains("'models'", "version 7", "PRE", "model_not_allowed", "o1-preview");
        assertThat(sent).isEmpty();
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.DENIED);
        assertThat(rec.errorType()).contains(AiPolicyViolationException.class.getName());
        assertThat(rec.decisiveDecision()).contains(e.decision());
        assertThat(rec.requestDigest()).isEmpty();
        assertThat(e.callId()).isEqualTo(rec.callId());
    }

    @Test
    void deniedAtPreSendSeesFindingsAndSendsNothing() {
        Policy noKeys = policy("no-private-keys", "3", PolicyStage.PRE_SEND,
                (self, in) -> in.findings().stream().anyMatch(f -> f.type().equals("PRIVATE_KEY"))
                        ? PolicyDecision.deny(self, PolicyStage.PRE_SEND, "private_key_found", "a private key was found")
                        : PolicyDecision.allow(self, PolicyStage.PRE_SEND));
        GovernedClient c = client().redactor(new FakeRedactor(Map.of("-----BEGIN KEY-----", "PRIVATE_KEY")))
                .policy(noKeys).build();

        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> c.call(AiRequest.of("m", "deploy with -----BEGIN KEY----- please"), CallContext.EMPTY));

        assertThat(e.decision().policyId()).isEqualTo("no-private-keys");
        assertThat(e.decision().policyVersion()).isEqualTo("3");
        assertThat(e.decision().stage()).isEqualTo(PolicyStage.PRE_SEND);
        assertThat(sent).isEmpty();
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.DENIED);
        assertThat(rec.findingCounts()).containsEntry("PRIVATE_KEY", 1);
    }

    @Test
    void deniedAtPostAfterTheProviderAnswered() {
        Policy noEcho = Policies.of("no-echo", "2", PolicyStage.POST,
                in -> !in.response().orElseThrow().text().startsWith("you said"), "echo_detected", "");
        GovernedClient c = client().policy(noEcho).build();

        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY));

        assertThat(e.decision().stage()).isEqualTo(PolicyStage.POST);
        assertThat(e.decision().policyId()).isEqualTo("no-echo");
        assertThat(e.decision().policyVersion()).isEqualTo("2");
        assertThat(sent).hasSize(1);
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.DENIED);
        assertThat(rec.usage()).isEqualTo(Usage.of(11, 7));
        assertThat(rec.decisiveDecision().orElseThrow().policyId()).isEqualTo("no-echo");
    }

    @Test
    void modifyReplacesRequestAtPreAndResponseAtPost() {
        Policy downgrade = policy("downgrade", "1", PolicyStage.PRE, (self, in) -> PolicyDecision.modify(
                self, PolicyStage.PRE, "model_downgraded",
                "expensive model replaced", in.request().toBuilder().model("gpt-4o-mini").build()));
        Policy footer = policy("footer", "1", PolicyStage.POST, (self, in) -> PolicyDecision.modify(
                self, PolicyStage.POST, "footer_added", "",
                AiResponse.of(in.response().orElseThrow().text() + " [AI-generated]")));
        GovernedClient c = client().policy(downgrade).policy(footer).build();

        AiResponse r = c.call(AiRequest.of("gpt-4o", "hi"), CallContext.EMPTY);

        assertThat(sent.get(0).model()).isEqualTo("gpt-4o-mini");
        assertThat(r.text()).isEqualTo("you said: hi [AI-generated]");
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(rec.requestModel()).isEqualTo("gpt-4o-mini");
        assertThat(rec.decisions()).extracting(PolicyDecision::effect)
                .containsExactly(PolicyDecision.Effect.MODIFY, PolicyDecision.Effect.MODIFY);
        assertThat(rec.decisiveDecision().orElseThrow().policyId()).isEqualTo("footer");
    }

    @Test
    void throwingPolicyFailsClosedWithGovernanceException() {
        Policy broken = policy("broken", "4", PolicyStage.PRE, (self, in) -> {
            throw new IllegalStateException("boom with " + EMAIL);
        });
        GovernedClient c = client().policy(broken).build();

        AiGovernanceException e = catchThrowableOfType(AiGovernanceException.class,
                () -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY));

        assertThat(e.culprit()).isEqualTo("policy 'broken'");
        assertThat(e.getMessage()).contains("broken", IllegalStateException.class.getName()).doesNotContain(EMAIL);
        assertThat(sent).isEmpty();
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        assertThat(rec.errorType()).contains(AiGovernanceException.class.getName());
        assertThat(rec.decisions()).singleElement().satisfies(d -> {
            assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.DENY);
            assertThat(d.reasonCode()).isEqualTo("policy_error");
            assertThat(d.policyVersion()).isEqualTo("4");
        });
    }

    @Test
    void policyReturningNullFailsClosed() {
        GovernedClient c = client().policy(policy("null-policy", "1", PolicyStage.PRE, (self, in) -> null)).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("policy returned null");
        assertThat(sent).isEmpty();
    }

    @Test
    void declaredFailOpenPolicyLetsTheCallProceedAndIsRecorded() {
        Policy flaky = new Policy() {
            @Override
            public String id() {
                return "flaky";
            }

            @Override
            public boolean failOpen() {
                return true;
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                throw new IllegalStateException("store unreachable");
            }
        };
        GovernedClient c = client().policy(flaky).build();

        AiResponse r = c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(r.text()).isEqualTo("you said: hi");
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(rec.decisions()).singleElement().satisfies(d -> {
            assertThat(d.effect()).isEqualTo(PolicyDecision.Effect.ALLOW);
            assertThat(d.reasonCode()).isEqualTo("policy_error_fail_open");
            assertThat(d.policyId()).isEqualTo("flaky");
        });
    }

    @Test
    void throwingObserverChangesNothingAndOtherObserversStillRun() {
        RecordingObserver after = new RecordingObserver();
        GovernedClient c = GovernedClient.builder().delegate(this::echo)
                .observer(rec -> {
                    throw new IllegalStateException("observer down");
                })
                .observer(after).build();

        AiResponse r = c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(r.text()).isEqualTo("you said: hi");
        assertThat(after.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void observerRefusingWithGovernanceExceptionFailsTheCallAfterEveryObserverRan() {
        RecordingObserver after = new RecordingObserver();
        GovernedClient c = GovernedClient.builder().delegate(this::echo)
                .observer(rec -> {
                    throw new AiGovernanceException(rec.callId(), "evidence log", "queue full", null);
                })
                .observer(after).build();

        AiGovernanceException e = catchThrowableOfType(AiGovernanceException.class,
                () -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY));

        assertThat(e.culprit()).isEqualTo("evidence log");
        assertThat(after.only().callId()).isEqualTo(e.callId());
    }

    @Test
    void providerFailureIsMappedAndRecordedWithoutItsMessage() {
        GovernedClient c = GovernedClient.builder().provider("openai").observer(observer)
                .delegate(req -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("HTTP 400: " + EMAIL));
                }).build();

        AiProviderException e = catchThrowableOfType(AiProviderException.class,
                () -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY));

        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.getCause()).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(e.getMessage()).doesNotContain(EMAIL);
        CallRecord rec = observer.only();
        assertThat(rec.outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        assertThat(rec.errorType()).contains(java.io.UncheckedIOException.class.getName());
        assertThat(rec.requestDigest()).isPresent();
        assertThat(rec.responseDigest()).isEmpty();
    }

    @Test
    void delegateReturningNullIsAProviderError() {
        GovernedClient c = GovernedClient.builder().observer(observer).delegate(req -> null).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiProviderException.class);
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void redactionHappensBeforeSendingAndPseudonymsAreRestored() {
        GovernedClient c = client().redactor(new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"))).build();

        AiResponse r = c.call(AiRequest.of("m", "mail " + EMAIL + " now"), CallContext.EMPTY);

        assertThat(sent.get(0).messages().get(0).text()).isEqualTo("mail <EMAIL_ADDRESS_1> now");
        assertThat(r.text()).isEqualTo("you said: mail " + EMAIL + " now");
        CallRecord rec = observer.only();
        assertThat(rec.findingCounts()).containsExactly(Map.entry("EMAIL_ADDRESS", 1));
        assertThat(rec.sentRequest().orElseThrow().messages().get(0).text()).doesNotContain(EMAIL);
        assertThat(rec.receivedResponse().orElseThrow().text()).doesNotContain(EMAIL);
        assertThat(rec.toString()).doesNotContain(EMAIL).doesNotContain("mail");
    }

    @Test
    void recordsCarryOneKeyedDigestPerDistinctValue() {
        GovernedClient c = client().build();
        for (int i = 0; i < 6; i++) {
            c.call(AiRequest.of("m", "call " + i + ": mail " + EMAIL), CallContext.EMPTY);
        }
        c.call(AiRequest.of("m", "mail " + EMAIL + " and bob@example.net, again " + EMAIL), CallContext.EMPTY);

        List<CallRecord> recs = observer.records;
        assertThat(recs).hasSize(7);
        String digest = recs.get(0).valueDigests().byType().get("EMAIL_ADDRESS").iterator().next();
        for (CallRecord r : recs.subList(0, 6)) {
            assertThat(r.findingCounts()).containsExactly(Map.entry("EMAIL_ADDRESS", 1));
            // The same client, the same redactor, the same key: one value is one digest in every call.
            assertThat(r.valueDigests().byType()).containsExactly(Map.entry("EMAIL_ADDRESS", Set.of(digest)));
        }
        CallRecord two = recs.get(6);
        assertThat(two.findingCounts()).containsExactly(Map.entry("EMAIL_ADDRESS", 3));
        assertThat(two.valueDigests().distinct("EMAIL_ADDRESS")).isEqualTo(2);
        assertThat(two.valueDigests().byType().get("EMAIL_ADDRESS")).contains(digest);
        assertThat(two.toString()).contains("distinctValues={EMAIL_ADDRESS=2}").doesNotContain(digest)
                .doesNotContain(EMAIL);
    }

    @Test
    void preObligationChoosesTheRedactionOperatorForThisCall() {
        Policy onPrem = policy("on-prem-cards", "1", PolicyStage.PRE, (self, in) -> PolicyDecision.builder(
                self, PolicyStage.PRE)
                .effect(PolicyDecision.Effect.MODIFY).reasonCode("operator_override")
                .obligations(Map.of(PolicyDecision.REDACT_OPERATOR_OBLIGATION + "EMAIL_ADDRESS", "keep")).build());
        GovernedClient c = client().redactor(new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"))).policy(onPrem).build();

        c.call(AiRequest.of("m", "mail " + EMAIL), CallContext.EMPTY);

        assertThat(sent.get(0).messages().get(0).text()).isEqualTo("mail " + EMAIL);
        assertThat(observer.only().findingCounts()).containsEntry("EMAIL_ADDRESS", 1);
    }

    @Test
    void unknownOperatorInObligationFailsClosed() {
        Policy bad = policy("bad-op", "1", PolicyStage.PRE, (self, in) -> PolicyDecision.builder(
                self, PolicyStage.PRE)
                .effect(PolicyDecision.Effect.MODIFY).reasonCode("operator_override")
                .obligations(Map.of("redact.operator.EMAIL_ADDRESS", "SHRED")).build());
        GovernedClient c = client().redactor(new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"))).policy(bad).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "mail " + EMAIL), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("'SHRED'");
        assertThat(sent).isEmpty();
    }

    @Test
    void throwingRedactorFailsClosed() {
        GovernedClient c = client().redactor(overrides -> {
            throw new IllegalStateException("no detectors");
        }).build();

        AiGovernanceException e = catchThrowableOfType(AiGovernanceException.class,
                () -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY));

        assertThat(e.culprit()).isEqualTo("redactor");
        assertThat(sent).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void contextBoundToTheThreadIsUsedWhenNoneIsPassed() {
        GovernedClient c = client().build();
        CallContext ctx = CallContext.builder().principal("bob").build();

        try (CallContext.Scope s = CallContext.bind(ctx)) {
            c.call(AiRequest.of("m", "hi"));
        }
        c.call(AiRequest.of("m", "hi"));

        assertThat(observer.records.get(0).context()).isEqualTo(ctx);
        assertThat(observer.records.get(1).context()).isEqualTo(CallContext.EMPTY);
    }

    @Test
    void afterCallRunsOnceForEveryPolicyWhateverTheOutcome() {
        AtomicInteger after = new AtomicInteger();
        Policy counting = new Policy() {
            @Override
            public String id() {
                return "counting";
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                return PolicyDecision.allow(this, PolicyStage.PRE);
            }

            @Override
            public void afterCall(CallRecord record) {
                after.incrementAndGet();
            }
        };
        GovernedClient c = client().policy(counting).policy(ModelAllowList.of("a")).build();

        c.call(AiRequest.of("a", "hi"), CallContext.EMPTY);
        assertThatThrownBy(() -> c.call(AiRequest.of("b", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiPolicyViolationException.class);

        assertThat(after).hasValue(2);
    }

    @Test
    void digestKeyMakesDigestsKeyedHmacs() {
        GovernedClient plain = client().build();
        RecordingObserver keyedObserver = new RecordingObserver();
        GovernedClient keyed = GovernedClient.builder().delegate(this::echo).observer(keyedObserver)
                .digestKey(new byte[32]).build();

        plain.call(AiRequest.of("m", "hi"), CallContext.EMPTY);
        keyed.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(keyedObserver.only().digestAlgorithm()).isEqualTo("hmac-sha-256");
        assertThat(keyedObserver.only().requestDigest()).isNotEqualTo(observer.only().requestDigest());
    }

    @Test
    void sameRequestGivesSameDigestAndDifferentTextADifferentOne() {
        GovernedClient c = client().build();
        c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);
        c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);
        c.call(AiRequest.of("m", "ho"), CallContext.EMPTY);

        assertThat(observer.records.get(0).requestDigest()).isEqualTo(observer.records.get(1).requestDigest());
        assertThat(observer.records.get(0).requestDigest()).isNotEqualTo(observer.records.get(2).requestDigest());
    }

    @Test
    void injectedClockTimesTheRecord() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        GovernedClient c = client().clock(Clock.fixed(t0, ZoneOffset.UTC)).build();

        c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(observer.only().startedAt()).isEqualTo(t0);
        assertThat(observer.only().endedAt()).isEqualTo(t0);
    }

    @Test
    void policySourceIsSnapshottedOncePerCallAndHashed() {
        AtomicReference<dev.aims.api.PolicySet> current = new AtomicReference<>(
                dev.aims.api.PolicySet.of(List.of(ModelAllowList.of("a"))));
        GovernedClient c = client().policySource(current::get).build();

        c.call(AiRequest.of("a", "hi"), CallContext.EMPTY);
        current.set(dev.aims.api.PolicySet.of(List.of(ModelAllowList.of("b"))));
        assertThatThrownBy(() -> c.call(AiRequest.of("a", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiPolicyViolationException.class);

        assertThat(observer.records.get(0).policySetHash()).isNotEqualTo(observer.records.get(1).policySetHash());
    }

    @Test
    void sourceSetClashingWithBuilderPoliciesFailsClosedWithARecord() {
        GovernedClient c = client().policy(ModelAllowList.of("a"))
                .policySource(() -> dev.aims.api.PolicySet.of(List.of(ModelAllowList.of("b")))).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("a", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("'model-allow-list' appears twice");

        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
        assertThat(sent).isEmpty();
    }

    @Test
    void strictInventoryDeniesUnregisteredSystems() {
        dev.aims.api.AiSystemRegistry registry = new dev.aims.api.AiSystemRegistry() {
            final dev.aims.api.AiSystem bot = dev.aims.api.AiSystem.builder("support-bot").build();

            @Override
            public java.util.Optional<dev.aims.api.AiSystem> find(String id) {
                return id.equals(bot.id()) ? java.util.Optional.of(bot) : java.util.Optional.empty();
            }

            @Override
            public java.util.Collection<dev.aims.api.AiSystem> all() {
                return List.of(bot);
            }

            @Override
            public boolean strict() {
                return true;
            }
        };
        GovernedClient c = client().inventory(registry).build();

        c.call(AiRequest.of("m", "hi"), CallContext.builder().systemId("support-bot").build());
        AiPolicyViolationException e = catchThrowableOfType(AiPolicyViolationException.class,
                () -> c.call(AiRequest.of("m", "hi"), CallContext.builder().systemId("shadow-ai").build()));

        assertThat(e.decision().policyId()).isEqualTo("aims.inventory");
        assertThat(e.decision().reasonCode()).isEqualTo("system_not_registered");
        assertThat(sent).hasSize(1);
    }

    @Test
    void toolArgumentsAndResultsAreRedactedToo() {
        GovernedClient c = client().redactor(new FakeRedactor(Map.of(EMAIL, "EMAIL_ADDRESS"))).build();
        AiRequest req = AiRequest.builder().model("m").message(Message.user("look up the customer"))
                .message(Message.builder(dev.aims.api.Role.ASSISTANT)
                        .toolCall(dev.aims.api.ToolCall.of("t1", "lookup", "{\"email\":\"" + EMAIL + "\"}")).build())
                .message(Message.tool(dev.aims.api.ToolResult.of("t1", "lookup", "found " + EMAIL)))
                .build();

        c.call(req, CallContext.EMPTY);

        AiRequest out = sent.get(0);
        assertThat(out.messages().get(1).toolCalls().get(0).arguments()).doesNotContain(EMAIL)
                .contains("<EMAIL_ADDRESS_1>");
        assertThat(out.messages().get(2).toolResult().orElseThrow().text()).isEqualTo("found <EMAIL_ADDRESS_1>");
    }

    @Test
    void everyConcurrentCallIsRecordedExactlyOnce() throws Exception {
        java.util.concurrent.ConcurrentHashMap<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger denied = new AtomicInteger();
        GovernedClient c = GovernedClient.builder()
                .delegate(req -> AiResponse.of("ok"))
                .policy(ModelAllowList.of("allowed"))
                .observer(rec -> seen.merge(rec.callId(), 1, Integer::sum))
                .build();
        int threads = 8;
        int perThread = 10_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    String model = i % 10 == 0 ? "blocked" : "allowed";
                    try {
                        c.call(AiRequest.of(model, "hi"), CallContext.EMPTY);
                    } catch (AiPolicyViolationException e) {
                        denied.incrementAndGet();
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }

        assertThat(seen).hasSize(threads * perThread);
        assertThat(seen.values()).allMatch(n -> n == 1);
        assertThat(denied).hasValue(threads * perThread / 10);
    }
}
