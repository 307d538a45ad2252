package dev.aims.core;

import dev.aims.api.CallContext;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import java.util.List;
import java.util.Map;

/**
 * The context as records, spans, metrics, logs and evidence carry it: its free text — tenant, system id, purpose,
 * session id, parent call id, source ids, label values — passed through the redactor, so that a value an application
 * put there (an e-mail address as session id, a customer's name in a label) never leaves raw. The principal is kept
 * as given: it is the audit identity, which telemetry pseudonymises and the evidence log keeps.
 *
 * <p>Applications usually bind one context for many calls, so the last context and its redacted form are kept:
 * the same instance again costs one comparison. Thread-safe.
 */
final class ContextRedaction {
    /** What a field becomes when the redactor removed all of it: fields may be absent, never blank. */
    static final String REMOVED = "redacted";

    private final Redactor redactor;
    private volatile Redacted last;

    /** @param redactor the redactor; the context is redacted even when the client's redaction is off */
    ContextRedaction(Redactor redactor) {
        this.redactor = redactor;
    }

    private record Redacted(CallContext given, CallContext emitted) {
    }

    /** @return the context with its free text redacted; {@code context} itself when nothing was found */
    CallContext emitted(CallContext context) {
        Redacted cached = last;
        if (cached != null && cached.given == context) {
            return cached.emitted;
        }
        CallContext out = redact(context);
        last = new Redacted(context, out);
        return out;
    }

    /** @return only the principal: the context of a record made when redacting the context itself failed */
    static CallContext identityOnly(CallContext context) {
        return CallContext.builder().principal(context.principal().orElse(null)).build();
    }

    private CallContext redact(CallContext c) {
        if (c.tenant().isEmpty() && c.systemId().isEmpty() && c.purpose().isEmpty() && c.sessionId().isEmpty()
                && c.parentCallId().isEmpty() && c.sourceIds().isEmpty() && c.labels().isEmpty()) {
            return c;
        }
        RedactionSession s = redactor.open();
        String tenant = field(s, c.tenant().orElse(null));
        String systemId = field(s, c.systemId().orElse(null));
        String purpose = field(s, c.purpose().orElse(null));
        String sessionId = field(s, c.sessionId().orElse(null));
        String parent = field(s, c.parentCallId().orElse(null));
        boolean changed = !same(tenant, c.tenant().orElse(null)) || !same(systemId, c.systemId().orElse(null))
                || !same(purpose, c.purpose().orElse(null)) || !same(sessionId, c.sessionId().orElse(null))
                || !same(parent, c.parentCallId().orElse(null));
        List<String> sources = c.sourceIds();
        String[] newSources = new String[sources.size()];
        for (int i = 0; i < newSources.length; i++) {
            newSources[i] = field(s, sources.get(i));
            changed |= newSources[i] != sources.get(i);
        }
        Map<String, String> labels = c.labels();
        String[][] newLabels = new String[labels.size()][];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String v = e.getValue().isEmpty() ? e.getValue() : s.redact(e.getValue());
            newLabels[i++] = new String[] {e.getKey(), v};
            changed |= v != e.getValue();
        }
        if (!changed) {
            return c;
        }
        CallContext.Builder b = CallContext.builder().principal(c.principal().orElse(null)).tenant(tenant)
                .systemId(systemId).purpose(purpose).sessionId(sessionId).parentCallId(parent);
        for (String source : newSources) {
            b.sourceId(source);
        }
        for (String[] label : newLabels) {
            b.label(label[0], label[1]);
        }
        return b.build();
    }

    private static String field(RedactionSession s, String value) {
        if (value == null) {
            return null;
        }
        String r = s.redact(value);
        return r != value && r.isBlank() ? REMOVED : r;
    }

    private static boolean same(String a, String b) {
        return a == b;
    }
}
