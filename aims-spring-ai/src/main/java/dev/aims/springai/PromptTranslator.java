package dev.aims.springai;

import dev.aims.api.AiRequest;
import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

/**
 * Translates a Spring AI {@link Prompt} into an {@link AiRequest} carrying everything the provider will read, and
 * builds the prompt that leaves from the request once redacted.
 *
 * <p>Messages: a {@link SystemMessage} becomes a SYSTEM message, a {@link UserMessage} a USER message, an
 * {@link AssistantMessage} an ASSISTANT message with its tool calls, a {@link ToolResponseMessage} one TOOL message
 * per response (tool name and result). Media given by URL (a {@code String}, {@code URI} or {@code URL} that is not
 * a {@code data:} URL) become media URLs, their names extras; inline media (bytes, {@code data:} URLs) cannot be read
 * and count as uninspected parts, as does a message of a type this adapter does not know. Of a message's metadata,
 * the entries OpenAI's chat model sends are mapped as extras — an assistant's reasoning
 * ({@code messages[i].reasoning_content}) and its tool calls' additional properties
 * ({@code messages[i].tool_call_properties}), {@code i} the index in the prompt.
 *
 * <p>Back: the prompt that leaves is always built anew from the redacted request, around the non-text settings of
 * the original (media types, inline media, tool-call types); other metadata is not sent, unless the options are of
 * a class AIMS cannot read ({@link OptionsTranslator.Kind#UNKNOWN}), whose provider may read metadata as well and
 * which is counted as uninspected already. A conversation a policy reshaped is built from the AIMS form alone.
 */
final class PromptTranslator {
    /** The metadata key under which Spring AI's OpenAI model keeps, and sends back, an assistant's reasoning. */
    static final String REASONING_KEY = "reasoningContent";
    /** The metadata key of OpenAI tool calls' additional properties, by call id, as JSON text. */
    static final String TOOL_CALL_PROPERTIES_KEY = "openai.tool_calls.additional_properties";

    private static final String MESSAGE_EXTRA = "messages[";

    private PromptTranslator() {
    }

    /** A prompt in both forms, the options the provider uses, and the original message of each AIMS message. */
    record Translated(Prompt original, ChatOptions options, OptionsTranslator.Kind kind, AiRequest request,
            int[] source) {
    }

    static boolean isMessageExtra(String name) {
        return name.startsWith(MESSAGE_EXTRA);
    }

    static String reasoningExtra(int message) {
        return MESSAGE_EXTRA + message + "].reasoning_content";
    }

    static String toolCallPropertiesExtra(int message) {
        return MESSAGE_EXTRA + message + "].tool_call_properties";
    }

    static String mediaNameExtra(int message, int media) {
        return MESSAGE_EXTRA + message + "].media[" + media + "].name";
    }

    /**
     * @param prompt       the application's prompt
     * @param modelOptions the model's own options (used when the prompt has none)
     * @param provider     the provider name, or null
     * @param stream       whether the call is streamed
     * @return the prompt and its AIMS form
     * @throws NullPointerException if the prompt is null
     */
    static Translated toAims(Prompt prompt, ChatOptions modelOptions, String provider, boolean stream) {
        Objects.requireNonNull(prompt, "prompt");
        ChatOptions options = prompt.getOptions() != null ? prompt.getOptions() : modelOptions;
        OptionsTranslator.Kind kind = OptionsTranslator.kind(options);
        AiRequest.Builder b = AiRequest.builder().provider(provider).stream(stream);
        OptionsTranslator.toAims(options, modelOptions, kind, b);
        List<org.springframework.ai.chat.messages.Message> messages = prompt.getInstructions();
        List<Integer> source = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            for (Message m : toAims(i, messages.get(i), b)) {
                b.message(m);
                source.add(i);
            }
        }
        return new Translated(prompt, options, kind, b.build(),
                source.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<Message> toAims(int index, org.springframework.ai.chat.messages.Message message,
            AiRequest.Builder request) {
        if (message instanceof SystemMessage) {
            return List.of(Message.system(nonNull(message.getText())));
        }
        if (message instanceof UserMessage) {
            Message.Builder b = Message.builder(Role.USER).text(nonNull(message.getText()));
            media(index, ((UserMessage) message).getMedia(), b, request);
            return List.of(b.build());
        }
        if (message instanceof AssistantMessage) {
            AssistantMessage a = (AssistantMessage) message;
            Message.Builder b = Message.builder(Role.ASSISTANT);
            if (a.getText() != null) {
                b.text(a.getText());
            }
            for (AssistantMessage.ToolCall c : a.getToolCalls()) {
                b.toolCall(ToolCall.of(nonNull(c.id()), blank(c.name()) ? "unnamed" : c.name(),
                        nonNull(c.arguments())));
            }
            media(index, a.getMedia(), b, request);
            Object reasoning = a.getMetadata().get(REASONING_KEY);
            if (reasoning instanceof String && !((String) reasoning).isEmpty()) {
                request.extra(reasoningExtra(index), JsonValues.write(reasoning));
            }
            Map<String, String> properties = toolCallProperties(a);
            if (!properties.isEmpty()) {
                request.extra(toolCallPropertiesExtra(index), JsonValues.write(properties));
            }
            return List.of(b.build());
        }
        if (message instanceof ToolResponseMessage) {
            List<Message> out = new ArrayList<>();
            for (ToolResponseMessage.ToolResponse r : ((ToolResponseMessage) message).getResponses()) {
                out.add(Message.tool(ToolResult.of(nonNull(r.id()), nonNull(r.name()), nonNull(r.responseData()))));
            }
            return out;
        }
        return List.of(Message.builder(Role.USER).uninspectedParts(1).build());
    }

    private static void media(int index, List<Media> media, Message.Builder b, AiRequest.Builder request) {
        int uninspected = 0;
        for (int j = 0; j < media.size(); j++) {
            String url = url(media.get(j));
            if (url == null) {
                uninspected++;
            } else {
                b.mediaUrl(url);
                request.extra(mediaNameExtra(index, j), JsonValues.write(media.get(j).getName()));
            }
        }
        b.uninspectedParts(uninspected);
    }

    /** @return the URL a media part refers to, or null when its content is inline (AIMS cannot read it) */
    private static String url(Media m) {
        Object data = m.getData();
        String s = data instanceof String || data instanceof URI || data instanceof URL ? data.toString() : null;
        return s == null || s.regionMatches(true, 0, "data:", 0, 5) ? null : s;
    }

    /** @return the tool calls' additional properties that OpenAI's model sends: id to JSON text */
    private static Map<String, String> toolCallProperties(AssistantMessage a) {
        Object value = a.getMetadata().get(TOOL_CALL_PROPERTIES_KEY);
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map) {
            ((Map<?, ?>) value).forEach((k, v) -> {
                if (k instanceof String && v instanceof String) {
                    out.put((String) k, (String) v);
                }
            });
        }
        return out;
    }

    /**
     * @param sent       the request as it leaves: redacted, possibly modified by policies
     * @param translated the original prompt and its AIMS form
     * @return the prompt to hand to the delegate
     * @throws IllegalStateException when a policy asked for what Spring AI cannot send
     */
    static Prompt toSpring(AiRequest sent, Translated translated) {
        ChatOptions options = OptionsTranslator.toSpring(sent, translated.request(), translated.options(),
                translated.kind());
        // The prompt's own options when nothing in them changed, so a prompt without options still has none.
        if (options == translated.options()) {
            options = translated.original().getOptions();
        }
        return new Prompt(messages(sent, translated), options);
    }

    private static List<org.springframework.ai.chat.messages.Message> messages(AiRequest sent, Translated t) {
        List<Message> now = sent.messages();
        List<Message> before = t.request().messages();
        boolean sameShape = now.size() == before.size();
        for (int i = 0; sameShape && i < now.size(); i++) {
            sameShape = sameShape(now.get(i), before.get(i));
        }
        List<org.springframework.ai.chat.messages.Message> out = new ArrayList<>();
        if (!sameShape) {
            for (Message m : now) {
                out.add(fresh(m));
            }
            return out;
        }
        List<org.springframework.ai.chat.messages.Message> original = t.original().getInstructions();
        boolean keepMetadata = t.kind() == OptionsTranslator.Kind.UNKNOWN;
        int[] source = t.source();
        int i = 0;
        for (int k = 0; k < original.size(); k++) {
            int from = i;
            while (i < source.length && source[i] == k) {
                i++;
            }
            out.add(rebuild(k, original.get(k), now.subList(from, i), sent.extras(), keepMetadata));
        }
        return out;
    }

    private static boolean sameShape(Message a, Message b) {
        return a.role() == b.role() && a.texts().size() == b.texts().size()
                && a.mediaUrls().size() == b.mediaUrls().size() && a.toolCalls().size() == b.toolCalls().size()
                && a.toolResult().isPresent() == b.toolResult().isPresent()
                && a.uninspectedParts() == b.uninspectedParts();
    }

    private static org.springframework.ai.chat.messages.Message rebuild(int index,
            org.springframework.ai.chat.messages.Message original, List<Message> sent, Map<String, String> extras,
            boolean keepMetadata) {
        Map<String, Object> metadata = keepMetadata ? new HashMap<>(original.getMetadata()) : new HashMap<>();
        if (original instanceof SystemMessage) {
            return SystemMessage.builder().text(sent.get(0).text()).metadata(metadata).build();
        }
        if (original instanceof UserMessage) {
            return UserMessage.builder().text(sent.get(0).text()).metadata(metadata)
                    .media(media(index, ((UserMessage) original).getMedia(), sent.get(0), extras, keepMetadata))
                    .build();
        }
        if (original instanceof AssistantMessage) {
            AssistantMessage a = (AssistantMessage) original;
            Message m = sent.get(0);
            List<AssistantMessage.ToolCall> calls = new ArrayList<>();
            for (int c = 0; c < a.getToolCalls().size(); c++) {
                AssistantMessage.ToolCall o = a.getToolCalls().get(c);
                ToolCall s = m.toolCalls().get(c);
                calls.add(new AssistantMessage.ToolCall(o.id(), o.type(), blank(o.name()) ? o.name() : s.name(),
                        s.arguments()));
            }
            metadata.remove(REASONING_KEY);
            metadata.remove(TOOL_CALL_PROPERTIES_KEY);
            String reasoning = JsonValues.readString(extras.get(reasoningExtra(index)), reasoningExtra(index));
            if (reasoning != null) {
                metadata.put(REASONING_KEY, reasoning);
            }
            Map<String, String> properties = JsonValues.readStringMap(extras.get(toolCallPropertiesExtra(index)),
                    toolCallPropertiesExtra(index));
            if (properties != null) {
                metadata.put(TOOL_CALL_PROPERTIES_KEY, properties);
            }
            return AssistantMessage.builder().content(a.getText() == null ? null : m.text()).properties(metadata)
                    .toolCalls(calls).media(media(index, a.getMedia(), m, extras, keepMetadata)).build();
        }
        if (original instanceof ToolResponseMessage) {
            List<ToolResponseMessage.ToolResponse> responses = ((ToolResponseMessage) original).getResponses();
            List<ToolResponseMessage.ToolResponse> mapped = new ArrayList<>(responses.size());
            for (int r = 0; r < responses.size(); r++) {
                ToolResult s = sent.get(r).toolResult().orElseThrow();
                mapped.add(new ToolResponseMessage.ToolResponse(responses.get(r).id(), s.toolName(), s.text()));
            }
            return ToolResponseMessage.builder().responses(mapped).metadata(metadata).build();
        }
        // A message type this adapter does not know: counted as uninspected, sent as it is if a policy allows.
        return original;
    }

    private static List<Media> media(int index, List<Media> original, Message sent, Map<String, String> extras,
            boolean keepIds) {
        List<Media> out = new ArrayList<>(original.size());
        int url = 0;
        for (int j = 0; j < original.size(); j++) {
            Media m = original.get(j);
            if (url(m) == null) {
                out.add(m);
                continue;
            }
            String nameExtra = mediaNameExtra(index, j);
            Media.Builder b = Media.builder().mimeType(m.getMimeType()).data(sent.mediaUrls().get(url++));
            String name = JsonValues.readString(extras.get(nameExtra), nameExtra);
            if (name != null) {
                b.name(name);
            }
            if (keepIds && m.getId() != null) {
                b.id(m.getId());
            }
            out.add(b.build());
        }
        return out;
    }

    private static org.springframework.ai.chat.messages.Message fresh(Message m) {
        switch (m.role()) {
            case SYSTEM:
                return new SystemMessage(m.text());
            case ASSISTANT:
                List<AssistantMessage.ToolCall> calls = new ArrayList<>();
                for (ToolCall c : m.toolCalls()) {
                    calls.add(new AssistantMessage.ToolCall(c.id(), "function", c.name(), c.arguments()));
                }
                return AssistantMessage.builder().content(m.texts().isEmpty() ? null : m.text()).toolCalls(calls)
                        .build();
            case TOOL:
                ToolResult r = m.toolResult().orElseThrow();
                return ToolResponseMessage.builder().responses(List.of(new ToolResponseMessage.ToolResponse(
                        r.toolCallId(), r.toolName(), r.text()))).build();
            default:
                List<Media> media = new ArrayList<>();
                for (String url : m.mediaUrls()) {
                    media.add(Media.builder().mimeType(MimeTypeUtils.APPLICATION_OCTET_STREAM).data(url).build());
                }
                return UserMessage.builder().text(m.text()).media(media).build();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
