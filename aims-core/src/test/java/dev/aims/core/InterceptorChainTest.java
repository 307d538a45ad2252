package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InterceptorChainTest {
    final RecordingObserver observer = new RecordingObserver();
    final List<String> order = new CopyOnWriteArrayList<>();

    GovernedClient.Builder client() {
        return GovernedClient.builder().observer(observer).delegate(req -> {
            order.add("delegate");
            return AiResponse.of("answer");
        });
    }

    @Test
    void interceptorsRunInOrderAroundPoliciesAndDelegate() {
        GovernedClient c = client()
                .interceptor(chain -> {
                    order.add("first>");
                    AiResponse r = chain.proceed(chain.request());
                    order.add("<first");
                    return r;
                })
                .interceptor(chain -> {
                    order.add("second>");
                    AiResponse r = chain.proceed(chain.request());
                    order.add("<second");
                    return r;
                })
                .policy(Policies.of("p", in -> {
                    order.add("PRE");
                    return true;
                }, "never"))
                .build();

        c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(order).containsExactly("first>", "second>", "PRE", "delegate", "<second", "<first");
    }

    @Test
    void interceptorsSeeDeniedCallsToo() {
        GovernedClient c = client().interceptor(chain -> {
            try {
                return chain.proceed(chain.request());
            } finally {
                order.add("saw " + chain.callId());
            }
        }).policy(ModelAllowList.of("other")).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiPolicyViolationException.class);

        assertThat(order).containsExactly("saw " + observer.only().callId());
    }

    @Test
    void interceptorsCanShortCircuit() {
        GovernedClient c = client().interceptor(chain -> AiResponse.of("cached")).build();

        AiResponse r = c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(r.text()).isEqualTo("cached");
        assertThat(order).isEmpty();
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
    }

    @Test
    void interceptorCanReplaceTheRequest() {
        List<AiRequest> seen = new CopyOnWriteArrayList<>();
        GovernedClient c = GovernedClient.builder().observer(observer)
                .delegate(req -> {
                    seen.add(req);
                    return AiResponse.of("ok");
                })
                .interceptor(chain -> chain.proceed(chain.request().toBuilder().temperature(0.0).build()))
                .build();

        c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(seen.get(0).temperature()).contains(0.0);
        assertThat(observer.only().temperature()).contains(0.0);
    }

    @Test
    void interceptorCallingProceedTwiceFailsNamingIt() {
        GovernedClient c = client().interceptor(chain -> {
            chain.proceed(chain.request());
            return chain.proceed(chain.request());
        }).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("interceptor #0")
                .hasMessageContaining("must call proceed() at most once");
        assertThat(observer.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void interceptorReturningNullFails() {
        GovernedClient c = client().interceptor(chain -> null).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("interceptor #0")
                .hasMessageContaining("returned null");
    }

    @Test
    void throwingInterceptorFailsClosed() {
        GovernedClient c = client().interceptor(chain -> {
            throw new IllegalArgumentException("cache down");
        }).build();

        assertThatThrownBy(() -> c.call(AiRequest.of("m", "hi"), CallContext.EMPTY))
                .isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining(IllegalArgumentException.class.getName());
        assertThat(order).isEmpty();
    }

    @Test
    void recordTraceLinksTheRecord() {
        GovernedClient c = client().interceptor(chain -> {
            chain.recordTrace("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
            return chain.proceed(chain.request());
        }).build();

        c.call(AiRequest.of("m", "hi"), CallContext.EMPTY);

        assertThat(observer.only().traceId()).contains("0af7651916cd43dd8448eb211c80319c");
        assertThat(observer.only().spanId()).contains("b7ad6b7169203331");
    }
}
