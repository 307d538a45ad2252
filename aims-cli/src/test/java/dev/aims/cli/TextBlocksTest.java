package dev.aims.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextBlocksTest {

    private static List<String> blocks(byte[] input, int size) throws IOException {
        return blocks(new ByteArrayInputStream(input), size);
    }

    private static List<String> blocks(InputStream in, int size) throws IOException {
        TextBlocks blocks = new TextBlocks(in, size);
        List<String> out = new ArrayList<>();
        String block;
        while ((block = blocks.next()) != null) {
            assertThat(block).isNotEmpty();
            out.add(block);
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands out at most a few bytes a read, as a pipe may. */
    private static InputStream trickling(byte[] bytes, Random random) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    @Test
    void anyBytesDecodeBlockByBlockToWhatTheWholeInputDecodesTo() throws Exception {
        // valid characters of every length, malformed sequences, few or no ASCII blanks: every kind of cut
        byte[][] pieces = {utf8("a"), utf8("\u00e9"), utf8("\u6f22"), utf8("\ud83d\ude00"), {(byte) 0x80},
            {(byte) 0xbf}, {(byte) 0xe6, (byte) 0x97}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xff},
            {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90},
            utf8(" "), utf8(","), utf8("\n"), utf8(". A")};
        for (int seed = 0; seed < 2000; seed++) {
            Random random = new Random(seed);
            byte[][] kinds = new byte[1 + random.nextInt(4)][];
            for (int k = 0; k < kinds.length; k++) {
                kinds[k] = pieces[random.nextInt(pieces.length)];
            }
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            int size = 16 + random.nextInt(200);
            int n = random.nextInt(size * 6);
            for (int i = 0; i < n; i++) {
                in.write(kinds[random.nextInt(kinds.length)]);
            }
            byte[] bytes = in.toByteArray();
            List<String> blocks = blocks(random.nextBoolean() ? new ByteArrayInputStream(bytes)
                    : trickling(bytes, random), size);
            assertThat(String.join("", blocks)).as("seed %d", seed)
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
            for (String block : blocks) {
                assertThat(Character.isHighSurrogate(block.charAt(block.length() - 1))).as("seed %d", seed).isFalse();
            }
        }
    }

    @Test
    void blocksAreCutAtLineBreaksAndNeverInsideAPemBlock() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 100; round++) {
            StringBuilder in = new StringBuilder();
            int size = 320 + random.nextInt(256);
            while (in.length() < 20 * size) {
                if (random.nextInt(6) == 0) {
                    in.append("-----BEGIN RSA PRIVATE KEY-----\n")
                            .append("MIIEowIBAAKCAQEA7bq9\n".repeat(random.nextInt(5)))
                            .append("-----END RSA PRIVATE KEY-----\n");
                } else {
                    in.append("line ").append(round).append(" says little").append(random.nextBoolean() ? "\n" : "\n\n");
                }
            }
            List<String> blocks = blocks(utf8(in.toString()), size);
            assertThat(blocks.size()).isGreaterThan(5);
            for (String block : blocks) {
                assertThat(block).endsWith("\n");
                int begins = block.split("-----BEGIN ", -1).length - 1;
                int ends = block.split("-----END ", -1).length - 1;
                assertThat(begins).as("a PEM block stays whole: %s", block).isEqualTo(ends);
            }
            assertThat(String.join("", blocks)).isEqualTo(in.toString());
        }
    }

    @Test
    void aBlockIsCutAtABlankLineRatherThanTheLastLineBreak() throws Exception {
        String input = ("one line\n".repeat(30) + "\n").repeat(100);
        List<String> blocks = blocks(utf8(input), 1024);
        assertThat(blocks.size()).isGreaterThan(2);
        for (String block : blocks) {
            assertThat(block).endsWith("\n\n");
        }
    }

    @Test
    void aTextWithoutLineBreaksIsCutAfterASentenceRatherThanInsideOne() throws Exception {
        // the blanks inside a grouped card number or after a label are no place for a cut
        String sentence = "Pay with card 4104 3321 8196 0018 before May. Then call +44 20 7946 0958 now! ";
        String input = sentence.repeat(100);
        List<String> blocks = blocks(utf8(input), 600);
        assertThat(blocks.size()).isGreaterThan(5);
        for (String block : blocks.subList(0, blocks.size() - 1)) {
            assertThat(block).matches("(?s).*[.!] ");
        }
        assertThat(String.join("", blocks)).isEqualTo(input);
    }

    @Test
    void aTextWithoutSentencesIsCutBetweenWordsRatherThanBetweenDigits() throws Exception {
        String input = "card 4104 3321 8196 0018 and ".repeat(200);
        for (String block : blocks(utf8(input), 400)) {
            assertThat(block).matches("(?s).*(card|and) ");
        }
    }

    @Test
    void minifiedJsonIsCutAfterACommaBetweenMembers() throws Exception {
        String input = "{\"mail\":\"jane.doe@example.com\",\"card\":\"4104332181960018\"}".repeat(300);
        List<String> blocks = blocks(utf8(input), 1000);
        assertThat(blocks.size()).isGreaterThan(5);
        for (String block : blocks.subList(0, blocks.size() - 1)) {
            assertThat(block).matches("(?s).*[,}]");
        }
        assertThat(String.join("", blocks)).isEqualTo(input);
    }

    @Test
    void aTextWithoutBlanksIsNeverCutInsideACharacter() throws Exception {
        String input = "\u6f22\ud83d\ude00\u00e9".repeat(TextBlocks.BLOCK / 4);
        List<String> blocks = blocks(new ByteArrayInputStream(utf8(input)), TextBlocks.BLOCK);
        assertThat(blocks.size()).isGreaterThan(1);
        for (String block : blocks) {
            assertThat(block).doesNotContain("\ufffd");
            assertThat(Character.isHighSurrogate(block.charAt(block.length() - 1))).isFalse();
        }
        assertThat(String.join("", blocks)).isEqualTo(input);
    }

    @Test
    void aLongTextIsCutNearTheBlockSize() throws Exception {
        String input = "word ".repeat(TextBlocks.BLOCK / 3);
        List<String> blocks = blocks(utf8(input), TextBlocks.BLOCK);
        assertThat(blocks.get(0)).endsWith(" ").hasSizeGreaterThanOrEqualTo(TextBlocks.BLOCK - TextBlocks.BLOCK / 4)
                .hasSizeLessThanOrEqualTo(TextBlocks.BLOCK + (1 << 16));
        assertThat(String.join("", blocks)).isEqualTo(input);
    }

    @Test
    void aBlockSmallerThanSixteenBytesIsRefused() {
        assertThatThrownBy(() -> new TextBlocks(InputStream.nullInputStream(), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block must be at least 16 bytes, but was 8");
    }
}
