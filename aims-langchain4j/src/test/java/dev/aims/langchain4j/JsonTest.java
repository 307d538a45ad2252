package dev.aims.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void everyKindOfSchemaElementGoesToJsonSchemaAndBackUnchanged() {
        JsonSchemaElement element = JsonObjectSchema.builder().description("an order")
                .addProperty("email", JsonStringSchema.builder().description("e.g. jane@example.org").build())
                .addProperty("kind", JsonEnumSchema.builder().enumValues("open", "closed").build())
                .addProperty("count", JsonIntegerSchema.builder().build())
                .addProperty("lines", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                .addProperty("note", JsonAnyOfSchema.builder().anyOf(new JsonStringSchema(), new JsonNullSchema())
                        .build())
                .addProperty("next", JsonReferenceSchema.builder().reference("Order").build())
                .addProperty("raw", JsonRawSchema.from("{\"type\":\"string\",\"default\":\"4111 1111 1111 1111\"}"))
                .definitions(Map.of("Order", JsonObjectSchema.builder().addBooleanProperty("paid").build()))
                .required("email").additionalProperties(false).build();

        String json = Json.schema(element);

        assertThat(json).startsWith("{\"type\":\"object\",\"description\":\"an order\"")
                .contains("\"default\":\"4111 1111 1111 1111\"", "\"$ref\":\"#/$defs/Order\"");
        assertThat(Json.schema(json, "f")).isEqualTo(element);
        assertThat(Json.schema(new JsonStringSchema())).isEqualTo("{\"type\":\"string\"}");
        assertThat(Json.schema("{\"type\":\"string\"}", "f")).isEqualTo(new JsonStringSchema());
    }

    @Test
    void textThatIsNoSchemaIsRefusedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> Json.schema("{\"type\": jane@example.org", "tools[0].parametersSchema"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tools[0].parametersSchema is not valid JSON (line 1, column")
                .hasMessageNotContaining("jane");
        assertThatThrownBy(() -> Json.schema("[\"jane@example.org\"]", "responseFormat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("responseFormat must be a JSON object");
        assertThatThrownBy(() -> Json.read("{\"a\":1,\"a\":2}", "extras['metadata']"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("extras['metadata'] is not valid JSON");
        assertThatThrownBy(() -> Json.read("{} jane", "f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("jane");
    }

    @Test
    void plainValuesAreWrittenAndOtherObjectsAreNot() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("list", List.of(1, 2.5, true, "x"));
        nested.put("none", null);

        assertThat(Json.plain(Map.of("a", nested))).isEqualTo("{\"a\":{\"none\":null,\"list\":[1,2.5,true,\"x\"]}}");
        assertThat(Json.plain("jane")).isEqualTo("\"jane\"");
        assertThat(Json.plain(Map.of("a", new Object()))).isNull();
        assertThat(Json.plain(Map.of(1, "x"))).isNull();
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThat(Json.plain(cyclic)).isNull();
    }

    @Test
    void typedReadsRefuseOtherKindsNamingTheField() {
        assertThat(Json.string("\"x\"", "f")).isEqualTo("x");
        assertThat(Json.bool("true", "f")).isTrue();
        assertThat(Json.stringMap("{\"k\":\"v\"}", "f")).containsExactly(Map.entry("k", "v"));
        assertThat(Json.object("{\"k\":[1]}", "f")).containsExactly(Map.entry("k", List.of(1)));
        assertThatThrownBy(() -> Json.string("1", "extras['user']")).hasMessage("extras['user'] must be a JSON string");
        assertThatThrownBy(() -> Json.bool("\"yes\"", "extras['store']"))
                .hasMessage("extras['store'] must be a JSON boolean");
        assertThatThrownBy(() -> Json.stringMap("{\"k\":1}", "extras['metadata']"))
                .hasMessage("extras['metadata'] must hold strings only");
    }
}
