package dev.aims.langchain4j;

import dev.aims.api.AiRequest;
import dev.aims.api.AiResponse;
import dev.aims.api.CallContext;
import dev.aims.api.CallInterceptor;
import dev.aims.api.Message;
import dev.aims.api.ToolCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Links the round-trips of a tool loop, so that each is a governed call of its own and the record shows which call
 * it continues.
 *
 * <p>LangChain4j's {@code AiServices} hands the chat model nothing but the conversation — no memory id — so the
 * link is made from the conversation itself. A response that asks for tools is remembered by the ids of its tool
 * calls, with its call id and session id. A later request that carries one of those ids (the AI service sends the
 * conversation back with the tool results) continues that call: it gets the earlier call's id as parent call id,
 * and its session id unless the caller bound one. A request that continues nothing starts a session: when the
 * context names no session id, a fresh one ({@code lc4j-<uuid>}) is given, so that all the round-trips of one AI
 * service invocation share it, whatever thread they run on.
 *
 * <p>Tool calls without an id cannot be linked (a few providers send none). At most {@link #MAX_LINKS} tool-call
 * ids are remembered, the oldest forgotten first; ids are the provider's opaque identifiers, never content.
 * Thread-safe.
 */
final class Lineage {
    static final int MAX_LINKS = 10_000;

    /** The call that issued a tool call, and the session it belonged to. */
    record Link(String callId, String sessionId) {
    }

    private final Map<String, Link> links = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > MAX_LINKS;
        }
    };

    /**
     * @param request the request about to be governed
     * @param base    the context bound by the caller
     * @return the context of the call: the base, linked to the call it continues or given a new session
     */
    CallContext contextFor(AiRequest request, CallContext base) {
        Link link = continued(request.messages());
        if (link == null) {
            if (base.sessionId().isPresent()) {
                return base;
            }
            return base.toBuilder().sessionId(newSessionId()).build();
        }
        CallContext.Builder b = base.toBuilder().parentCallId(link.callId());
        if (base.sessionId().isEmpty() && link.sessionId() != null) {
            b.sessionId(link.sessionId());
        }
        return b.build();
    }

    private static String newSessionId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        // Session ids must be unique, not secret: a version 4 UUID without SecureRandom's cost.
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return "lc4j-" + new UUID(msb, lsb);
    }

    /** The most recent tool call of the conversation that a governed call of this model issued. */
    private Link continued(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            String id = m.toolResult().map(r -> r.toolCallId()).orElse("");
            Link link = id.isEmpty() ? null : lookup(id);
            if (link != null) {
                return link;
            }
            for (int k = m.toolCalls().size() - 1; k >= 0; k--) {
                String callId = m.toolCalls().get(k).id();
                link = callId.isEmpty() ? null : lookup(callId);
                if (link != null) {
                    return link;
                }
            }
        }
        return null;
    }

    private Link lookup(String toolCallId) {
        synchronized (links) {
            return links.get(toolCallId);
        }
    }

    /** @return an interceptor that remembers the tool calls of every response with the call that issued them */
    CallInterceptor recorder() {
        return chain -> {
            AiResponse response = chain.proceed(chain.request());
            String session = chain.context().sessionId().orElse(null);
            for (Message m : response.messages()) {
                for (ToolCall c : m.toolCalls()) {
                    if (!c.id().isEmpty()) {
                        synchronized (links) {
                            links.put(c.id(), new Link(chain.callId(), session));
                        }
                    }
                }
            }
            return response;
        };
    }

    /** @return how many tool calls are remembered */
    int size() {
        synchronized (links) {
            return links.size();
        }
    }
}
