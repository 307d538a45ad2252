package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.ModelClient;
import dev.aims.api.ObservedCall;
import dev.aims.api.PolicyDecision;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.api.StreamingHandler;
import dev.aims.api.StreamingModelClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whatever throws — the delegate, a policy, the redactor, an interceptor, an observer; a runtime exception, a checked
 * exception thrown through a lambda, an {@link Error} — every observer receives exactly one record, and a control
 * that fails before sending means the provider is never reached.
 */
class EveryCallOnTheRecordTest {
    static final String SECRET = "sk-proj-EveryCallOnTheRecord000111222";

    final RecordingObserver first = new RecordingObserver();
    final RecordingObserver second = new RecordingObserver();
    final AtomicInteger providerCalls = new AtomicInteger();
    final ModelClient answering = r -> {
        providerCalls.incrementAndGet();
        return AiResponse.of("fine");
    };

    /** Throws a checked exception from code that declares none, as Kotlin SDKs and {@code @SneakyThrows} do. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** An error of the test's own, so that nothing else could throw it. */
    static final class TestError extends Error {
        TestError() {
            super("test error");
        }
    }

    GovernedClient.Builder client(ModelClient delegate) {
        return GovernedClient.builder().delegate(delegate).observer(first).observer(second);
    }

    void eachObserverGotOneRecord(CallRecord.Outcome outcome, String errorType) {
        assertThat(first.records).hasSize(1);
        assertThat(second.records).hasSize(1).first().isSameAs(first.only());
        assertThat(first.only().outcome()).isEqualTo(outcome);
        if (outcome == CallRecord.Outcome.ALLOWED) {
            assertThat(first.only().errorType()).isEmpty();
        } else {
            assertThat(first.only().errorType()).contains(errorType);
        }
    }

    @Test
    void aCheckedExceptionFromTheDelegateIsAProviderFailureOnTheRecord() {
        GovernedClient client = client(r -> {
            providerCalls.incrementAndGet();
            throw sneaky(new IOException("connection reset while sending " + SECRET));
        }).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiProviderException.class).hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, IOException.class.getName());
        assertThat(first.only().requestDigest()).isPresent();
    }

    @Test
    void aCheckedExceptionFromAPolicyFailsClosedBeforeTheProvider() {
        GovernedClient client = client(answering).policy(Policies.of("checked", in -> {
            throw sneaky(new IOException("policy store unreachable"));
        }, "x")).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("policy 'checked'")
                .hasMessageContaining(IOException.class.getName());
        assertThat(providerCalls).hasValue(0);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, AiGovernanceException.class.getName());
        assertThat(first.only().decisions()).singleElement()
                .satisfies(d -> assertThat(d.reasonCode()).isEqualTo("policy_error"));
    }

    @Test
    void aCheckedExceptionFromAnInterceptorFailsClosedBeforeTheProvider() {
        GovernedClient client = client(answering).interceptor(chain -> {
            throw sneaky(new IOException("cache unavailable"));
        }).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("interceptor #0");
        assertThat(providerCalls).hasValue(0);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, AiGovernanceException.class.getName());
    }

    @Test
    void aCheckedExceptionFromTheRedactorFailsClosedBeforeTheProvider() {
        Redactor throwing = overrides -> new RedactionSession() {
            @Override
            public String redact(String text) {
                throw sneaky(new IOException("model file missing"));
            }

            @Override
            public List<dev.aims.api.Finding> findings() {
                return List.of();
            }

            @Override
            public Map<String, Integer> counts() {
                return Map.of();
            }

            @Override
            public String restore(String text) {
                return text;
            }
        };
        GovernedClient client = client(answering).redactor(throwing).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("redactor");
        assertThat(providerCalls).hasValue(0);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, AiGovernanceException.class.getName());
    }

    @Test
    void anErrorFromTheDelegateIsRethrownAfterTheRecordWentOut() {
        GovernedClient client = client(r -> {
            throw new TestError();
        }).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(TestError.class);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, TestError.class.getName());
    }

    @Test
    void anErrorFromAPolicyStopsTheCallBeforeTheProviderAndIsRecorded() {
        GovernedClient client = client(answering).policy(Policies.of("erring", in -> {
            throw new TestError();
        }, "x")).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(TestError.class);
        assertThat(providerCalls).hasValue(0);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, TestError.class.getName());
    }

    @Test
    void aFirstObserverThrowingAnErrorDoesNotStopTheOthersAndTheErrorIsRethrown() {
        CallObserver erring = record -> {
            throw new TestError();
        };
        GovernedClient client = GovernedClient.builder().delegate(answering).observer(erring).observer(first)
                .observer(second).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(TestError.class);
        assertThat(providerCalls).hasValue(1);
        eachObserverGotOneRecord(CallRecord.Outcome.ALLOWED, "");
    }

    @Test
    void aFirstObserverThrowingARuntimeExceptionChangesNothing() {
        CallObserver failing = record -> {
            throw new IllegalStateException("disk full at " + SECRET);
        };
        GovernedClient client = GovernedClient.builder().delegate(answering).observer(failing).observer(first)
                .observer(second).build();

        assertThat(client.call(AiRequest.of("m", "hi"), CallContext.EMPTY).text()).isEqualTo("fine");
        assertThat(first.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(second.records).hasSize(1);
    }

    @Test
    void anObserverRefusingAtTheStartKeepsTheRequestInTheProcessAndStillGetsTheRecord() {
        List<CallRecord> refuserGot = new CopyOnWriteArrayList<>();
        CallObserver refusing = new CallObserver() {
            @Override
            public void onCall(CallRecord record) {
                refuserGot.add(record);
            }

            @Override
            public ObservedCall start(CallStart start) {
                throw new AiGovernanceException(start.callId(), "evidence log", "its queue is full", null);
            }
        };
        GovernedClient client = GovernedClient.builder().delegate(answering).observer(first).observer(refusing)
                .observer(second).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("evidence log");
        assertThat(providerCalls).hasValue(0);
        assertThat(refuserGot).hasSize(1);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, AiGovernanceException.class.getName());
        assertThat(first.only().requestDigest()).isEmpty();
    }

    @Test
    void aRecordThatCannotBeBuiltFailsTheCallAndObserversGetWhatCanBeBuilt() {
        Clock failsAtTheEnd = new Clock() {
            final AtomicInteger reads = new AtomicInteger();

            @Override
            public Instant instant() {
                if (reads.incrementAndGet() > 1) {
                    throw new IllegalStateException("clock source lost");
                }
                return Instant.parse("2026-01-01T00:00:00Z");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        GovernedClient client = client(answering).clock(failsAtTheEnd).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class).hasMessageContaining("call record");
        assertThat(providerCalls).hasValue(1);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, AiGovernanceException.class.getName());
        assertThat(first.only().endedAt()).isEqualTo(first.only().startedAt());
    }

    @Test
    void aStreamWithNoChunkForTheIdleTimeoutEndsWithAnErrorAndARecord() {
        StreamingModelClient silent = (request, handler) -> handler.onPartial("Hel");
        GovernedClient client = GovernedClient.builder().streamingDelegate(silent).observer(first).observer(second)
                .streamIdleTimeout(Duration.ofMillis(50)).build();
        CollectingHandler handler = new CollectingHandler();

        client.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, once(handler));

        assertThat(handler.error.get()).isInstanceOf(AiProviderException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(handler.completed.get()).isNull();
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, TimeoutException.class.getName());
    }

    @Test
    void aStreamingDelegateThrowingACheckedExceptionEndsTheStreamWithARecord() {
        StreamingModelClient throwing = (request, handler) -> {
            throw sneaky(new IOException("socket closed"));
        };
        GovernedClient client = GovernedClient.builder().streamingDelegate(throwing).observer(first)
                .observer(second).build();
        CollectingHandler handler = new CollectingHandler();

        client.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, once(handler));

        assertThat(handler.error.get()).isInstanceOf(AiProviderException.class).hasCauseInstanceOf(IOException.class);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, IOException.class.getName());
    }

    @Test
    void anErrorInAStreamReachesOnErrorAndIsRethrownAfterTheRecord() {
        StreamingModelClient erring = (request, handler) -> {
            throw new TestError();
        };
        GovernedClient client = GovernedClient.builder().streamingDelegate(erring).observer(first)
                .observer(second).build();
        CollectingHandler handler = new CollectingHandler();

        assertThatThrownBy(() -> client.stream(AiRequest.of("m", "hi"), CallContext.EMPTY, once(handler)))
                .isInstanceOf(TestError.class);
        assertThat(handler.error.get()).isInstanceOf(TestError.class);
        eachObserverGotOneRecord(CallRecord.Outcome.ERROR, TestError.class.getName());
    }

    @Test
    void observersAreToldTheCallStartsWithProviderAndServerResolvedAndTheirScopeSpansTheProviderCall() {
        List<CallStart> starts = new CopyOnWriteArrayList<>();
        AtomicInteger current = new AtomicInteger();
        List<String> seenByProvider = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();
        CallObserver tracing = new CallObserver() {
            @Override
            public void onCall(CallRecord record) {
                order.add("onCall");
            }

            @Override
            public ObservedCall start(CallStart start) {
                starts.add(start);
                order.add("start");
                return new ObservedCall() {
                    @Override
                    public void end(CallRecord record) {
                        order.add("end " + current.get());
                    }

                    @Override
                    public Scope makeCurrent() {
                        current.incrementAndGet();
                        return current::decrementAndGet;
                    }

                    @Override
                    public String traceId() {
                        return "0af7651916cd43dd8448eb211c80319c";
                    }

                    @Override
                    public String spanId() {
                        return "b7ad6b7169203331";
                    }
                };
            }
        };
        GovernedClient client = GovernedClient.builder().delegate(r -> {
            seenByProvider.add("current=" + current.get());
            return AiResponse.of("fine");
        }).provider("openai").server("api.example", 443).policy(Policies.of("p", in -> {
            order.add("policy");
            return true;
        }, "x")).observer(tracing).observer(first).build();

        client.call(AiRequest.of("gpt-4o", "hi"), CallContext.builder().systemId("bot").build());

        assertThat(order).containsExactly("start", "policy", "end 0");
        assertThat(seenByProvider).containsExactly("current=1");
        CallStart start = starts.get(0);
        assertThat(start.provider()).isEqualTo("openai");
        assertThat(start.serverAddress()).contains("api.example");
        assertThat(start.serverPort()).isEqualTo(443);
        assertThat(start.requestModel()).isEqualTo("gpt-4o");
        assertThat(start.redactionEnabled()).isTrue();
        assertThat(start.callId()).isEqualTo(first.only().callId());
        assertThat(first.only().traceId()).contains("0af7651916cd43dd8448eb211c80319c");
        assertThat(first.only().spanId()).contains("b7ad6b7169203331");
    }

    @Test
    void aPolicyDecisionIsRecordedOnceEvenWhenTheCallFailsLater() {
        GovernedClient client = client(r -> {
            throw new IllegalStateException("provider down");
        }).policy(Policies.of("p", in -> true, "x")).build();

        assertThatThrownBy(() -> client.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiProviderException.class);
        assertThat(first.only().decisions()).extracting(PolicyDecision::policyId).containsExactly("p");
    }

    /** A handler that fails the test if called twice, so that "once" is checked, not assumed. */
    static StreamingHandler once(StreamingHandler h) {
        AtomicInteger ends = new AtomicInteger();
        return new StreamingHandler() {
            @Override
            public void onPartial(String text) {
                h.onPartial(text);
            }

            @Override
            public void onComplete(AiResponse response) {
                assertThat(ends.incrementAndGet()).isEqualTo(1);
                h.onComplete(response);
            }

            @Override
            public void onError(Throwable error) {
                assertThat(ends.incrementAndGet()).isEqualTo(1);
                h.onError(error);
            }
        };
    }
}
