package dev.aims.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a UTF-8 byte stream into blocks of text of at least {@link #BLOCK} bytes (the last may be shorter), so that
 * {@code aims redact} holds one block at a time however long its input. A block ends at the last blank line, else
 * the last line break, of what was read, never inside a PEM block. A text without line breaks is cut, in this order
 * of preference, at a blank after a sentence end, a blank between two words, any blank, after {@code , ; ] }}, and
 * at worst anywhere but inside a character.
 *
 * <p>The bytes are decoded a block at a time with {@code new String(bytes, UTF_8)}: no decoder, no copy of the text
 * but the block itself. Malformed UTF-8 is replaced by U+FFFD as a reader would, and a cut is only made where the
 * blocks decode to exactly the text the whole input decodes to, so that offsets summed over blocks are
 * {@code String} indices into that text.
 */
final class TextBlocks {
    /** The size, in bytes, from which a block is cut. */
    static final int BLOCK = 1 << 20;
    /** The most bytes read at a time. */
    private static final int READ = 1 << 16;
    /** How far back from a line break a blank line is still preferred to it. */
    private static final int BLANK_LINE_REACH = 4096;
    private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final int block;
    /** How far back a cut may move to find a better place. */
    private final int lookBack;
    /** How far a block may grow to take in a PEM block that is still open. */
    private final int maxOpen;
    private final byte[] buffer;
    /** The bytes read and not yet handed out: {@code buffer[0, length)}. */
    private int length;
    private boolean eof;
    /** Where in the buffer the last BEGIN and END lines of a PEM block start, -1 if none; read once. */
    private int lastBegin = -1;
    private int lastEnd = -1;
    private int searched;

    TextBlocks(InputStream in) {
        this(in, BLOCK);
    }

    /** Blocks of another size, for tests that need many cuts in a small input. */
    TextBlocks(InputStream in, int block) {
        if (block < 16) {
            throw new IllegalArgumentException("block must be at least 16 bytes, but was " + block);
        }
        this.in = in;
        this.block = block;
        this.lookBack = block / 4;
        this.maxOpen = block / 2;
        this.buffer = new byte[block + maxOpen + Math.min(READ, block)];
    }

    /**
     * @return the next block, or null at the end of the input
     * @throws IOException if the input cannot be read
     */
    String next() throws IOException {
        fill(block);
        if (!eof && openPem()) {
            fill(block + maxOpen);
        }
        if (length == 0) {
            return null;
        }
        int cut = eof ? length : cut();
        String text = new String(buffer, 0, cut, StandardCharsets.UTF_8);
        System.arraycopy(buffer, cut, buffer, 0, length - cut);
        length -= cut;
        lastBegin = lastBegin >= cut ? lastBegin - cut : -1;
        lastEnd = lastEnd >= cut ? lastEnd - cut : -1;
        searched = Math.max(0, searched - cut);
        return text;
    }

    private void fill(int size) throws IOException {
        int chunk = buffer.length - block - maxOpen;
        while (!eof && length < size) {
            int n = in.read(buffer, length, Math.min(chunk, buffer.length - length));
            if (n < 0) {
                eof = true;
            } else {
                length += n;
            }
        }
        // find the PEM lines among what was read, each byte once (10 back for a line cut in two)
        for (int p = Math.max(0, searched - 10); p + END.length <= length; p++) {
            if (buffer[p] == '-' && buffer[p + 1] == '-') {
                if (regionIs(p, BEGIN)) {
                    lastBegin = p;
                } else if (regionIs(p, END)) {
                    lastEnd = p;
                }
            }
        }
        searched = length;
    }

    private boolean regionIs(int p, byte[] word) {
        if (p + word.length > length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (buffer[p + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean openPem() {
        return lastBegin >= 0 && lastEnd < lastBegin;
    }

    /** @return whether the line of the last END has been read to its line break, or there is none */
    private boolean endLineRead() {
        if (lastEnd < 0) {
            return true;
        }
        for (int p = lastEnd; p < length; p++) {
            if (buffer[p] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** @return where to cut what was read: {@code buffer[0, cut)} is the next block, never empty */
    private int cut() {
        int floor = Math.max(1, length - lookBack);
        int end = length;
        if (lastBegin >= 1 && (openPem() || !endLineRead())) {
            // before the PEM block rather than inside it, though the block be shorter (one at the very start of
            // what is held is longer than any key, and is cut)
            end = lastBegin;
            floor = Math.max(1, Math.min(floor, end - lookBack));
        }
        int line = -1;
        for (int p = end - 1; p >= floor; p--) {
            if (buffer[p] == '\n') {
                if (line < 0) {
                    line = p;
                }
                if (p > floor && buffer[p - 1] == '\n') {
                    return p + 1; // a blank line
                }
                if (line - p > BLANK_LINE_REACH) {
                    break;
                }
            }
        }
        if (line >= 0) {
            return line + 1;
        }
        return withinALine(floor, end);
    }

    /**
     * The best cut in {@code [floor, end]} of a text without line breaks there: the latest place of the best rank.
     * Every candidate follows an ASCII byte, which never ends a character part way.
     */
    private int withinALine(int floor, int end) {
        int[] best = {-1, -1, -1, -1};
        for (int p = end - 1; p >= floor && best[0] < 0; p--) {
            byte b = buffer[p];
            int rank;
            if (blank(b)) {
                byte before = buffer[p - 1];
                boolean wordAfter = p + 1 < length && letter(buffer[p + 1]);
                if (wordAfter && (before == '.' || before == '!' || before == '?')) {
                    rank = 0;
                } else if (wordAfter && letter(before)) {
                    rank = 1;
                } else {
                    rank = 2;
                }
            } else if (b == ',' || b == ';' || b == ']' || b == '}') {
                rank = 3;
            } else {
                continue;
            }
            if (best[rank] < 0) {
                best[rank] = p + 1;
            }
        }
        for (int cut : best) {
            if (cut >= 0) {
                return cut;
            }
        }
        return characterBoundary(floor, end);
    }

    /**
     * A cut at or before {@code end} after which the blocks decode as the whole input would: before a byte that
     * does not continue a character, or after three continuation bytes (the byte after them then continues nothing
     * either, malformed as it is). {@code end} itself qualifies only when its byte has been read.
     */
    private int characterBoundary(int floor, int end) {
        for (int c = end; c > floor; c--) {
            if (c < length && !continuation(buffer[c])) {
                return c;
            }
            if (c >= 3 && continuation(buffer[c - 1]) && continuation(buffer[c - 2]) && continuation(buffer[c - 3])) {
                return c;
            }
        }
        return floor;
    }

    private static boolean continuation(byte b) {
        return (b & 0xc0) == 0x80;
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b;
    }

    private static boolean letter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
