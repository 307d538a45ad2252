package dev.aims.otel;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.FinishReason;
import dev.aims.api.Message;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code gen_ai.input.messages} and {@code gen_ai.output.messages} in the GenAI conventions' message shape
 * ({@code [{"role":"user","parts":[{"type":"text","content":"…"}]}]}), structured for events and as JSON for spans,
 * every text passed through the configured redactor first and then cut to the text budget. Both attributes of one
 * call share one redaction session, so a value keeps the same placeholder in the question and in the answer.
 * Thread-safe.
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
            return json(inputValue(request));
        }

        /** @return the response's messages as JSON, each with its finish reason */
        String output(AiResponse response) {
            return json(outputValue(response));
        }

        /** @return the request's messages, structured */
        Value<?> inputValue(AiRequest request) {
            Budget budget = new Budget(maxTextLength);
            List<Message> messages = request.messages();
            List<Value<?>> out = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                out.add(message(messages.get(i), null, budget));
            }
            return Value.of(out);
        }

        /** @return the response's messages, structured, each with its finish reason */
        Value<?> outputValue(AiResponse response) {
            Budget budget = new Budget(maxTextLength);
            List<Message> messages = response.messages();
            List<FinishReason> reasons = response.finishReasons();
            List<Value<?>> out = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                FinishReason reason = reasons.isEmpty() ? null : reasons.get(Math.min(i, reasons.size() - 1));
                out.add(message(messages.get(i), reason, budget));
            }
            return Value.of(out);
        }

        private Value<?> message(Message m, FinishReason reason, Budget budget) {
            List<Value<?>> parts = new ArrayList<>();
            for (String text : m.texts()) {
                parts.add(Value.of(KeyValue.of("type", Value.of("text")),
                        KeyValue.of("content", text(text, budget))));
            }
            for (ToolCall call : m.toolCalls()) {
                parts.add(Value.of(KeyValue.of("type", Value.of("tool_call")),
                        KeyValue.of("id", Value.of(call.id())),
                        KeyValue.of("name", Value.of(call.name())),
                        KeyValue.of("arguments", text(call.arguments(), budget))));
            }
            if (m.toolResult().isPresent()) {
                ToolResult result = m.toolResult().get();
                parts.add(Value.of(KeyValue.of("type", Value.of("tool_call_response")),
                        KeyValue.of("id", Value.of(result.toolCallId())),
                        KeyValue.of("response", text(result.text(), budget))));
            }
            KeyValue role = KeyValue.of("role", Value.of(m.role().name().toLowerCase(Locale.ROOT)));
            if (reason == null) {
                return Value.of(role, KeyValue.of("parts", Value.of(parts)));
            }
            return Value.of(role, KeyValue.of("parts", Value.of(parts)),
                    KeyValue.of("finish_reason", Value.of(reason.wireName())));
        }

        private Value<String> text(String raw, Budget budget) {
            // Redact the whole text before cutting it: a cut through a value could hide it from the detectors.
            String redacted = session.redact(raw);
            return Value.of(budget.take(redacted));
        }
    }

    /** @return the value as JSON; strings, longs, doubles, booleans, arrays and key-value lists */
    @SuppressWarnings("unchecked")
    static String json(Value<?> value) {
        StringBuilder sb = new StringBuilder(64);
        json(sb, value);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void json(StringBuilder sb, Value<?> value) {
        switch (value.getType()) {
            case STRING:
                string(sb, (String) value.getValue());
                break;
            case ARRAY:
                sb.append('[');
                List<Value<?>> items = (List<Value<?>>) value.getValue();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    json(sb, items.get(i));
                }
                sb.append(']');
                break;
            case KEY_VALUE_LIST:
                sb.append('{');
                List<KeyValue> entries = (List<KeyValue>) value.getValue();
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    string(sb, entries.get(i).getKey());
                    sb.append(':');
                    json(sb, entries.get(i).getValue());
                }
                sb.append('}');
                break;
            case LONG:
            case DOUBLE:
            case BOOLEAN:
                sb.append(value.asString());
                break;
            default:
                throw new IllegalArgumentException("content holds no " + value.getType() + " values");
        }
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
