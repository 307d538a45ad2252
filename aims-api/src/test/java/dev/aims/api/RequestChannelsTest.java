package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every text a provider reads is reached by {@code mapText}, and nothing else is changed. */
class RequestChannelsTest {
    static final String SEED = "SEED-4111-1111-1111-1111";
    static final UnaryOperator<String> SCRUB = t -> t.contains(SEED) ? t.replace(SEED, "<X_1>") : t;

    /** A request with the seed in every channel a provider reads, each channel once. */
    static AiRequest everyChannel(String v) {
        return AiRequest.builder().model("m")
                .message(Message.builder(Role.SYSTEM).text("system " + v).name("sys" + v).build())
                .message(Message.builder(Role.USER).text("user " + v).text("second part " + v)
                        .mediaUrl("https://files.example/?q=" + v).build())
                .message(Message.builder(Role.ASSISTANT).toolCall(ToolCall.of("c1", "tool" + v,
                        "{\"arg\":\"" + v + "\"}")).build())
                .message(Message.tool(ToolResult.of("c1", "tool" + v, "result " + v)))
                .tools(List.of(new ToolDefinition("lookup" + v, "finds " + v,
                        "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"enum\":[\"" + v
                                + "\"],\"default\":\"" + v + "\",\"examples\":[\"" + v + "\"]}}}")))
                .stopSequences(List.of("stop " + v))
                .responseFormat("{\"type\":\"json_schema\",\"schema\":{\"const\":\"" + v + "\"}}")
                .extra("user", "\"" + v + "\"")
                .extra("metadata", "{\"customer\":\"" + v + "\"}")
                .build();
    }

    /** Every text of the request, as a provider would read it. */
    static List<String> texts(AiRequest r) {
        List<String> out = new ArrayList<>();
        for (Message m : r.messages()) {
            m.name().ifPresent(out::add);
            out.addAll(m.texts());
            out.addAll(m.mediaUrls());
            for (ToolCall c : m.toolCalls()) {
                out.add(c.name());
                out.add(c.arguments());
            }
            m.toolResult().ifPresent(t -> {
                out.add(t.toolName());
                out.add(t.text());
            });
        }
        for (ToolDefinition t : r.tools()) {
            out.add(t.name());
            out.add(t.description());
            out.add(t.parametersSchema());
        }
        out.addAll(r.stopSequences());
        r.responseFormat().ifPresent(out::add);
        out.addAll(r.extras().values());
        return out;
    }

    @Test
    void mapTextReachesEveryChannel() {
        AiRequest seeded = everyChannel(SEED);
        assertThat(texts(seeded)).allMatch(t -> t.contains(SEED));

        AiRequest mapped = seeded.mapText(SCRUB);

        assertThat(texts(mapped)).hasSameSizeAs(texts(seeded)).noneMatch(t -> t.contains(SEED));
        assertThat(mapped.model()).isEqualTo("m");
        assertThat(mapped.extras()).containsOnlyKeys("user", "metadata");
    }

    @Test
    void jsonChannelsStayValidJson() {
        AiRequest mapped = everyChannel(SEED).mapText(SCRUB);

        assertThat(JsonText.valid(mapped.tools().get(0).parametersSchema())).isTrue();
        assertThat(JsonText.valid(mapped.responseFormat().orElseThrow())).isTrue();
        assertThat(mapped.extras().values()).allMatch(JsonText::valid);
        assertThat(JsonText.valid(mapped.messages().get(2).toolCalls().get(0).arguments())).isTrue();
    }

    @Test
    void mapTextThatChangesNothingReturnsTheSameInstance() {
        AiRequest seeded = everyChannel("nothing to see");
        assertThat(seeded.mapText(SCRUB)).isSameAs(seeded);
    }

    @Test
    void toStringPrintsNoChannel() {
        AiRequest seeded = everyChannel(SEED);
        assertThat(seeded.toString()).doesNotContain(SEED);
        for (Message m : seeded.messages()) {
            assertThat(m.toString()).doesNotContain(SEED);
            m.toolCalls().forEach(c -> assertThat(c.toString()).doesNotContain(SEED));
            m.toolResult().ifPresent(t -> assertThat(t.toString()).doesNotContain(SEED));
        }
        assertThat(seeded.tools().get(0).toString()).doesNotContain(SEED);
    }

    @Test
    void contentLengthCountsEveryChannel() {
        AiRequest seeded = everyChannel(SEED);
        long total = 0;
        for (String t : texts(seeded)) {
            total += t.length();
        }
        for (String key : seeded.extras().keySet()) {
            total += key.length();
        }
        assertThat(seeded.contentLength()).isEqualTo(total);
        assertThat(seeded.textLength()).isLessThan(total);
    }

    @Test
    void uninspectedPartsAddTheRequestsToItsMessages() {
        AiRequest r = AiRequest.builder().model("m").message(Message.builder(Role.USER).text("x")
                .uninspectedParts(2).build()).uninspectedParts(1).build();
        assertThat(r.uninspectedParts()).isEqualTo(3);
        assertThat(r.toBuilder().build().uninspectedParts()).isEqualTo(3);
    }

    @Test
    void tagsTravelThroughToBuilderAndMapTextButNotIntoEquality() {
        Object handle = new Object();
        AiRequest tagged = everyChannel(SEED).toBuilder().tag(Object.class, handle).build();

        assertThat(tagged.tag(Object.class)).isSameAs(handle);
        assertThat(tagged.toBuilder().model("other").build().tag(Object.class)).isSameAs(handle);
        assertThat(tagged.mapText(SCRUB).tag(Object.class)).isSameAs(handle);
        assertThat(tagged).isEqualTo(everyChannel(SEED)).hasSameHashCodeAs(everyChannel(SEED));
        assertThat(tagged.tag(String.class)).isNull();
        assertThat(tagged.toBuilder().tag(Object.class, null).build().tag(Object.class)).isNull();
    }

    @Test
    void aNameTheMapperRemovesWholeBecomesAPlaceholderName() {
        AiRequest r = AiRequest.builder().model("m").message(Message.builder(Role.USER).name(SEED).text("x").build())
                .build();
        AiRequest mapped = r.mapText(t -> t.equals(SEED) ? "" : t);
        assertThat(mapped.messages().get(0).name()).contains(ToolCall.REDACTED_NAME);
    }

    @Test
    void extras_nullValueNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AiRequest.builder().extras(
                new java.util.HashMap<>(java.util.Collections.singletonMap("user", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("extras['user'] must not be null");
    }

    @Test
    void uninspectedParts_negative() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AiRequest.builder().model("m")
                .message(Message.user("x")).uninspectedParts(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("uninspectedParts must be >= 0, but was -1");
    }

    @Test
    void messageName_blankDoesNotEchoTheValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Message.builder(Role.USER).name(" ").text("x")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessage("message.name must not be blank");
    }

    static Map<String, String> unused() {
        return Map.of();
    }
}
