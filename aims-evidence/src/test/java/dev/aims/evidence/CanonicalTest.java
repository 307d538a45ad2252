package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Does() throws Exception {
        // The sorting example of RFC 8785, section 3.2.3.
        JsonNode n = JSON.readTree("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin\"}");
        assertThat(Canonical.of(n)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\",\"\ufb33\":\"Hebrew\"}");
    }

    @Test
    void writesNoInsignificantWhiteSpaceAndSortsNestedObjects() throws Exception {
        JsonNode n = JSON.readTree("{ \"b\" : [ 1, {\"z\":true, \"a\":null} ], \"a\" : \"x y\" }");
        assertThat(Canonical.of(n)).isEqualTo("{\"a\":\"x y\",\"b\":[1,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void escapesLikeJsonStringify() {
        String s = "q\"b\\s/\b\f\n\r\t\u0001\u001f\u007f é €";
        StringBuilder out = new StringBuilder();
        Canonical.string(s, out);
        assertThat(out).hasToString("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\u007f é €\"");
    }

    @Test
    void escapesALoneSurrogateAndKeepsAPair() {
        StringBuilder out = new StringBuilder();
        Canonical.string("a\ud800b\udc00c\ud83d\ude00", out);
        assertThat(out).hasToString("\"a\\ud800b\\udc00c\ud83d\ude00\"");
    }

    @Test
    void writesIntegersOfAnySize() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("small", -7);
        n.put("long", Long.MAX_VALUE);
        n.put("big", new BigInteger("123456789012345678901234567890"));
        assertThat(Canonical.of(n)).isEqualTo("{\"big\":123456789012345678901234567890,\"long\":"
                + Long.MAX_VALUE + ",\"small\":-7}");
    }

    @Test
    void refusesAFractionNamingItsPath() throws Exception {
        JsonNode n = JSON.readTree("{\"call\":{\"usage\":[1,{\"t\":0.5}]}}");
        assertThatThrownBy(() -> Canonical.of(n)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.call.usage[1].t must be an integer, but was 0.5");
    }

    @Test
    void isStableUnderReparsing() throws Exception {
        JsonNode n = JSON.readTree("{\"z\":{\"y\":[\"\\u0000\",\"\\\"\"],\"x\":-0},\"a\":\"\\ud834\\udd1e\"}");
        String once = Canonical.of(n);
        assertThat(Canonical.of(JSON.readTree(once))).isEqualTo(once);
    }
}
