package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactCommandTest {
    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4104 3321 8196 0018";
    private final ObjectMapper json = new ObjectMapper();

    /** The outcome of one run: status, stdout, stderr. */
    record Run(int status, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private static synchronized Run run(byte[] stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = AimsCommand.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void redactsStandardInputAsText() {
        Run r = run("mail " + EMAIL + " card " + CARD + "\n", "redact");
        assertThat(r.out()).isEqualTo("mail <EMAIL_ADDRESS_1> card <CREDIT_CARD_1>\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void cleanTextExitsZeroAndComesBackUnchanged() {
        Run r = run("nothing to see here\n", "redact");
        assertThat(r.out()).isEqualTo("nothing to see here\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("in.txt");
        Files.writeString(f, "ip 10.0.0.1");
        Run r = run("", "redact", f.toString());
        assertThat(r.out()).isEqualTo("ip <IP_ADDRESS_1>");
    }

    @Test
    void missingFileIsAUsageErrorNamingIt(@TempDir Path dir) {
        Path f = dir.resolve("nope.txt");
        Run r = run("", "redact", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(f.toString()).contains("no such file");
    }

    @Test
    void jsonFormatListsTheFindings() throws Exception {
        String text = "mail " + EMAIL;
        Run r = run(text, "redact", "--format", "json");
        JsonNode node = json.readTree(r.out());
        assertThat(node.get("text").asText()).isEqualTo("mail <EMAIL_ADDRESS_1>");
        JsonNode f = node.get("findings").get(0);
        assertThat(f.get("type").asText()).isEqualTo("EMAIL_ADDRESS");
        assertThat(f.get("start").asInt()).isEqualTo(5);
        assertThat(f.get("end").asInt()).isEqualTo(text.length());
        assertThat(f.get("score").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void jsonLinesGiveOneLinePerInputWithOffsetsIntoTheInput() throws Exception {
        String in = "{\"id\": \"a\", \"text\": \"mail " + EMAIL + "\"}\n{\"id\": 7, \"text\": \"nothing\"}\n";
        Run r = run(in, "redact", "--jsonl");
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines[0]);
        assertThat(first.get("id").asText()).isEqualTo("a");
        assertThat(first.get("text").asText()).isEqualTo("mail <EMAIL_ADDRESS_1>");
        assertThat(first.get("findings").get(0).get("start").asInt()).isEqualTo(5);
        assertThat(first.get("findings").get(0).get("end").asInt()).isEqualTo(5 + EMAIL.length());
        assertThat(first.get("findings").get(0).has("score")).isFalse();
        JsonNode second = json.readTree(lines[1]);
        assertThat(second.get("id").asInt()).isEqualTo(7);
        assertThat(second.get("findings")).isEmpty();
    }

    @Test
    void malformedLinesAreReportedByNumberAndTheOthersGoOn() throws Exception {
        String secretLine = "{\"id\": \"x\", \"text\": \"" + EMAIL;
        String in = "{\"id\": \"a\", \"text\": \"ok\"}\n" + secretLine + "\n[1,2]\n{\"text\": \"no id\"}\n"
                + "{\"id\": \"b\", \"text\": 5}\n{\"id\": \"c\", \"text\": \"ip 10.0.0.1\"}\n";
        Run r = run(in, "redact", "--jsonl");
        assertThat(r.status()).isEqualTo(1);
        String[] out = r.out().split("\n");
        assertThat(out).hasSize(2);
        assertThat(json.readTree(out[1]).get("text").asText()).isEqualTo("ip <IP_ADDRESS_1>");
        assertThat(r.err().split("\n")).containsExactly(
                "aims redact: <stdin>:2: not valid JSON; line skipped",
                "aims redact: <stdin>:3: not a JSON object; line skipped",
                "aims redact: <stdin>:4: missing field \"id\"; line skipped",
                "aims redact: <stdin>:5: missing string field \"text\"; line skipped");
        assertThat(r.err()).doesNotContain(EMAIL);
    }

    @Test
    void typesRestrictTheDetectors() {
        Run r = run("mail " + EMAIL + " card " + CARD, "redact", "--types", "CREDIT_CARD");
        assertThat(r.out()).isEqualTo("mail " + EMAIL + " card <CREDIT_CARD_1>");
    }

    @Test
    void operatorsAreChosenPerType() {
        Run r = run("mail " + EMAIL + " card " + CARD, "redact", "--operator", "CREDIT_CARD=MASK",
                "--operator", "email_address=drop");
        assertThat(r.out()).isEqualTo("mail  card *******************");
    }

    @Test
    void unknownTypeIsAUsageError() {
        Run r = run("x", "redact", "--types", "EMAIL");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown entity type 'EMAIL'");
    }

    @Test
    void badOperatorIsAUsageError() {
        assertThat(run("x", "redact", "--operator", "JWT=SHRED").err()).contains("unknown operator 'SHRED'");
        assertThat(run("x", "redact", "--operator", "JWT").err()).contains("expected TYPE=OP, but was 'JWT'");
        assertThat(run("x", "redact", "--operator", "JWT").status()).isEqualTo(2);
    }

    @Test
    void badFormatIsAUsageError() {
        Run r = run("x", "redact", "--format", "xml");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--format");
    }

    @Test
    void aLongInputIsRedactedBlockByBlockWithOffsetsIntoTheWholeInput() throws Exception {
        StringBuilder in = new StringBuilder();
        int line = 0;
        while (in.length() < 3 * TextBlocks.BLOCK) {
            in.append("line ").append(line++).append(" of plain prose about the weather and the sea\n");
        }
        int emailAt = in.length();
        in.append("mail ").append(EMAIL).append('\n');
        Run text = run(in.toString(), "redact");
        assertThat(text.status()).isEqualTo(1);
        assertThat(text.out()).hasSize(in.length() - EMAIL.length() + "<EMAIL_ADDRESS_1>".length())
                .endsWith("mail <EMAIL_ADDRESS_1>\n");
        JsonNode node = json.readTree(run(in.toString(), "redact", "--format", "json").out());
        JsonNode f = node.get("findings").get(0);
        assertThat(f.get("start").asLong()).isEqualTo(emailAt + 5);
        assertThat(f.get("end").asLong()).isEqualTo(emailAt + 5 + EMAIL.length());
        assertThat(node.get("text").asText()).startsWith("line 0 of plain prose").hasSize(text.out().length());
    }

    @Test
    void offsetsStayStringIndicesWhenTheBlocksHoldCharactersOfSeveralBytes() throws Exception {
        StringBuilder in = new StringBuilder();
        int line = 0;
        while (in.length() < 2 * TextBlocks.BLOCK) {
            // two, three and four bytes a character, the last one a surrogate pair in a String
            in.append("Grüße ").append(line++).append(" \u6f22\u5b57 \ud83d\ude00 über das Wetter\n");
        }
        int emailAt = in.length();
        in.append("mail ").append(EMAIL).append('\n');
        JsonNode node = json.readTree(run(in.toString(), "redact", "--format", "json").out());
        JsonNode f = node.get("findings").get(0);
        assertThat(f.get("start").asLong()).isEqualTo(emailAt + 5);
        assertThat(node.get("text").asText()).isEqualTo(in.toString().replace(EMAIL, "<EMAIL_ADDRESS_1>"));
    }

    @Test
    void malformedUtf8IsReadAsAReaderWouldAndOffsetsCountTheReplacementCharacters() throws Exception {
        java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();
        // a stray continuation byte, a truncated three-byte character, an invalid byte, an overlong '/', an
        // encoded surrogate, a four-byte lead with nothing after it: each line, so that blocks are cut among them
        byte[] bad = {(byte) 0x80, ' ', (byte) 0xe6, (byte) 0x97, ' ', (byte) 0xff, ' ', (byte) 0xc0, (byte) 0xaf,
            ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, ' ', (byte) 0xf0, (byte) 0x9f};
        int line = 0;
        while (in.size() < 2 * TextBlocks.BLOCK + 1000) {
            in.write(("line " + line++ + " ").getBytes(StandardCharsets.UTF_8));
            in.write(bad);
            in.write('\n');
        }
        in.write(("mail " + EMAIL + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = in.toByteArray();
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        assertThat(decoded).contains("\ufffd");

        Run text = run(bytes, "redact");
        assertThat(text.status()).isEqualTo(1);
        assertThat(text.out()).isEqualTo(decoded.replace(EMAIL, "<EMAIL_ADDRESS_1>"));
        JsonNode node = json.readTree(run(bytes, "redact", "--format", "json").out());
        JsonNode f = node.get("findings").get(0);
        assertThat(f.get("start").asInt()).isEqualTo(decoded.indexOf(EMAIL));
        assertThat(f.get("end").asInt()).isEqualTo(decoded.indexOf(EMAIL) + EMAIL.length());
        assertThat(node.get("text").asText()).isEqualTo(text.out());
    }
}
