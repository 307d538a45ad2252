package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiGovernanceException;
import dev.aims.api.AiPolicyViolationException;
import dev.aims.api.AiProviderException;
import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallRecord;
import dev.aims.api.Message;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyStage;
import dev.aims.api.Role;
import dev.aims.core.Policies;
import dev.aims.redact.AimsRedactor;
import dev.aims.testkit.LogCapture;
import dev.aims.testkit.LoopbackOpenAiServer;
import dev.aims.testkit.Seeds;
import dev.aims.testkit.Texts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A value of every entity type in every channel LangChain4j sends to a provider — system text, the user's name,
 * text parts, image URLs, the AI's text, thinking and tool calls (names and arguments), tool results, tool names,
 * descriptions and parameter schemas (descriptions and enum values), stop sequences, the response-format schema and
 * its name, and OpenAI's user, metadata, store, service tier and custom parameters (keys and values), in the request
 * and in the model's defaults — and in every context field; then the real OpenAI clients, governed with AIMS's own
 * redactor, call a loopback server, and everything emitted is searched: the bytes the server received, what the
 * delegate's listeners saw, the log output (the delegate logging requests and responses), every exception message
 * and stack trace, the records and their {@code toString()}s, and the request as sent that a record holds.
 */
class NothingRawLeavesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EMAIL = "jane.doe@example.com";

    final RecordingObserver observer = new RecordingObserver();
    final List<String> listenerSaw = new CopyOnWriteArrayList<>();
    final ChatModelListener listener = new ChatModelListener() {
        @Override
        public void onRequest(ChatModelRequestContext ctx) {
            listenerSaw.add(ctx.chatRequest().toString());
        }

        @Override
        public void onResponse(ChatModelResponseContext ctx) {
            listenerSaw.add(ctx.chatResponse().toString());
        }
    };
    final List<String> emitted = new ArrayList<>();
    LoopbackOpenAiServer server;
    LogCapture logs;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackOpenAiServer(7);
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        server.close();
    }

    static CallContext seededContext() {
        String all = Seeds.all();
        return CallContext.builder().principal(EMAIL).tenant("tenant " + all).systemId("system " + all)
                .purpose("purpose " + all).sessionId("session " + all)
                .label("customer", all).sourceIds(List.of("doc " + all)).build();
    }

    /** Every channel holds every value. */
    static ChatRequest everyChannel() {
        String all = Seeds.all();
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_1").name("lookup " + all)
                .arguments("{\"customer\":" + quote(all) + "}").build();
        JsonObjectSchema parameters = JsonObjectSchema.builder()
                .addStringProperty("customer", "who, e.g. " + all)
                .addProperty("kind", JsonEnumSchema.builder().enumValues("open", all).build())
                .required("customer").build();
        ToolSpecification tool = ToolSpecification.builder().name("lookup " + all).description("Looks up " + all)
                .parameters(parameters).build();
        JsonSchema format = JsonSchema.builder().name("answer " + all).rootElement(JsonObjectSchema.builder()
                .addStringProperty("reply", "about " + all).build()).build();
        return ChatRequest.builder()
                .messages(List.of(
                        SystemMessage.from("You help " + all),
                        UserMessage.builder().name(all).contents(List.of(TextContent.from("Look: " + all),
                                ImageContent.from(Seeds.url("https://files.example.org/scan.png")),
                                TextContent.from("and " + all))).build(),
                        AiMessage.builder().text("Checking " + all).thinking("they wrote " + all)
                                .toolExecutionRequests(List.of(call)).build(),
                        ToolExecutionResultMessage.from(call, "Found " + all),
                        UserMessage.from("Summarise " + all)))
                .parameters(OpenAiChatRequestParameters.builder()
                        .stopSequences("stop " + all)
                        .toolSpecifications(tool)
                        .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(format)
                                .build())
                        .metadata(Map.of("customer", all))
                        .serviceTier("flex " + all)
                        .customParameters(Map.of("note " + all, Map.of("who", all)))
                        .build())
                .build();
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ChatModel openAi(String baseUrl) {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName("gpt-4o-mini")
                .user(Seeds.all()).store(true).sendThinking(true)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .logRequests(true).logResponses(true).timeout(Duration.ofSeconds(10)).maxRetries(0)
                .listeners(List.of(listener)).build();
    }

    StreamingChatModel openAiStreaming(String baseUrl) {
        return OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName("gpt-4o-mini")
                .user(Seeds.all()).store(true).sendThinking(true)
                .logRequests(true).logResponses(true).timeout(Duration.ofSeconds(10))
                .listeners(List.of(listener)).build();
    }

    static AimsRedactor redactor(Operator operator) {
        return AimsRedactor.builder().defaultOperator(operator).build();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Operator.class, names = {"PLACEHOLDER", "PSEUDONYMIZE"})
    void aGovernedChatModelSendsEveryChannelRedacted(Operator operator) {
        ChatModel model = AimsLangChain4j.govern(openAi(server.baseUrl()),
                aims -> aims.redactor(redactor(operator)).observer(observer));

        ChatResponse response;
        try (CallContext.Scope s = CallContext.bind(seededContext())) {
            response = model.chat(everyChannel());
        }

        assertThat(response.aiMessage().text()).startsWith("Tool said: Found ");
        emitted.add(model.toString());
        assertEveryChannelWasSentRedacted();
        assertNothingRawWasEmitted();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Operator.class, names = {"PLACEHOLDER", "PSEUDONYMIZE"})
    void aGovernedStreamingChatModelSendsEveryChannelRedacted(Operator operator) throws Exception {
        StreamingChatModel model = AimsLangChain4j.govern(openAiStreaming(server.baseUrl()),
                aims -> aims.redactor(redactor(operator)).observer(observer));
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        try (CallContext.Scope s = CallContext.bind(seededContext())) {
            model.chat(everyChannel(), handler(done));
        }

        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).startsWith("Tool said: Found ");
        emitted.add(model.toString());
        assertEveryChannelWasSentRedacted();
        assertNothingRawWasEmitted();
    }

    @Test
    void failuresSayNothingRawEither() throws Exception {
        // The provider is unreachable; a policy denies; an interceptor breaks the contract; governance produces a
        // request LangChain4j cannot express. Each exception is searched, with its causes and stack trace.
        String closed = "http://127.0.0.1:1/v1";
        ChatModel unreachable = AimsLangChain4j.govern(openAi(closed),
                aims -> aims.redactor(AimsRedactor.create()).observer(observer));
        ChatModel denying = AimsLangChain4j.govern(openAi(server.baseUrl()), aims -> aims
                .redactor(AimsRedactor.create()).observer(observer).policy(Policies.of("no-secrets", "1",
                        PolicyStage.PRE_SEND, in -> in.findings().isEmpty(), "secrets_found", "")));
        ChatModel replacing = AimsLangChain4j.govern(openAi(server.baseUrl()), aims -> aims
                .redactor(AimsRedactor.create()).observer(observer).interceptor(chain -> chain.proceed(
                        AiRequest.builder().model("gpt-4o-mini").messages(chain.request().messages()).build())));
        ChatModel reshaping = AimsLangChain4j.govern(openAi(server.baseUrl()), aims -> aims
                .redactor(AimsRedactor.create()).observer(observer).interceptor(chain -> {
                    List<Message> messages = new ArrayList<>(chain.request().messages());
                    messages.add(Message.builder(Role.USER).text(Seeds.all())
                            .mediaUrl(Seeds.url("https://a.example/x"))
                            .mediaUrl(Seeds.url("https://b.example/y")).build());
                    return chain.proceed(chain.request().toBuilder().messages(messages).build());
                }));
        StreamingChatModel streamingUnreachable = AimsLangChain4j.govern(openAiStreaming(closed),
                aims -> aims.redactor(AimsRedactor.create()).observer(observer));

        List<Throwable> failures = new ArrayList<>();
        try (CallContext.Scope s = CallContext.bind(seededContext())) {
            for (ChatModel model : List.of(unreachable, denying, replacing, reshaping)) {
                try {
                    model.chat(everyChannel());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            streamingUnreachable.chat(everyChannel(), handler(done));
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }

        assertThat(failures).hasSize(5);
        assertThat(failures.get(0).getSuppressed()).singleElement().isInstanceOf(AiProviderException.class);
        assertThat(failures.get(1)).isInstanceOf(AiPolicyViolationException.class);
        assertThat(failures.get(2)).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("request.toBuilder()");
        assertThat(failures.get(3)).isInstanceOf(AiGovernanceException.class)
                .hasMessageContaining("messages[5] has media");
        assertThat(failures.get(4).getSuppressed()).singleElement().isInstanceOf(AiProviderException.class);
        assertThat(observer.records).hasSize(5).allSatisfy(r -> assertThat(r.outcome())
                .isNotEqualTo(CallRecord.Outcome.ALLOWED));
        for (Throwable t : failures) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            emitted.add(trace.toString());
        }
        assertNothingRawWasEmitted();
    }

    static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }

    /** The channels are there, each with placeholders: they were sent, redacted, not dropped. */
    void assertEveryChannelWasSentRedacted() {
        assertThat(server.bodies()).hasSize(1);
        JsonNode body = read(server.bodies().get(0));
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("content").asText()).contains("<EMAIL_ADDRESS_");
        JsonNode user = messages.get(1);
        assertThat(user.path("name").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(user.path("content").get(0).path("text").asText()).contains("<CREDIT_CARD_");
        assertThat(user.path("content").get(1).path("image_url").path("url").asText())
                .startsWith("https://files.example.org/scan.png?email_address=%3CEMAIL_ADDRESS_");
        assertThat(user.path("content").get(2).path("text").asText()).contains("<US_SSN_");
        JsonNode ai = messages.get(2);
        assertThat(ai.path("content").asText()).contains("<IBAN_CODE_");
        assertThat(ai.path("tool_calls").get(0).path("function").path("name").asText()).contains("<JWT_");
        assertThat(ai.path("tool_calls").get(0).path("function").path("arguments").asText())
                .contains("<PRIVATE_KEY_");
        assertThat(messages.get(3).path("content").asText()).contains("<GITHUB_TOKEN_");
        JsonNode function = body.path("tools").get(0).path("function");
        assertThat(function.path("name").asText()).contains("<EMAIL_ADDRESS_");
        assertThat(function.path("description").asText()).contains("<SLACK_TOKEN_");
        assertThat(function.path("parameters").toString()).contains("<STRIPE_API_KEY_");
        assertThat(body.path("stop").toString()).contains("<GOOGLE_API_KEY_");
        assertThat(body.path("response_format").path("json_schema").path("name").asText())
                .contains("<EMAIL_ADDRESS_");
        assertThat(body.path("response_format").path("json_schema").path("schema").toString())
                .contains("<AWS_ACCESS_KEY_ID_");
        assertThat(body.path("user").asText()).contains("<OPENAI_API_KEY_");
        assertThat(body.path("metadata").path("customer").asText()).contains("<ANTHROPIC_API_KEY_");
        assertThat(body.path("store").asBoolean()).isTrue();
        assertThat(body.path("service_tier").asText()).startsWith("flex ").contains("<MAC_ADDRESS_");
        Iterator<String> fields = body.fieldNames();
        boolean custom = false;
        while (fields.hasNext()) {
            String name = fields.next();
            if (name.startsWith("note ")) {
                custom = true;
                assertThat(name).contains("<CRYPTO_");
                assertThat(body.path(name).path("who").asText()).contains("<UK_NHS_");
            }
        }
        assertThat(custom).as("custom parameter sent").isTrue();
        // The searches below see what the delegate logged and what its listeners saw.
        assertThat(logs.text()).contains("HTTP request:", "HTTP response:", "<EMAIL_ADDRESS_1>");
        assertThat(listenerSaw).hasSize(2);
        CallRecord record = observer.only();
        assertThat(record.outcome()).isEqualTo(CallRecord.Outcome.ALLOWED);
        assertThat(record.findingCounts().keySet()).containsAll(Seeds.types());
    }

    /** Searches everything emitted, in every spelling, for every value. */
    void assertNothingRawWasEmitted() {
        List<String> leaks = new ArrayList<>();
        List<String> bodies = server.bodies();
        for (int i = 0; i < bodies.size(); i++) {
            leaks.addAll(Seeds.foundIn("request body " + i, bodies.get(i)));
            leaks.addAll(Seeds.foundIn("request body " + i + " (decoded)", decoded(read(bodies.get(i)))));
        }
        leaks.addAll(Seeds.foundIn("the delegate's listeners", String.join("\n", listenerSaw)));
        leaks.addAll(Seeds.foundIn("log output", logs.text()));
        for (int i = 0; i < emitted.size(); i++) {
            leaks.addAll(Seeds.foundIn("emitted text " + i, emitted.get(i)));
        }
        for (CallRecord r : observer.records) {
            leaks.addAll(Seeds.foundIn("record " + r.callId() + " toString", withoutIdentifiers(r.toString())));
            leaks.addAll(Seeds.foundIn("record " + r.callId() + " context",
                    withoutIdentifiers(r.context().toString())));
            for (PolicyDecision d : r.decisions()) {
                leaks.addAll(Seeds.foundIn("record " + r.callId() + " decision", d.toString() + d.message()));
            }
            r.sentRequest().ifPresent(sent -> {
                leaks.addAll(Seeds.foundIn("record " + r.callId() + " sent request", sent.toString()));
                leaks.addAll(Seeds.foundIn("record " + r.callId() + " sent request texts", texts(sent)));
            });
            r.receivedResponse().ifPresent(received -> leaks.addAll(Seeds.foundIn(
                    "record " + r.callId() + " received response", received.toString() + texts(received))));
        }
        assertThat(leaks).isEmpty();
    }

    /**
     * {@link CallContext#toString()} prints the tenant and the system id by design — identifiers the application
     * configures, not free text — so those two, and only those, are taken out before a record's text is searched.
     */
    static String withoutIdentifiers(String text) {
        CallContext seeded = seededContext();
        return text.replace(seeded.tenant().orElseThrow(), "<tenant>").replace(seeded.systemId().orElseThrow(),
                "<systemId>");
    }

    static String texts(AiRequest request) {
        return Texts.of(request);
    }

    static String texts(AiResponse response) {
        return Texts.of(response);
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("the server received no JSON", e);
        }
    }

    /** Every key and string of a JSON document, unescaped. */
    static String decoded(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        decode(node, sb);
        return sb.toString();
    }

    private static void decode(JsonNode node, StringBuilder sb) {
        if (node.isTextual()) {
            sb.append(node.textValue()).append('\n');
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            sb.append(e.getKey()).append('\n');
            decode(e.getValue(), sb);
        }
        for (JsonNode child : node) {
            if (!node.isObject()) {
                decode(child, sb);
            }
        }
    }
}
