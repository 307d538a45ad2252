package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.StreamingHandler;
import dev.aims.core.ModelAllowList;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    static AiRequest translated() {
        return Translator.toAims(ChatRequest.builder().messages(UserMessage.from("hi")).build(), null, null, null,
                false);
    }

    @Test
    void theExchangeTravelsOnTheRequestThroughToBuilderAndMapText() {
        AiRequest request = translated();
        Exchange exchange = request.tag(Exchange.class);

        assertThat(exchange).isNotNull();
        assertThat(Exchange.of(request.toBuilder().model("other").build(), "c-1")).isSameAs(exchange);
        assertThat(Exchange.of(request.mapText(s -> s + "!"), "c-1")).isSameAs(exchange);
    }

    @Test
    void aRequestWithoutItsExchangeFailsNamingTheCallAndTheWayToKeepIt() {
        AiRequest brandNew = AiRequest.builder().model("m").messages(translated().messages()).build();

        AiGovernanceException e = catchThrowableOfType(AiGovernanceException.class,
                () -> Exchange.of(brandNew, "c-1"));

        assertThat(e.callId()).isEqualTo("c-1");
        assertThat(e.culprit()).isEqualTo("aims-langchain4j");
        assertThat(e.getMessage()).contains("request.toBuilder()");
    }

    @Test
    void providerFailuresAreUnwrappedWithTheAimsExceptionAttached() {
        IllegalStateException cause = new IllegalStateException("boom");
        AiProviderException aims = new AiProviderException("c-1", "openai", cause);

        assertThat(Exchange.unwrap(aims, false)).isSameAs(cause);
        assertThat(cause.getSuppressed()).containsExactly(aims);
    }

    @Test
    void checkedProviderFailuresAreUnwrappedForStreamsOnly() {
        java.net.ConnectException cause = new java.net.ConnectException("refused");
        AiProviderException aims = new AiProviderException("c-1", "openai", cause);

        assertThat(Exchange.unwrap(aims, false)).isSameAs(aims);
        assertThat(Exchange.unwrap(aims, true)).isSameAs(cause);
        assertThat(cause.getSuppressed()).containsExactly(aims);
    }

    @Test
    void governanceExceptionsAreNotUnwrapped() {
        AiPolicyViolationException denied = new AiPolicyViolationException("c-1",
                PolicyDecision.deny(ModelAllowList.of("x"), PolicyStage.PRE, "model_not_allowed", ""));

        assertThat(Exchange.unwrap(denied, true)).isSameAs(denied);
    }

    @Test
    void cancellingStopsTheProviderAndEndsTheGovernedStream() {
        Exchange exchange = translated().tag(Exchange.class);
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
