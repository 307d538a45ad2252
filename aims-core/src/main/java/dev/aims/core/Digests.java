package dev.aims.core;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.Message;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 (or HMAC-SHA-256 with a key) over a length-prefixed canonical form of a request or response, so that
 * an auditor holding the content can prove it is what was sent, while the record holds no content.
 */
final class Digests {
    private final byte[] key;
    /** Cloned per keyed digest: far cheaper than a provider look-up and key set-up on every call. */
    private final Mac macPrototype;

    Digests(byte[] key) {
        this.key = key == null ? null : key.clone();
        try {
            if (key == null) {
                this.macPrototype = null;
            } else {
                this.macPrototype = Mac.getInstance("HmacSHA256");
                macPrototype.init(new SecretKeySpec(this.key, "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and HmacSHA256 are required by every JDK", e);
        }
    }

    String algorithm() {
        return key == null ? "sha-256" : "hmac-sha-256";
    }

    /** Every channel the provider reads; the newer ones only when present, so older digests stay comparable. */
    String of(AiRequest request) {
        Sink sink = sink();
        sink.field("model", request.model());
        messages(sink, request.messages());
        List<ToolDefinition> tools = request.tools();
        for (int i = 0; i < tools.size(); i++) {
            ToolDefinition t = tools.get(i);
            sink.field("tool", t.name());
            sink.field("description", t.description());
            sink.field("schema", t.parametersSchema());
        }
        List<String> stops = request.stopSequences();
        for (int i = 0; i < stops.size(); i++) {
            sink.field("stop", stops.get(i));
        }
        if (request.responseFormat().isPresent()) {
            sink.field("response_format", request.responseFormat().get());
        }
        if (!request.extras().isEmpty()) {
            for (Map.Entry<String, String> e : request.extras().entrySet()) {
                sink.field("extra", e.getKey());
                sink.field("value", e.getValue());
            }
        }
        return sink.hex();
    }

    String of(AiResponse response) {
        Sink sink = sink();
        sink.field("model", response.model().orElse(""));
        sink.field("id", response.responseId().orElse(""));
        messages(sink, response.messages());
        return sink.hex();
    }

    /** Indexed loops: the lists are random access, and iterators here are allocated on every call. */
    private static void messages(Sink sink, List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            message(sink, messages.get(i));
        }
    }

    private static void message(Sink sink, Message m) {
        sink.field("role", m.role().name());
        if (m.name().isPresent()) {
            sink.field("name", m.name().get());
        }
        List<String> texts = m.texts();
        for (int i = 0; i < texts.size(); i++) {
            sink.field("text", texts.get(i));
        }
        List<String> urls = m.mediaUrls();
        for (int i = 0; i < urls.size(); i++) {
            sink.field("media_url", urls.get(i));
        }
        List<ToolCall> calls = m.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            sink.field("tool_call", c.id());
            sink.field("name", c.name());
            sink.field("arguments", c.arguments());
        }
        if (m.toolResult().isPresent()) {
            sink.field("tool_result", m.toolResult().get().toolCallId());
            sink.field("text", m.toolResult().get().text());
        }
    }

    private Sink sink() {
        Sink sink = SINKS.get();
        if (sink.busy) {
            // A previous digest on this thread stopped half-way (a field threw); hex() leaves the engine reset.
            sink.sha.reset();
            sink.pos = 0;
            sink.mac = null;
        }
        sink.busy = true;
        if (macPrototype == null) {
            return sink;
        }
        try {
            sink.mac = (Mac) macPrototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is cloneable", e);
        }
        return sink;
    }

    /**
     * One per thread: a SHA-256 engine and a byte buffer the fields are encoded into, so a digest allocates only
     * its hex string. Digesting calls nothing outside this class, so a thread never uses its sink twice at once.
     */
    private static final ThreadLocal<Sink> SINKS = ThreadLocal.withInitial(Sink::new);

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * Feeds each field as a 4-byte big-endian length and its UTF-8 bytes, exactly as {@code String.getBytes(UTF_8)}
     * encodes them (an unpaired surrogate becomes {@code '?'}), without allocating those bytes.
     */
    private static final class Sink {
        private static final int CAPACITY = 4096;

        private final MessageDigest sha;
        private final byte[] buf = new byte[CAPACITY];
        private Mac mac;
        private int pos;
        private boolean busy;

        Sink() {
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is required by every JDK", e);
            }
        }

        void field(String name, String value) {
            put(name);
            put(value);
        }

        /**
         * One pass finds where the ASCII prefix ends (for a prompt, usually the end); only the rest is measured and
         * encoded character by character. With three full passes (UTF-8 length, ASCII check, copy), digesting the
         * sent request took a tenth of a governed call's samples.
         */
        private void put(String s) {
            int n = s.length();
            int ascii = asciiPrefix(s, n);
            int length = ascii == n ? n : ascii + utf8Length(s, ascii, n);
            room(4);
            buf[pos++] = (byte) (length >>> 24);
            buf[pos++] = (byte) (length >>> 16);
            buf[pos++] = (byte) (length >>> 8);
            buf[pos++] = (byte) length;
            putAscii(s, ascii);
            if (ascii == n) {
                return;
            }
            for (int i = ascii; i < n; i++) {
                room(4);
                char c = s.charAt(i);
                if (c < 0x80) {
                    buf[pos++] = (byte) c;
                } else if (c < 0x800) {
                    buf[pos++] = (byte) (0xc0 | (c >> 6));
                    buf[pos++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        int cp = Character.toCodePoint(c, s.charAt(++i));
                        buf[pos++] = (byte) (0xf0 | (cp >> 18));
                        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                        buf[pos++] = (byte) (0x80 | (cp & 0x3f));
                    } else {
                        buf[pos++] = '?';
                    }
                } else {
                    buf[pos++] = (byte) (0xe0 | (c >> 12));
                    buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    buf[pos++] = (byte) (0x80 | (c & 0x3f));
                }
            }
        }

        /**
         * Copies an ASCII string in runs as long as the buffer allows: prompts are mostly ASCII, and the copy is the
         * JDK's intrinsic where the per-character loop is not.
         */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly the copy wanted here
        private void putAscii(String s, int n) {
            int i = 0;
            while (i < n) {
                if (pos == CAPACITY) {
                    flush();
                }
                int end = Math.min(n, i + CAPACITY - pos);
                s.getBytes(i, end, buf, pos);
                pos += end - i;
                i = end;
            }
        }

        /** @return the length of the run of ASCII characters {@code s} starts with: one byte each in UTF-8 */
        private static int asciiPrefix(String s, int n) {
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    return i;
                }
            }
            return n;
        }

        /** @return the UTF-8 length of {@code s[from, n)}, an unpaired surrogate counting one byte ({@code '?'}) */
        private static int utf8Length(String s, int from, int n) {
            int length = 0;
            for (int i = from; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    length++;
                } else if (c < 0x800) {
                    length += 2;
                } else if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        length += 4;
                        i++;
                    } else {
                        length++;
                    }
                } else {
                    length += 3;
                }
            }
            return length;
        }

        private void room(int bytes) {
            if (pos + bytes > CAPACITY) {
                flush();
            }
        }

        private void flush() {
            if (mac != null) {
                mac.update(buf, 0, pos);
            } else {
                sha.update(buf, 0, pos);
            }
            pos = 0;
        }

        String hex() {
            flush();
            byte[] digest;
            if (mac != null) {
                digest = mac.doFinal();
                mac = null;
            } else {
                try {
                    sha.digest(buf, 0, 32);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("SHA-256 writes 32 bytes", e);
                }
                digest = buf;
            }
            byte[] hex = new byte[64];
            for (int i = 0; i < 32; i++) {
                hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                hex[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            busy = false;
            return new String(hex, StandardCharsets.ISO_8859_1);
        }
    }
}
