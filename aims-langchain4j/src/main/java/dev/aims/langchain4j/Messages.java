package dev.aims.langchain4j;

import dev.aims.api.Message;
import dev.aims.api.Role;
import dev.aims.api.ToolCall;
import dev.aims.api.ToolResult;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates LangChain4j chat messages into AIMS messages, and the governed (redacted) AIMS messages back.
 *
 * <p>Into AIMS: a {@link SystemMessage} becomes a SYSTEM message; a {@link UserMessage} a USER message with its name,
 * its {@link TextContent}s as text parts and the URLs of its images, audio, video and PDF files as media URLs; an
 * {@link AiMessage} an ASSISTANT message whose text parts are its text then its thinking, with its tool execution
 * requests as tool calls; a {@link ToolExecutionResultMessage} a TOOL message whose result is its first text (further
 * texts are text parts, media as for a user message). Counted as uninspected, one each: media carried inline
 * (base64 or binary data, {@code data:} URLs) or with a media type that is not a plain {@code type/subtype}, content
 * kinds this adapter does not know, the {@code attributes} of an AI message or tool result (provider data such as
 * thinking signatures and generated images), and any other message (a {@code CustomMessage}, sent as the provider
 * reads its attributes). A user message's attributes are not sent to the model (LangChain4j keeps them in the chat
 * memory only) and are not carried.
 *
 * <p>Back: every message is built from its governed AIMS form. The original message gives only its shape — its
 * kind, where each text and media part stood, a media part's kind, detail level and media type, a tool result's
 * error flag — and the uninspected parts, which a policy has let through. A governed message is matched to the
 * original at the same place when the conversation kept its length, else to the next original of the same shape (a
 * policy added or removed messages); one that matches none is built from its AIMS form alone, which must then have
 * neither media nor uninspected parts. Redacted URLs are percent-encoded where the redactor wrote characters a URI
 * may not hold.
 */
final class Messages {
    private Messages() {
    }

    static Message toAims(ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return Message.system(s.text());
        }
        if (message instanceof UserMessage u) {
            Message.Builder b = Message.builder(Role.USER).name(blankToNull(u.name()));
            return b.uninspectedParts(contents(b, u.contents(), null)).build();
        }
        if (message instanceof AiMessage a) {
            return assistant(a).uninspectedParts(a.attributes().isEmpty() ? 0 : 1).build();
        }
        if (message instanceof ToolExecutionResultMessage t) {
            Message.Builder b = Message.builder(Role.TOOL);
            String[] result = new String[1];
            int uninspected = contents(b, t.contents(), result) + (t.attributes().isEmpty() ? 0 : 1);
            return b.toolResult(ToolResult.of(nonNull(t.id()), nonNull(t.toolName()), nonNull(result[0])))
                    .uninspectedParts(uninspected).build();
        }
        return Message.builder(Role.USER).uninspectedParts(1).build();
    }

    /** @return the AIMS form of an AI message's text, thinking and tool calls (for requests and responses alike) */
    static Message.Builder assistant(AiMessage a) {
        Message.Builder b = Message.builder(Role.ASSISTANT);
        if (a.text() != null) {
            b.text(a.text());
        }
        if (a.thinking() != null) {
            b.text(a.thinking());
        }
        for (ToolExecutionRequest r : a.toolExecutionRequests()) {
            b.toolCall(ToolCall.of(nonNull(r.id()), r.name() == null || r.name().isBlank() ? "unnamed" : r.name(),
                    nonNull(r.arguments())));
        }
        return b;
    }

    /**
     * Adds contents to a message: texts and media URLs. With {@code firstText} (a tool result), the first text goes
     * there instead of the text parts.
     *
     * @return how many contents could not be inspected
     */
    private static int contents(Message.Builder b, List<Content> contents, String[] firstText) {
        int uninspected = 0;
        for (Content c : contents) {
            if (c instanceof TextContent t) {
                if (firstText != null && firstText[0] == null) {
                    firstText[0] = t.text();
                } else {
                    b.text(t.text());
                }
            } else {
                String url = url(c);
                if (url == null) {
                    uninspected++;
                } else {
                    b.mediaUrl(url);
                }
            }
        }
        return uninspected;
    }

    /**
     * @param sent     the governed messages
     * @param before   the AIMS form of the original messages, as {@link #toAims(ChatMessage)} made it
     * @param original the original messages
     * @return the messages the delegate is to send
     * @throws IllegalArgumentException naming the message when one cannot be expressed in LangChain4j
     */
    static List<ChatMessage> toLangChain4j(List<Message> sent, List<Message> before, List<ChatMessage> original) {
        List<ChatMessage> out = new ArrayList<>(sent.size());
        boolean sameLength = sent.size() == before.size();
        int next = 0;
        for (int i = 0; i < sent.size(); i++) {
            Message m = sent.get(i);
            int match = -1;
            if (sameLength) {
                match = sameShape(m, before.get(i)) ? i : -1;
            } else {
                for (int k = next; k < before.size() && match < 0; k++) {
                    match = sameShape(m, before.get(k)) ? k : -1;
                }
            }
            if (match < 0) {
                out.add(fresh(m, "messages[" + i + "]"));
            } else {
                out.add(rebuild(m, original.get(match), "messages[" + i + "]"));
                next = match + 1;
            }
        }
        return out;
    }

    /** Redaction keeps the shape; a policy may not. Text parts may differ in number: they are placed in order. */
    private static boolean sameShape(Message a, Message b) {
        return a.role() == b.role() && a.mediaUrls().size() == b.mediaUrls().size()
                && a.uninspectedParts() == b.uninspectedParts();
    }

    private static ChatMessage rebuild(Message m, ChatMessage original, String field) {
        if (original instanceof SystemMessage) {
            return SystemMessage.from(m.text());
        }
        if (original instanceof UserMessage u) {
            return UserMessage.builder().name(m.name().orElse(null))
                    .contents(contents(u.contents(), m.texts(), m.mediaUrls(), field)).build();
        }
        if (original instanceof AiMessage a) {
            return assistant(m, a);
        }
        if (original instanceof ToolExecutionResultMessage t) {
            ToolResult r = m.toolResult().orElseThrow();
            List<String> texts = new ArrayList<>(m.texts().size() + 1);
            boolean hadText = false;
            for (Content c : t.contents()) {
                hadText |= c instanceof TextContent;
            }
            if (hadText || !r.text().isEmpty()) {
                texts.add(r.text());
            }
            texts.addAll(m.texts());
            return ToolExecutionResultMessage.builder().id(emptyToNull(r.toolCallId()))
                    .toolName(emptyToNull(r.toolName())).contents(contents(t.contents(), texts, m.mediaUrls(), field))
                    .isError(t.isError()).attributes(t.attributes()).build();
        }
        // A CustomMessage: uninspected, and let through by policy.
        return original;
    }

    private static AiMessage assistant(Message m, AiMessage a) {
        List<String> texts = m.texts();
        int i = 0;
        String text = a.text() != null && i < texts.size() ? texts.get(i++) : null;
        String thinking = a.thinking() != null && i < texts.size() ? texts.get(i++) : null;
        if (i < texts.size()) {
            // A policy added text parts: they follow the text.
            text = (text == null ? "" : text) + String.join("", texts.subList(i, texts.size()));
        }
        return AiMessage.builder().text(text).thinking(thinking).toolExecutionRequests(toolRequests(m.toolCalls()))
                .attributes(a.attributes()).build();
    }

    /** Texts and media URLs in the places the original's stood; uninspected contents as they were. */
    private static List<Content> contents(List<Content> original, List<String> texts, List<String> urls,
            String field) {
        List<Content> out = new ArrayList<>(original.size() + 1);
        int t = 0;
        int u = 0;
        for (Content c : original) {
            if (c instanceof TextContent) {
                if (t < texts.size()) {
                    out.add(TextContent.from(texts.get(t++)));
                }
            } else if (url(c) != null) {
                out.add(withUrl(c, MediaUrls.toUri(urls.get(u), field + ".mediaUrls[" + u + "]")));
                u++;
            } else {
                out.add(c);
            }
        }
        while (t < texts.size()) {
            out.add(TextContent.from(texts.get(t++)));
        }
        return out;
    }

    /** Builds a message from its AIMS form alone, for a message a policy added. */
    private static ChatMessage fresh(Message m, String field) {
        if (!m.mediaUrls().isEmpty() || m.uninspectedParts() > 0) {
            throw new IllegalArgumentException(field + " has media or uninspected parts but matches no message of"
                    + " the original conversation, so their kind is unknown");
        }
        switch (m.role()) {
            case SYSTEM:
                return SystemMessage.from(m.text());
            case ASSISTANT:
                return AiMessage.builder().text(m.texts().isEmpty() ? null : m.text())
                        .toolExecutionRequests(toolRequests(m.toolCalls())).build();
            case TOOL:
                ToolResult r = m.toolResult().orElseThrow();
                List<Content> contents = new ArrayList<>(m.texts().size() + 1);
                contents.add(TextContent.from(r.text()));
                for (String text : m.texts()) {
                    contents.add(TextContent.from(text));
                }
                return ToolExecutionResultMessage.builder().id(emptyToNull(r.toolCallId()))
                        .toolName(emptyToNull(r.toolName())).contents(contents).build();
            default:
                List<Content> texts = new ArrayList<>(m.texts().size());
                for (String text : m.texts()) {
                    texts.add(TextContent.from(text));
                }
                return UserMessage.builder().name(m.name().orElse(null)).contents(texts).build();
        }
    }

    static List<ToolExecutionRequest> toolRequests(List<ToolCall> calls) {
        List<ToolExecutionRequest> out = new ArrayList<>(calls.size());
        for (ToolCall c : calls) {
            out.add(ToolExecutionRequest.builder().id(emptyToNull(c.id())).name(c.name()).arguments(c.arguments())
                    .build());
        }
        return out;
    }

    /**
     * @return the URL by which the provider reads this content, or null when the content is inline, of an unknown
     *         kind or of an unusual media type (then counted as uninspected)
     */
    static String url(Content c) {
        URI url;
        boolean inline;
        String mediaType;
        if (c instanceof ImageContent i) {
            url = i.image().url();
            inline = i.image().base64Data() != null;
            mediaType = i.image().mimeType();
        } else if (c instanceof AudioContent a) {
            url = a.audio().url();
            inline = a.audio().base64Data() != null || a.audio().binaryData() != null;
            mediaType = a.audio().mimeType();
        } else if (c instanceof VideoContent v) {
            url = v.video().url();
            inline = v.video().base64Data() != null;
            mediaType = v.video().mimeType();
        } else if (c instanceof PdfFileContent p) {
            url = p.pdfFile().url();
            inline = p.pdfFile().base64Data() != null;
            mediaType = p.pdfFile().mimeType();
        } else {
            return null;
        }
        if (url == null || inline || "data".equalsIgnoreCase(url.getScheme()) || !MediaUrls.plainMediaType(mediaType)) {
            return null;
        }
        return url.toString();
    }

    /** @return the content with a new URL; its kind, detail level and media type kept (revised prompt dropped) */
    private static Content withUrl(Content c, URI url) {
        if (c instanceof ImageContent i) {
            return ImageContent.from(Image.builder().url(url).mimeType(i.image().mimeType()).build(),
                    i.detailLevel());
        }
        if (c instanceof AudioContent a) {
            return AudioContent.from(Audio.builder().url(url).mimeType(a.audio().mimeType()).build());
        }
        if (c instanceof VideoContent v) {
            return VideoContent.from(Video.builder().url(url).mimeType(v.video().mimeType()).build());
        }
        PdfFileContent p = (PdfFileContent) c;
        return PdfFileContent.from(PdfFile.builder().url(url).mimeType(p.pdfFile().mimeType()).build());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
