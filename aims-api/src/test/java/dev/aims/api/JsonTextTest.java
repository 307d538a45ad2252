package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void aDocumentIsMappedWholeSoTheMapperSeesKeysBesideValues() {
        List<String> seen = new ArrayList<>();
        String json = "{\"ssn\": \"078-05-1120\"}";
        String out = JsonText.map(json, t -> {
            seen.add(t);
            return t.replace("078-05-1120", "<US_SSN_1>");
        });
        assertThat(seen).containsExactly(json);
        assertThat(out).isEqualTo("{\"ssn\": \"<US_SSN_1>\"}");
    }

    @Test
    void aResultThatIsNoLongerJsonIsRedoneTokenByToken() {
        // A mapper that eats across a quote, as a finding straddling two values would.
        UnaryOperator<String> straddling = t -> t.replace("\"b", "X").replace("secret", "<S>");
        String json = "[\"a\", \"b\", \"secret\", 4111111111111111]";
        String out = JsonText.map(json, t -> t.equals("4111111111111111") ? "<CARD>" : straddling.apply(t));

        assertThat(JsonText.valid(out)).isTrue();
        assertThat(out).isEqualTo("[\"a\", \"b\", \"<S>\", \"<CARD>\"]");
    }

    @Test
    void keysAreMappedTooWhenTheyHoldAValue() {
        String json = "{\"jane@corp.example\": 1, \"x\": \"y\"}";
        String out = JsonText.map(json, t -> t.equals(json) ? t.replace("\": 1", "") : t.replace("jane@corp.example",
                "<E>"));
        assertThat(out).isEqualTo("{\"<E>\": 1, \"x\": \"y\"}");
    }

    @Test
    void escapedStringsAreDecodedForTheMapperAndReencoded() {
        String json = "[\"line\\nbreak \\u0041\", \"q\\\"uote\"]";
        List<String> seen = new ArrayList<>();
        String out = JsonText.map(json, t -> {
            if (t.equals(json)) {
                return "not json";
            }
            seen.add(t);
            return t + "!";
        });
        assertThat(seen).containsExactly("line\nbreak A", "q\"uote");
        assertThat(out).isEqualTo("[\"line\\u000abreak A!\", \"q\\\"uote!\"]");
        assertThat(JsonText.valid(out)).isTrue();
    }

    @Test
    void aStringAloneIsJsonTooAndStaysAValidString() {
        // A mapper that eats the closing quote, as a finding running to the end of the text would.
        String json = "\"password=hunter2-xyz\\n\"";
        String out = JsonText.map(json, t -> t.startsWith("\"") ? "\"<S>" : t.replace("password=hunter2-xyz", "<S>"));

        assertThat(out).isEqualTo("\"<S>\\u000a\"");
        assertThat(JsonText.valid(out)).isTrue();
    }

    @Test
    void textThatIsNotJsonIsMappedAsText() {
        assertThat(JsonText.map("call me at x", t -> t.replace("x", "<P>"))).isEqualTo("call me at <P>");
        assertThat(JsonText.map("{broken", t -> t + "}")).isEqualTo("{broken}");
    }

    @Test
    void anUnchangedDocumentIsTheSameInstance() {
        String json = "{\"a\": [1, 2.5e3, true, null, \"s\"]}";
        assertThat(JsonText.map(json, t -> t)).isSameAs(json);
        assertThat(JsonText.map(json, String::new)).isSameAs(json);
    }

    @Test
    void validRecognisesJsonAndRejectsTheRest() {
        assertThat(JsonText.valid("{}")).isTrue();
        assertThat(JsonText.valid(" [1, -2.5E+3, \"\\u00e9\", {\"k\": false}] ")).isTrue();
        assertThat(JsonText.valid("{\"k\" 1}")).isFalse();
        assertThat(JsonText.valid("[1,]")).isFalse();
        assertThat(JsonText.valid("\"unterminated")).isFalse();
        assertThat(JsonText.valid("[\"bad \\x escape\"]")).isFalse();
        assertThat(JsonText.valid("{} trailing")).isFalse();
        assertThat(JsonText.valid("01x")).isFalse();
    }

    @Test
    void hostileNestingIsNotJsonAndDoesNotOverflowTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(JsonText.valid(deep)).isFalse();
        assertThat(JsonText.map(deep, t -> t.substring(1))).hasSize(deep.length() - 1);
    }
}
