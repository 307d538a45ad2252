package dev.aims.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.Role;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What each field of a Messages API request becomes in AIMS's form, and that the request that leaves is built from
 * the governed form: every text channel replaced, structure kept, nothing mapped left as the application wrote it.
 */
class WireRequestTest {
    static final ObjectMapper MAPPER = ObjectMappers.jsonMapper();

    /** The request read, and the AIMS form it gave. */
    record Read(WireRequest wire, AiRequest request) {
    }

    static Read read(String body) throws Exception {
        MessageCreateParams params = MessageCreateParams.builder()
                .body(MAPPER.readValue(body, MessageCreateParams.Body.class)).build();
        AiRequest[] built = new AiRequest[1];
        WireRequest wire = WireRequest.read(params, MAPPER, b -> built[0] = b.build());
        return new Read(wire, built[0]);
    }

    static JsonNode sent(Read r, AiRequest governed) {
        return MAPPER.valueToTree(r.wire().params(governed, r.request())._body());
    }

    static String request(String messages) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":" + messages + "}";
    }

    @Test
    void systemTextsAndRolesBecomeMessages() throws Exception {
        Read r = read("{\"model\":\"m\",\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"text\",\"text\":\"b\"}],\"messages\":[{\"role\":\"user\",\"content\":\"c\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"d\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"e\"}]}]}");

        assertThat(r.request().messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT);
        assertThat(r.request().messages().get(0).texts()).containsExactly("a", "b");
        assertThat(r.request().messages().get(2).texts()).containsExactly("d", "e");
        assertThat(r.request().extras()).containsEntry("messages[1].content[0].signature", "\"s\"");
        assertThat(r.request().model()).isEqualTo("m");
        assertThat(r.request().maxTokens()).hasValue(10);
        assertThat(r.request().uninspectedParts()).isZero();
    }

    @Test
    void toolResultsBecomeToolMessagesInPlaceNamedAfterTheirCall() throws Exception {
        Read r = read(request("[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                + "\"name\":\"lookup\",\"input\":{\"q\":\"x\"}}]},{\"role\":\"user\",\"content\":["
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\",\"text\":\"r1\"},"
                + "{\"type\":\"text\",\"text\":\"r2\"}]},{\"type\":\"text\",\"text\":\"after\"}]}]"));

        List<Message> m = r.request().messages();
        assertThat(m).extracting(Message::role).containsExactly(Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(m.get(0).toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("t1");
            assertThat(c.name()).isEqualTo("lookup");
            assertThat(c.arguments()).isEqualTo("{\"q\":\"x\"}");
        });
        assertThat(m.get(1).toolResult().orElseThrow().toolName()).isEqualTo("lookup");
        assertThat(m.get(1).toolResult().orElseThrow().text()).isEqualTo("r1");
        assertThat(m.get(1).texts()).containsExactly("r2");
        assertThat(m.get(2).texts()).containsExactly("after");
    }

    @Test
    void whatAimsCannotReadIsCountedUninspectedAndKeptAsWritten() throws Exception {
        Read r = read(request("[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"AAAA\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"file_1\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                + "\"data\":\"JVBE\"}},{\"type\":\"container_upload\",\"file_id\":\"file_2\"},"
                + "{\"type\":\"text\",\"text\":\"hello\"}]},{\"role\":\"assistant\",\"content\":["
                + "{\"type\":\"redacted_thinking\",\"data\":\"enc\"},{\"type\":\"web_search_tool_result\","
                + "\"tool_use_id\":\"s1\",\"content\":[]},{\"type\":\"text\",\"text\":\"hi\"}]}]"));

        assertThat(r.request().messages().get(0).uninspectedParts()).isEqualTo(4);
        assertThat(r.request().messages().get(1).uninspectedParts()).isEqualTo(2);
        assertThat(r.request().uninspectedParts()).isEqualTo(6);
        JsonNode out = sent(r, r.request().mapText(s -> s.toUpperCase(Locale.ROOT)));
        assertThat(out.path("messages").get(0).path("content").get(0).path("source").path("data").asText())
                .isEqualTo("AAAA");
        assertThat(out.path("messages").get(1).path("content").get(0).path("data").asText()).isEqualTo("enc");
        assertThat(out.path("messages").get(0).path("content").get(4).path("text").asText()).isEqualTo("HELLO");
    }

    @Test
    void everyOtherFieldIsAnExtraKeyedByItsPlace() throws Exception {
        Read r = read("{\"model\":\"m\",\"max_tokens\":10,\"top_k\":3,\"metadata\":{\"user_id\":\"u\"},"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"t\"},\"thinking\":{\"type\":\"enabled\","
                + "\"budget_tokens\":1024},\"x_custom\":\"v\",\"output_config\":{\"effort\":\"low\","
                + "\"format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}},"
                + "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"},\"cache_control\":"
                + "{\"type\":\"ephemeral\"}},{\"type\":\"web_search_20250305\",\"name\":\"web_search\","
                + "\"allowed_domains\":[\"a.example\"]}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]}]}");

        assertThat(r.request().extras()).containsOnlyKeys("top_k", "metadata", "tool_choice", "thinking",
                "x_custom", "output_config.effort", "tools[0].cache_control", "tools[1].allowed_domains",
                "messages[0].content[0].cache_control");
        assertThat(MAPPER.readTree(r.request().responseFormat().orElseThrow()))
                .isEqualTo(MAPPER.readTree("{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}"));
        assertThat(r.request().tools()).extracting(t -> t.name()).containsExactly("t", "web_search");
        assertThat(r.request().tools().get(0).parametersSchema()).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void theRequestThatLeavesIsBuiltFromTheGovernedTexts() throws Exception {
        Read r = read("{\"model\":\"m\",\"max_tokens\":10,\"system\":\"sys pii\",\"stop_sequences\":[\"stop pii\"],"
                + "\"metadata\":{\"user_id\":\"user pii\"},\"tools\":[{\"name\":\"toolpii\",\"description\":"
                + "\"desc pii\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"enum\":"
                + "[\"val pii\"]}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"text pii\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x.example/pii\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\","
                + "\"data\":\"doc pii\"},\"title\":\"title pii\"}]},{\"role\":\"assistant\",\"content\":[{\"type\":"
                + "\"tool_use\",\"id\":\"t1\",\"name\":\"toolpii\",\"input\":{\"q\":\"arg pii\"}}]},{\"role\":"
                + "\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"content\":\"result pii\"}]}]}");

        JsonNode out = sent(r, r.request().mapText(s -> s.replace("pii", "<PII>")));

        assertThat(out.path("system").asText()).isEqualTo("sys <PII>");
        assertThat(out.path("stop_sequences").get(0).asText()).isEqualTo("stop <PII>");
        assertThat(out.path("metadata").path("user_id").asText()).isEqualTo("user <PII>");
        JsonNode tool = out.path("tools").get(0);
        assertThat(tool.path("name").asText()).isEqualTo("tool<PII>");
        assertThat(tool.path("description").asText()).isEqualTo("desc <PII>");
        assertThat(tool.path("input_schema").path("properties").path("q").path("enum").get(0).asText())
                .isEqualTo("val <PII>");
        JsonNode user = out.path("messages").get(0).path("content");
        assertThat(user.get(0).path("type").asText()).as("structure kept").isEqualTo("text");
        assertThat(user.get(0).path("text").asText()).isEqualTo("text <PII>");
        assertThat(user.get(1).path("source").path("url").asText()).isEqualTo("https://x.example/<PII>");
        assertThat(user.get(2).path("source").path("data").asText()).isEqualTo("doc <PII>");
        assertThat(user.get(2).path("source").path("media_type").asText()).isEqualTo("text/plain");
        assertThat(user.get(2).path("title").asText()).isEqualTo("title <PII>");
        JsonNode use = out.path("messages").get(1).path("content").get(0);
        assertThat(use.path("id").asText()).isEqualTo("t1");
        assertThat(use.path("name").asText()).isEqualTo("tool<PII>");
        assertThat(use.path("input").path("q").asText()).isEqualTo("arg <PII>");
        JsonNode result = out.path("messages").get(2).path("content").get(0);
        assertThat(result.path("tool_use_id").asText()).isEqualTo("t1");
        assertThat(result.path("content").asText()).isEqualTo("result <PII>");
        assertThat(out.toString()).doesNotContain("pii");
    }

    @Test
    void typedFieldsGoBackAsGovernanceLeftThem() throws Exception {
        Read r = read("{\"model\":\"m\",\"max_tokens\":1000,\"temperature\":0.9,\"top_p\":0.5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        JsonNode out = sent(r, r.request().toBuilder().model("m2").maxTokens(100).temperature(0.1).topP(null)
                .build());

        assertThat(out.path("model").asText()).isEqualTo("m2");
        assertThat(out.path("max_tokens").asLong()).isEqualTo(100);
        assertThat(out.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(out.has("top_p")).isFalse();
    }

    @Test
    void headersAndQueryParametersAreExtrasToo() throws Exception {
        MessageCreateParams params = MessageCreateParams.builder().model("m").maxTokens(10).addUserMessage("x")
                .putAdditionalHeader("x-note", "note").putAdditionalQueryParam("q", "query")
                .userProfileId("profile").build();
        AiRequest[] built = new AiRequest[1];
        WireRequest wire = WireRequest.read(params, MAPPER, b -> built[0] = b.build());

        assertThat(built[0].extras()).containsEntry("http header x-note", "[\"note\"]")
                .containsEntry("http header anthropic-user-profile-id", "[\"profile\"]")
                .containsEntry("http query q", "[\"query\"]");
        MessageCreateParams out = wire.params(built[0].mapText(s -> s.toUpperCase(Locale.ROOT)), built[0]);
        assertThat(out._headers().values("x-note")).containsExactly("NOTE");
        assertThat(out._headers().values("anthropic-user-profile-id")).containsExactly("PROFILE");
        assertThat(out._queryParams().values("q")).containsExactly("QUERY");
    }

    @Test
    void aReshapedRequestIsRefusedSayingHowWithoutAValue() throws Exception {
        Read r = read(request("[{\"role\":\"user\",\"content\":\"secret text\"}]"));
        AiRequest more = r.request().toBuilder().message(Message.user("another")).build();
        AiRequest fewerParts = r.request().toBuilder()
                .messages(List.of(Message.builder(Role.USER).text("secret text").text("x").build())).build();

        assertThatThrownBy(() -> r.wire().params(more, r.request())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it has 2 messages where the application's request had 1");
        assertThatThrownBy(() -> r.wire().params(fewerParts, r.request()))
                .hasMessage("its message 0 (USER) differs in role or parts from the application's");
    }

    @Test
    void aJsonChannelThatIsNoLongerJsonIsRefused() throws Exception {
        Read r = read("{\"model\":\"m\",\"max_tokens\":10,\"metadata\":{\"user_id\":\"u\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        AiRequest broken = r.request().toBuilder().extra("metadata", "not json {").build();

        assertThatThrownBy(() -> r.wire().params(broken, r.request()))
                .hasMessage("metadata is no longer JSON after governance");
    }

    @Test
    void badInputIsRefusedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> read(request("[{\"role\":\"jane.doe@corp.example\",\"content\":\"x\"}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messages[0].role must be 'user' or 'assistant'");
        assertThatThrownBy(() -> read(request("[{\"role\":\"user\",\"content\":42}]")))
                .hasMessage("messages[0].content must be a string or an array of blocks");
        assertThatThrownBy(() -> read(request("[{\"role\":\"user\",\"content\":\"x\"}]").replace("\"messages\"",
                "\"tools\":[{\"description\":\"jane.doe@corp.example\"}],\"messages\"")))
                .hasMessage("tools[0].name must be a tool's name");
        assertThatThrownBy(() -> read(request("[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"t\",\"input\":{}}]}]")))
                .hasMessage("messages[0].content[0].name must be a tool's name");
    }
}
