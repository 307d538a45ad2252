package dev.aims.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiRequest;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.core.GovernedClient;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Governance acting on the SDK's requests and streams: policies that modify or deny, interceptors, closing. */
class GovernanceRulesTest {
    static final String EMAIL = Seeds.byType().get("EMAIL_ADDRESS");
    static final ObjectMapper JSON = new ObjectMapper();

    LoopbackOpenAiServer server;
    OpenAIClient raw;
    RecordingObserver records = new RecordingObserver();
    AimsOpenAi aims;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(4);
        raw = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        if (aims != null) {
            aims.close();
        }
        raw.close();
        server.close();
    }

    OpenAIClient governed(Consumer<GovernedClient.Builder> config) {
        aims = AimsOpenAi.builder(a -> config.accept(a.observer(records))).build();
        return aims.wrap(raw);
    }

    static Policy policy(PolicyStage stage, BiFunction<Policy, PolicyInput, PolicyDecision> rule) {
        return new Policy() {
            @Override
            public String id() {
                return "test-" + stage.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public Set<PolicyStage> stages() {
                return Set.of(stage);
            }

            @Override
            public PolicyDecision evaluate(PolicyInput input) {
                return rule.apply(this, input);
            }
        };
    }

    JsonNode body(int i) throws Exception {
        return JSON.readTree(server.bodies().get(i));
    }

    static ChatCompletionCreateParams withImage(String text) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessageOfArrayOfContentParts(List.of(
                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text).build()),
                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                        ChatCompletionContentPartImage.ImageUrl.builder().url("https://img.example/a.png")
                                .detail(ChatCompletionContentPartImage.ImageUrl.Detail.HIGH).build()).build())))
                .build();
    }

    @Test
    void aMessageAPolicyAddsIsSentAndTheOriginalsKeepTheirShape() throws Exception {
        Policy prepend = policy(PolicyStage.PRE, (self, in) -> {
            AiRequest r = in.request();
            List<Message> messages = new java.util.ArrayList<>(r.messages());
            messages.add(0, Message.system("Be brief with " + EMAIL));
            return PolicyDecision.modify(self, PolicyStage.PRE, "prepend",
                    "adds a system message", r.toBuilder().messages(messages).maxTokens(50).build());
        });
        OpenAIClient client = governed(a -> a.policy(prepend));

        client.chat().completions().create(withImage("I'm " + EMAIL));

        JsonNode sent = body(0);
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Be brief with <EMAIL_ADDRESS_1>");
        JsonNode parts = sent.path("messages").get(1).path("content");
        assertThat(parts.get(0).path("text").asText()).isEqualTo("I'm <EMAIL_ADDRESS_1>");
        assertThat(parts.get(1).path("image_url").path("detail").asText()).isEqualTo("high");
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void aRequestReplacedWithoutItsTagFailsNamingTheWayToKeepIt() {
        OpenAIClient client = governed(a -> a.interceptor(chain -> chain.proceed(
                AiRequest.builder().model("gpt-4o-mini").message(Message.user("replaced")).build())));

        Throwable e = catchThrowable(() -> client.chat().completions().create(withImage("Hi")));

        assertThat(e).isInstanceOf(AiGovernanceException.class).hasMessageContaining("request.toBuilder()");
        assertThat(server.bodies()).isEmpty();
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ERROR);
    }

    @Test
    void aDenialMidStreamEndsTheStreamBeforeTheDeniedTextReachesTheApplication() {
        Policy noForbidden = policy(PolicyStage.POST, (self, in) -> in.response()
                .map(r -> r.text().contains("forbidden")).orElse(false)
                ? PolicyDecision.deny(self, PolicyStage.POST, "forbidden", "a forbidden word")
                : PolicyDecision.allow(self, PolicyStage.POST));
        OpenAIClient client = governed(a -> a.policy(noForbidden));
        StringBuilder seen = new StringBuilder();
        Throwable e;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                        .addUserMessage("a long and harmless opening that goes on for a while, then forbidden")
                        .build())) {
            e = catchThrowable(() -> s.stream().forEach(c -> c.choices()
                    .forEach(ch -> seen.append(ch.delta().content().orElse("")))));
        }

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(seen.toString()).doesNotContain("forbidden");
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void closingAStreamEarlyEndsTheCallOnTheRecord() throws Exception {
        OpenAIClient client = governed(a -> { });
        String longText = "word ".repeat(400);
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(longText).build())) {
            Iterator<ChatCompletionChunk> it = s.stream().iterator();
            assertThat(it.hasNext()).isTrue();
            it.next();
        }
        // The record is made on the governed call's thread: wait for it, however long that takes.
        while (records.records.isEmpty()) {
            Thread.sleep(10);
        }
        assertThat(records.only().streaming()).isTrue();
    }

    @Test
    void additionalHeadersAndQueryParametersAreUninspectedAndRefusedByDefault() {
        OpenAIClient client = governed(a -> { });
        ChatCompletionCreateParams params = withImage("Hi").toBuilder().putAdditionalHeader("X-Customer", EMAIL)
                .putAdditionalQueryParam("who", EMAIL).build();

        Throwable e = catchThrowable(() -> client.chat().completions().create(params));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class).hasMessageNotContaining(EMAIL);
        assertThat(records.only().uninspectedParts()).isEqualTo(2);
        assertThat(server.bodies()).isEmpty();
    }

    @Test
    void inlineImagesAudioAndFilesAreUninspectedOneEach() {
        OpenAIClient client = governed(a -> { });
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                                ChatCompletionContentPartImage.ImageUrl.builder().url("data:image/png;base64,AAAA")
                                        .build()).build()),
                        ChatCompletionContentPart.ofInputAudio(com.openai.models.chat.completions
                                .ChatCompletionContentPartInputAudio.builder().inputAudio(com.openai.models.chat
                                        .completions.ChatCompletionContentPartInputAudio.InputAudio.builder()
                                        .data("AAAA").format(com.openai.models.chat.completions
                                                .ChatCompletionContentPartInputAudio.InputAudio.Format.WAV).build())
                                .build()),
                        ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder().file(
                                ChatCompletionContentPart.File.FileObject.builder().fileId("file-abc").build())
                                .build())))
                .build();

        Throwable e = catchThrowable(() -> client.chat().completions().create(params));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(records.only().uninspectedParts()).isEqualTo(3);
        assertThat(server.bodies()).isEmpty();
    }

    record Answer(String text) {
    }

    @Test
    void structuredOutputsGoThroughTheGovernedCreate() throws Exception {
        OpenAIClient client = governed(a -> { });

        client.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("I'm " + EMAIL).responseFormat(Answer.class).build());

        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(body(0).path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(server.allBodies()).doesNotContain(EMAIL);
    }
}
