package dev.aims.core;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.Message;
import dev.aims.api.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 (or HMAC-SHA-256 with a key) over a length-prefixed canonical form of a request or response, so that
 * an auditor holding the content can prove it is what was sent, while the record holds no content.
 */
final class Digests {
    private final byte[] key;
    /** Cloned per digest: far cheaper than a provider look-up through getInstance on every call. */
    private final MessageDigest shaPrototype;
    private final Mac macPrototype;

    Digests(byte[] key) {
        this.key = key == null ? null : key.clone();
        try {
            this.shaPrototype = MessageDigest.getInstance("SHA-256");
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

    String of(AiRequest request) {
        Sink sink = sink();
        sink.field("model", request.model());
        for (Message m : request.messages()) {
            message(sink, m);
        }
        return sink.hex();
    }

    String of(AiResponse response) {
        Sink sink = sink();
        sink.field("model", response.model().orElse(""));
        sink.field("id", response.responseId().orElse(""));
        for (Message m : response.messages()) {
            message(sink, m);
        }
        return sink.hex();
    }

    private static void message(Sink sink, Message m) {
        sink.field("role", m.role().name());
        for (String t : m.texts()) {
            sink.field("text", t);
        }
        for (ToolCall c : m.toolCalls()) {
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
        try {
            if (macPrototype == null) {
                return new Sink((MessageDigest) shaPrototype.clone(), null);
            }
            return new Sink(null, (Mac) macPrototype.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 and HmacSHA256 are cloneable", e);
        }
    }

    private static final class Sink {
        private final MessageDigest sha;
        private final Mac mac;

        Sink(MessageDigest sha, Mac mac) {
            this.sha = sha;
            this.mac = mac;
        }

        void field(String name, String value) {
            put(name);
            put(value);
        }

        private void put(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            byte[] len = {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length};
            if (sha != null) {
                sha.update(len);
                sha.update(bytes);
            } else {
                mac.update(len);
                mac.update(bytes);
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha != null ? sha.digest() : mac.doFinal());
        }
    }
}
