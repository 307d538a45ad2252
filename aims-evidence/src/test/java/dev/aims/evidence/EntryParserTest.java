package dev.aims.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryParserTest {
    private final EntryParser parser = new EntryParser();

    private static String sealedOpen() {
        ObjectNode e = Entries.entry(1, "2025-03-01T09:00:00Z", Entries.OPEN);
        e.putObject(Entries.OPEN).put("instance", "a");
        return Chain.seal(e, Entries.GENESIS, Chain.sha256()).line();
    }

    @Test
    void acceptsASealedEntry() {
        EntryParser.Result r = parser.check(sealedOpen());
        assertThat(r.ok()).isTrue();
        assertThat(r.seq()).isEqualTo(1);
        assertThat(r.type()).isEqualTo("open");
        assertThat(r.prev()).isEqualTo(Entries.GENESIS);
    }

    @Test
    void refusesADuplicateMemberName() {
        String line = sealedOpen().replace("\"seq\":1,", "\"seq\":1,\"seq\":1,");
        assertThat(parser.check(line).problem()).startsWith("the line is not well-formed JSON");
    }

    @Test
    void refusesTrailingContent() {
        assertThat(parser.check(sealedOpen() + " {}").problem()).startsWith("the line is not well-formed JSON");
    }

    @Test
    void refusesALineThatIsNotCanonical() {
        assertThat(parser.check(sealedOpen().replace(":", ": ")).problem()).contains("not in canonical form");
    }

    @Test
    void refusesContentThatDoesNotMatchItsHash() {
        assertThat(parser.check(sealedOpen().replace("\"instance\":\"a\"", "\"instance\":\"b\"")).problem())
                .isEqualTo("the entry's content does not match its hash");
    }

    @Test
    void namesWhatIsMissingOrMalformed() {
        assertThat(parser.check("[1]").problem()).isEqualTo("the line is not a JSON object");
        assertThat(parser.check("{\"seq\":0}").problem()).isEqualTo("member 'seq' must be a positive integer");
        assertThat(parser.check(sealedOpen().replace("\"type\":\"open\"", "\"type\":\"note\"")).problem())
                .isEqualTo("member 'type' must be call, checkpoint or open, but was 'note'");
        assertThat(parser.check(sealedOpen().replace(Entries.GENESIS, "0".repeat(63) + "G")).problem())
                .isEqualTo("member 'prev' must be 64 lower-case hex digits");
        assertThat(parser.check(sealedOpen().replace("}", ",\"extra\":1}")).problem())
                .startsWith("the entry has members other than");
        assertThat(parser.check(null).unreadable()).isTrue();
        assertThat(parser.check("{\"seq\":").unreadable()).isTrue();
    }

    @Test
    void neverQuotesTheLineInAProblem() {
        String secretish = "{\"seq\":1,\"zzz-marker\":";
        assertThat(parser.check(secretish).problem()).doesNotContain("zzz-marker");
    }
}
