package dev.aims.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallObserver;
import dev.aims.api.CallRecord;
import dev.aims.api.CallStart;
import dev.aims.api.Message;
import dev.aims.api.ObservedCall;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import dev.aims.api.ToolResult;
import dev.aims.testkit.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value of every entity type, seeded into every channel a provider reads and every context field, through a
 * client configured with nothing but a delegate: nothing raw reaches the provider, the records' text, what
 * observers are told at the start, the exception messages or the log — the principal in the record itself aside,
 * which is the audit identity.
 */
class NothingRawLeavesTest {
    static Stream<Arguments> seeds() {
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, String> e : Seeds.byType().entrySet()) {
            out.add(Arguments.of(e.getKey(), e.getValue()));
        }
        return out.stream();
    }

    /** Every channel, each holding the value once, set apart by spaces so it is a value and not part of a word. */
    static AiRequest everyChannel(String v) {
        return AiRequest.builder().model("gpt-4o")
                .message(Message.builder(Role.SYSTEM).text("system: " + v + " .").name("sys " + v).build())
                .message(Message.builder(Role.USER).text("user: " + v + " .").text("again: " + v)
                        .mediaUrl("https://files.example/doc?owner= " + v + " ").build())
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("c1", "tool " + v,
                        "{\"arg\": \"" + json(v) + "\"}")).build())
                .message(Message.tool(ToolResult.of("c1", "tool " + v, "result: " + v)))
                .tools(List.of(new ToolDefinition("lookup " + v, "finds " + v + " .",
                        "{\"type\": \"object\", \"properties\": {\"q\": {\"type\": \"string\", \"enum\": [\""
                                + json(v) + "\"], \"default\": \"" + json(v) + "\", \"examples\": [\"" + json(v)
                                + "\"]}}}")))
                .stopSequences(List.of("stop: " + v))
                .responseFormat("{\"type\": \"json_schema\", \"schema\": {\"const\": \"" + json(v) + "\"}}")
                .extra("user", "\"" + json(v) + "\"")
                .extra("metadata", "{\"customer\": \"" + json(v) + "\"}")
                .build();
    }

    static CallContext everyField(String v) {
        return CallContext.builder().principal(v).tenant("team " + v).systemId("bot " + v).purpose("help " + v)
                .sessionId("session " + v).parentCallId("parent " + v).sourceId("doc " + v).label("customer", v)
                .build();
    }

    static String json(String v) {
        return v.replace("\n", "\\n");
    }

    /** What the provider read: every channel of the request it was given. */
    static String read(AiRequest r) {
        StringBuilder sb = new StringBuilder();
        for (Message m : r.messages()) {
            m.name().ifPresent(sb::append);
            m.texts().forEach(sb::append);
            m.mediaUrls().forEach(sb::append);
            for (ToolCall c : m.toolCalls()) {
                sb.append(c.name()).append(c.arguments());
            }
            m.toolResult().ifPresent(t -> sb.append(t.toolName()).append(t.text()));
        }
        for (ToolDefinition t : r.tools()) {
            sb.append(t.name()).append(t.description()).append(t.parametersSchema());
        }
        r.stopSequences().forEach(sb::append);
        r.responseFormat().ifPresent(sb::append);
        r.extras().values().forEach(sb::append);
        return sb.toString();
    }

    /** The context's text as a record carries it, the principal left out (the audit identity is kept). */
    static String contextText(CallContext c) {
        return String.join("|", c.tenant().orElse(""), c.systemId().orElse(""), c.purpose().orElse(""),
                c.sessionId().orElse(""), c.parentCallId().orElse(""), String.join(",", c.sourceIds()),
                String.join(",", c.labels().values()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void aSeededValueLeavesNothingRawAnywhere(String type, String value) {
        List<AiRequest> received = new CopyOnWriteArrayList<>();
        List<CallStart> starts = new CopyOnWriteArrayList<>();
        RecordingObserver records = new RecordingObserver();
        CallObserver starting = new CallObserver() {
            @Override
            public void onCall(CallRecord record) {
                throw new IllegalStateException("an observer that fails, so that the client logs");
            }

            @Override
            public ObservedCall start(CallStart start) {
                starts.add(start);
                return this::onCall;
            }
        };
        GovernedClient client = GovernedClient.builder().delegate(r -> {
            received.add(r);
            return AiResponse.of("noted");
        }).observer(starting).observer(records).build();
        List<String> errors = new ArrayList<>();

        String log = capturingStderr(() -> {
            client.call(everyChannel(value), everyField(value));
            CollectingHandler handler = new CollectingHandler();
            client.stream(everyChannel(value), everyField(value), handler);
            if (handler.error.get() != null) {
                errors.add(String.valueOf(handler.error.get()));
            }
        });

        assertThat(received).hasSize(2);
        List<String> found = new ArrayList<>();
        for (AiRequest r : received) {
            found.addAll(Seeds.foundIn("what the provider received", read(r)));
            assertJson(r);
        }
        for (CallRecord rec : records.records) {
            found.addAll(Seeds.foundIn("record.toString()", rec.toString()));
            found.addAll(Seeds.foundIn("the record's value digests", String.valueOf(rec.valueDigests().byType())));
            assertThat(rec.valueDigests().distinct(type)).as("one seeded value, however often it was sent")
                    .isEqualTo(1);
            found.addAll(Seeds.foundIn("the record's context", contextText(rec.context())));
            found.addAll(Seeds.foundIn("the record's decisions", String.valueOf(rec.decisions())));
            assertThat(rec.context().principal()).as("the audit identity is kept").contains(value);
            assertThat(rec.redactionEnabled()).isTrue();
        }
        for (CallStart s : starts) {
            found.addAll(Seeds.foundIn("CallStart", s + contextText(s.context())));
        }
        found.addAll(Seeds.foundIn("the log", log));
        found.addAll(Seeds.foundIn("errors", String.join("\n", errors)));
        assertThat(log).as("the failing observer was logged").contains("failed on call");
        assertThat(found).as(type).isEmpty();
    }

    /** The JSON channels are still JSON after redaction: a provider must be able to read them. */
    static void assertJson(AiRequest r) {
        List<String> docs = new ArrayList<>();
        r.tools().forEach(t -> docs.add(t.parametersSchema()));
        r.responseFormat().ifPresent(docs::add);
        docs.addAll(r.extras().values());
        r.messages().forEach(m -> m.toolCalls().forEach(c -> docs.add(c.arguments())));
        for (String doc : docs) {
            try {
                JSON.readTree(doc);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON after redaction: " + doc.length() + " chars", e);
            }
        }
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static String capturingStderr(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
