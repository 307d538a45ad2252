package dev.aims.otel;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code gen_ai.input.messages} and {@code gen_ai.output.messages} in the GenAI conventions' message shape
 * ({@code [{"role":"user","parts":[{"type":"text","content":"…"}]}]}), every text passed through the configured
 * redactor first and then cut to the text budget. Both attributes of one call share one redaction session, so a
 * value keeps the same placeholder in the question and in the answer. Thread-safe.
 */
final class ContentCapture {
    /** Appended where text was cut to fit the budget. */
    static final String TRUNCATION_MARK = "…";

    private final Redactor redactor;
    private final int maxTextLength;

    /**
     * @param redactor      applied to every text before it is written
     * @param maxTextLength the most characters of text per attribute, over all its parts; JSON structure is not
     *                      counted, so the attribute stays valid JSON
     */
    ContentCapture(Redactor redactor, int maxTextLength) {
        this.redactor = redactor;
        this.maxTextLength = maxTextLength;
    }

    /** Opens the redaction state of one call's content. */
    Writer open() {
        return new Writer(redactor.open());
    }

    /** The content of one call; not thread-safe. */
    final class Writer {
        private final RedactionSession session;

        private Writer(RedactionSession session) {
            this.session = session;
        }

        /** @return the request's messages as JSON */
        String input(AiRequest request) {
            Budget budget = new Budget(maxTextLength);
            StringBuilder json = new StringBuilder(64 + (int) Math.min(request.textLength(), maxTextLength));
            json.append('[');
            List<Message> messages = request.messages();
            for (int i = 0; i < messages.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                message(json, messages.get(i), null, budget);
            }
            return json.append(']').toString();
        }

        /** @return the response's messages as JSON, each with its finish reason */
        String output(AiResponse response) {
            Budget budget = new Budget(maxTextLength);
            StringBuilder json = new StringBuilder(64);
            json.append('[');
            List<Message> messages = response.messages();
            List<FinishReason> reasons = response.finishReasons();
            for (int i = 0; i < messages.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                FinishReason reason = reasons.isEmpty() ? null : reasons.get(Math.min(i, reasons.size() - 1));
                message(json, messages.get(i), reason, budget);
            }
            return json.append(']').toString();
        }

        private void message(StringBuilder json, Message m, FinishReason reason, Budget budget) {
            json.append("{\"role\":");
            string(json, m.role().name().toLowerCase(Locale.ROOT));
            json.append(",\"parts\":[");
            boolean first = true;
            for (String text : m.texts()) {
                first = comma(json, first);
                json.append("{\"type\":\"text\",\"content\":");
                text(json, text, budget);
                json.append('}');
            }
            for (ToolCall call : m.toolCalls()) {
                first = comma(json, first);
                json.append("{\"type\":\"tool_call\",\"id\":");
                string(json, call.id());
                json.append(",\"name\":");
                string(json, call.name());
                json.append(",\"arguments\":");
                text(json, call.arguments(), budget);
                json.append('}');
            }
            if (m.toolResult().isPresent()) {
                ToolResult result = m.toolResult().get();
                comma(json, first);
                json.append("{\"type\":\"tool_call_response\",\"id\":");
                string(json, result.toolCallId());
                json.append(",\"response\":");
                text(json, result.text(), budget);
                json.append('}');
            }
            json.append(']');
            if (reason != null) {
                json.append(",\"finish_reason\":");
                string(json, reason.wireName());
            }
            json.append('}');
        }

        private void text(StringBuilder json, String raw, Budget budget) {
            // Redact the whole text before cutting it: a cut through a value could hide it from the detectors.
            String redacted = session.redact(raw);
            string(json, budget.take(redacted));
        }
    }

    private static boolean comma(StringBuilder json, boolean first) {
        if (!first) {
            json.append(',');
        }
        return false;
    }

    /** Appends the value as a JSON string literal. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                case '\b':
                    json.append("\\b");
                    break;
                case '\f':
                    json.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(value, i)) {
                        // Lone surrogates would turn into '?' on the way to UTF-8; escaped, they survive.
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /** What is left of an attribute's text budget. */
    static final class Budget {
        private int remaining;

        Budget(int remaining) {
            this.remaining = remaining;
        }

        /** @return the text, cut (never inside a surrogate pair) to what is left, marked when cut */
        String take(String text) {
            if (text.length() <= remaining) {
                remaining -= text.length();
                return text;
            }
            int end = remaining;
            if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            remaining = 0;
            return text.substring(0, end) + TRUNCATION_MARK;
        }
    }
}
