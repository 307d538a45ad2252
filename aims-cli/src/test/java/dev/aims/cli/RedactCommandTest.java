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

    private static synchronized Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
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
        while (in.length() < 3 * RedactCommand.Blocks.BLOCK) {
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
    void blocksAreCutAtLineBreaksAndNeverInsideAPemBlock() throws Exception {
        // the PEM block starts just before the first block would be cut
        String line = "a line of text that says nothing in particular\n";
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA7bq9\n".repeat(2000)
                + "-----END RSA PRIVATE KEY-----\n";
        String input = line.repeat(RedactCommand.Blocks.BLOCK / line.length() - 2) + pem
                + line.repeat(2 * RedactCommand.Blocks.BLOCK / line.length()) + "tail\n";
        RedactCommand.Blocks blocks = new RedactCommand.Blocks(new java.io.StringReader(input));
        StringBuilder joined = new StringBuilder();
        String block;
        int count = 0;
        while ((block = blocks.next()) != null) {
            count++;
            assertThat(block).endsWith("\n");
            int begin = block.indexOf("-----BEGIN");
            if (begin >= 0) {
                assertThat(block.indexOf("-----END", begin)).as("a PEM block stays whole").isPositive();
            }
            joined.append(block);
        }
        assertThat(count).isGreaterThan(1);
        assertThat(joined.toString()).isEqualTo(input);
        Run r = run(input, "redact");
        assertThat(r.out()).doesNotContain("MIIEowIBAAKCAQEA7bq9").contains("<PRIVATE_KEY_1>");
    }

    @Test
    void aTextWithoutLineBreaksIsCutAtABlank() throws Exception {
        String input = "word ".repeat(RedactCommand.Blocks.BLOCK / 3);
        RedactCommand.Blocks blocks = new RedactCommand.Blocks(new java.io.StringReader(input));
        String first = blocks.next();
        assertThat(first).endsWith(" ").hasSizeGreaterThanOrEqualTo(RedactCommand.Blocks.BLOCK - (1 << 18));
        StringBuilder joined = new StringBuilder(first);
        String block;
        while ((block = blocks.next()) != null) {
            joined.append(block);
        }
        assertThat(joined.toString()).isEqualTo(input);
    }
}
