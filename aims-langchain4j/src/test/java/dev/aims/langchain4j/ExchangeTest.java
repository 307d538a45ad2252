package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiResponse;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.StreamingHandler;
import dev.aims.core.ModelAllowList;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    @Test
    void reachingTheDelegateOutsideACallFailsNamingTheWayIn() {
        assertThatThrownBy(Exchange::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AimsLangChain4j.govern");
    }

    @Test
    void nestedCallsRestoreTheOuterExchange() {
        Exchange outer = new Exchange(null, null);
        Exchange inner = new Exchange(null, null);

        Exchange before = outer.enter();
        Exchange saved = inner.enter();
        assertThat(Exchange.current()).isSameAs(inner);
        Exchange.leave(saved);
        assertThat(Exchange.current()).isSameAs(outer);
        Exchange.leave(before);

        assertThatThrownBy(Exchange::current).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void providerFailuresAreUnwrappedWithTheAimsExceptionAttached() {
        IllegalStateException cause = new IllegalStateException("boom");
        AiProviderException aims = new AiProviderException("c-1", "openai", cause);

        assertThat(Exchange.unwrap(aims)).isSameAs(cause);
        assertThat(cause.getSuppressed()).containsExactly(aims);
    }

    @Test
    void governanceExceptionsAreNotUnwrapped() {
        AiPolicyViolationException denied = new AiPolicyViolationException("c-1",
                PolicyDecision.deny(ModelAllowList.of("x"), PolicyStage.PRE, "model_not_allowed", ""));

        assertThat(Exchange.unwrap(denied)).isSameAs(denied);
    }

    @Test
    void cancellingStopsTheProviderAndEndsTheGovernedStream() {
        Exchange exchange = new Exchange(null, null);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        boolean[] providerCancelled = {false};
        exchange.delegateHandle(new StreamingHandle() {
            @Override
            public void cancel() {
                providerCancelled[0] = true;
            }

            @Override
            public boolean isCancelled() {
                return providerCancelled[0];
            }
        });
        exchange.streaming(new StreamingHandler() {
            @Override
            public void onPartial(String text) {
            }

            @Override
            public void onComplete(AiResponse response) {
            }

            @Override
            public void onError(Throwable error) {
                ended.set(error);
            }
        });

        exchange.cancel();

        assertThat(exchange.isCancelled()).isTrue();
        assertThat(providerCancelled[0]).isTrue();
        assertThat(ended.get()).isInstanceOf(CancellationException.class);
    }
}
