package dev.aims.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionUpdateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which SDK methods are governed, wrapped, passed through or refused — and that refused ones send nothing. */
class ServiceProxyTest {
    static final String EMAIL = Seeds.byType().get("EMAIL_ADDRESS");

    LoopbackOpenAiServer server;
    OpenAIClient raw;
    RecordingObserver records = new RecordingObserver();
    AimsOpenAi aims;
    OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(5);
        raw = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").maxRetries(0).build();
        aims = AimsOpenAi.builder(a -> a.observer(records)).build();
        client = aims.wrap(raw);
    }

    @AfterEach
    void stop() {
        aims.close();
        raw.close();
        server.close();
    }

    static String signature(Class<?> type, Method m) {
        return type.getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")"));
    }

    @Test
    void exactlyTheCreateMethodsOfChatAndResponsesAreGoverned() {
        Set<String> governed = new TreeSet<>();
        for (Class<?> type : ServiceProxy.types()) {
            for (Method m : type.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && ServiceProxy.decision(type, m).equals("governed")) {
                    governed.add(signature(type, m));
                }
            }
        }
        assertThat(governed).containsExactlyInAnyOrder(
                "ChatCompletionService.create(ChatCompletionCreateParams,RequestOptions)",
                "ChatCompletionService.createStreaming(ChatCompletionCreateParams,RequestOptions)",
                "ChatCompletionServiceAsync.create(ChatCompletionCreateParams,RequestOptions)",
                "ChatCompletionServiceAsync.createStreaming(ChatCompletionCreateParams,RequestOptions)",
                "ResponseService.create(ResponseCreateParams,RequestOptions)",
                "ResponseService.createStreaming(ResponseCreateParams,RequestOptions)",
                "ResponseServiceAsync.create(ResponseCreateParams,RequestOptions)",
                "ResponseServiceAsync.createStreaming(ResponseCreateParams,RequestOptions)");
    }

    @Test
    void everyAbstractMethodWithoutARuleIsRefused() {
        Map<String, String> decided = new java.util.TreeMap<>();
        for (Class<?> type : ServiceProxy.types()) {
            for (Method m : type.getMethods()) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    decided.put(signature(type, m), ServiceProxy.decision(type, m));
                }
            }
        }
        assertThat(decided).containsEntry("OpenAIClient.embeddings()", "refused")
                .containsEntry("OpenAIClient.withRawResponse()", "refused")
                .containsEntry("OpenAIClient.beta()", "refused")
                .containsEntry("OpenAIClient.chat()", "wrapped")
                .containsEntry("OpenAIClient.models()", "passed")
                .containsEntry("OpenAIClientAsync.sync()", "wrapped")
                .containsEntry("ChatCompletionService.update(ChatCompletionUpdateParams,RequestOptions)", "refused")
                .containsEntry("ChatCompletionService.list(ChatCompletionListParams,RequestOptions)", "refused")
                .containsEntry("ChatCompletionService.retrieve(ChatCompletionRetrieveParams,RequestOptions)",
                        "passed");
        assertThat(decided.values()).doesNotContain("default");
        assertThat(ServiceProxy.decision(com.openai.services.blocking.chat.ChatCompletionService.class,
                method(com.openai.services.blocking.chat.ChatCompletionService.class, "messages")))
                .isEqualTo("refused");
    }

    static Method method(Class<?> type, String name, Class<?>... params) {
        try {
            return type.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusedMethodsThrowNamingTheMethodAndSendNothing() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input(EMAIL).build()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("OpenAIClient.embeddings()")
                .hasMessageNotContaining(EMAIL);
        assertThatThrownBy(() -> client.withRawResponse()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("withRawResponse");
        assertThatThrownBy(() -> client.chat().completions().update("chatcmpl-1", ChatCompletionUpdateParams
                .builder().metadata(ChatCompletionUpdateParams.Metadata.builder().putAdditionalProperty("who",
                        com.openai.core.JsonValue.from(EMAIL)).build()).build()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("update");
        assertThatThrownBy(() -> client.chat().completions().messages())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("messages");
        assertThatThrownBy(() -> client.responses().inputTokens())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("inputTokens");
        assertThatThrownBy(() -> client.responses().connect())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("connect");
        assertThatThrownBy(() -> client.async().embeddings()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(records.records).isEmpty();
    }

    @Test
    void clientsDerivedWithOptionsStayGoverned() {
        OpenAIClient derived = client.withOptions(b -> b.timeout(Duration.ofSeconds(30)));
        derived.chat().withOptions(b -> b.maxRetries(0)).completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("I'm " + EMAIL).build());
        client.async().sync().chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("I'm " + EMAIL).build());

        assertThat(Proxy.isProxyClass(derived.getClass())).isTrue();
        assertThat(server.bodies()).hasSize(2);
        assertThat(server.allBodies()).doesNotContain(EMAIL);
        assertThat(records.records).hasSize(2);
    }

    @Test
    void methodsThatSendNoModelInputArePassedThrough() {
        assertThat(Proxy.isProxyClass(client.models().getClass())).isFalse();
        assertThat(client.toString()).isEqualTo("AimsOpenAi(OpenAIClient)");
        assertThat(client).isEqualTo(client).isNotEqualTo(raw);
    }
}
