package dev.aims.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.CallRecord;
import dev.aims.core.ModelAllowList;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Responses API through the governed SDK client, against the loopback server: blocking, async, streamed, tools. */
class ResponsesTest {
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
        aims = AimsOpenAi.builder(a -> a.redactor(ChatCompletionsTest.pseudonymising()).observer(records)
                .policy(ModelAllowList.of("gpt-4o*"))).build();
        client = aims.wrap(raw);
    }

    @AfterEach
    void stop() {
        aims.close();
        raw.close();
        server.close();
    }

    static ResponseCreateParams ask(String model, String text) {
        return ResponseCreateParams.builder().model(model).input(text).build();
    }

    static String outputText(Response r) {
        return r.output().stream().flatMap(i -> i.message().stream()).flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream()).map(t -> t.text()).collect(Collectors.joining());
    }

    @Test
    void createSendsPlaceholdersAndRestoresTheAnswer() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
                .instructions("Answer " + EMAIL).input(Seeds.all()).build());

        assertThat(Seeds.foundIn("bytes sent", server.allBodies())).isEmpty();
        assertThat(server.allBodies()).contains("\"instructions\":\"Answer <EMAIL_ADDRESS_1>\"");
        assertThat(outputText(r)).isEqualTo("You said: " + Seeds.all());
        assertThat(r.usage().orElseThrow().inputTokens()).isEqualTo(21);
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(records.only().findingCounts().keySet()).containsAll(Seeds.byType().keySet());
    }

    @Test
    void aDeniedCallNeverReachesTheServer() {
        Throwable e = catchThrowable(() -> client.responses().create(ask("o1-preview", "I'm " + EMAIL)));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(server.bodies()).isEmpty();
        assertThat(records.only().outcome()).isEqualTo(CallRecord.Outcome.DENIED);
    }

    @Test
    void aStreamCarriesTheGovernedTextAndEndsWithTheGovernedResponse() {
        List<ResponseStreamEvent> events;
        try (StreamResponse<ResponseStreamEvent> s = client.responses()
                .createStreaming(ask("gpt-4o-mini", "Mail " + EMAIL + " please"))) {
            events = s.stream().collect(Collectors.toList());
        }

        String text = events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo("You said: Mail " + EMAIL + " please");
        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isCompleted()).isTrue();
        assertThat(outputText(last.asCompleted().response())).isEqualTo("You said: Mail " + EMAIL + " please");
        assertThat(server.allBodies()).doesNotContain(EMAIL).contains("\"stream\":true");
        assertThat(records.only().streaming()).isTrue();
    }

    @Test
    void asyncCreateAndAsyncStreamAreGoverned() throws Exception {
        Response r = client.async().responses().create(ask("gpt-4o-mini", "I'm " + EMAIL)).get(20, TimeUnit.SECONDS);
        assertThat(outputText(r)).isEqualTo("You said: I'm " + EMAIL);

        StringBuilder text = new StringBuilder();
        CompletableFuture<Optional<Throwable>> done = new CompletableFuture<>();
        client.async().responses().createStreaming(ask("gpt-4o-mini", "Call " + EMAIL))
                .subscribe(new AsyncStreamResponse.Handler<ResponseStreamEvent>() {
                    @Override
                    public void onNext(ResponseStreamEvent e) {
                        e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                    }

                    @Override
                    public void onComplete(Optional<Throwable> error) {
                        done.complete(error);
                    }
                });
        assertThat(done.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(text.toString()).isEqualTo("You said: Call " + EMAIL);
        assertThat(server.allBodies()).doesNotContain(EMAIL);
    }

    static FunctionTool lookup() {
        return FunctionTool.builder().name("lookup").description("Finds orders").strict(false)
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("q", Map.of("type", "string"))))
                        .build()).build();
    }

    @Test
    void aToolRoundTripIsGovernedBothWays() {
        ResponseCreateParams first = ResponseCreateParams.builder().model("gpt-4o-mini").input("orders of " + EMAIL)
                .addTool(lookup()).build();
        Response r = client.responses().create(first);
        ResponseFunctionToolCall call = r.output().get(0).asFunctionCall();
        assertThat(call.arguments()).isEqualTo("{\"q\":\"orders of <EMAIL_ADDRESS_1>\"}");

        ResponseCreateParams second = ResponseCreateParams.builder().model("gpt-4o-mini")
                .inputOfResponse(List.of(
                        ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                                .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                                .content("orders of " + EMAIL).build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("order 7 for " + EMAIL).build())))
                .addTool(lookup()).build();
        Response answer = client.responses().create(second);

        assertThat(outputText(answer)).isEqualTo("Tool said: order 7 for " + EMAIL + " | You said: orders of "
                + EMAIL);
        assertThat(server.allBodies()).doesNotContain(EMAIL);
        assertThat(server.bodies().get(1)).contains("\"type\":\"function_call_output\"")
                .contains("order 7 for <EMAIL_ADDRESS_1>");
    }

    @Test
    void builtInToolsAreUninspectedAndRefusedByDefault() {
        ResponseCreateParams params = ResponseCreateParams.builder().model("gpt-4o-mini").input("Hi")
                .addTool(com.openai.models.responses.WebSearchTool.builder()
                        .type(com.openai.models.responses.WebSearchTool.Type.WEB_SEARCH).build()).build();

        Throwable e = catchThrowable(() -> client.responses().create(params));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(records.only().uninspectedParts()).isEqualTo(1);
        assertThat(server.bodies()).isEmpty();
    }

    @Test
    void idsArriveIntactWhilePromptVariablesAreRedacted() throws Exception {
        String previous = "resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b";
        String prompt = "pmpt_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b";
        client.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini").input("Hi")
                .previousResponseId(previous).prompt(com.openai.models.responses.ResponsePrompt.builder().id(prompt)
                        .variables(com.openai.models.responses.ResponsePrompt.Variables.builder()
                                .putAdditionalProperty("customer", JsonValue.from(EMAIL)).build()).build())
                .build());

        com.fasterxml.jackson.databind.JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(server.bodies().get(0));
        assertThat(sent.path("previous_response_id").asText()).isEqualTo(previous);
        assertThat(sent.path("prompt").path("id").asText()).isEqualTo(prompt);
        assertThat(sent.path("prompt").path("variables").path("customer").asText()).isEqualTo("<EMAIL_ADDRESS_1>");
        assertThat(sent.path("input").asText()).isEqualTo("Hi");
    }

    @Test
    void reasoningItemsAndItemReferencesAreUninspectedOneEachAndSentAsGivenOnlyWhenAllowed() {
        ResponseCreateParams params = ResponseCreateParams.builder().model("gpt-4o-mini").inputOfResponse(List.of(
                ResponseInputItem.ofReasoning(com.openai.models.responses.ResponseReasoningItem.builder()
                        .id("rs_1").summary(List.of(com.openai.models.responses.ResponseReasoningItem.Summary
                                .builder().text("thought about " + EMAIL).build())).build()),
                ResponseInputItem.ofItemReference(ResponseInputItem.ItemReference.builder().id("msg_7").build()),
                ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                        .role(com.openai.models.responses.EasyInputMessage.Role.USER).content("Hi").build())))
                .build();

        Throwable e = catchThrowable(() -> client.responses().create(params));

        assertThat(e).isInstanceOf(AiPolicyViolationException.class);
        assertThat(records.only().uninspectedParts()).isEqualTo(2);
        assertThat(server.bodies()).isEmpty();

        try (AimsOpenAi allowing = AimsOpenAi.builder(a -> a.uninspectedContent(
                dev.aims.core.UninspectedContent.ALLOW)).build()) {
            allowing.wrap(raw).responses().create(params);
        }
        assertThat(server.bodies().get(0)).contains("\"type\":\"reasoning\"").contains("\"msg_7\"");
    }
}
