package dev.aims.core.policy;

import dev.aims.api.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whose usage a budget or rate limit counts. Calls that do not name the subject (no principal, say) share one
 * counter, so that leaving the field out never escapes the limit.
 */
enum Per {
    PRINCIPAL("principal"), TENANT("tenant"), SYSTEM("system");

    static final Map<String, Per> BY_NAME;

    static {
        Map<String, Per> m = new LinkedHashMap<>();
        for (Per p : values()) {
            m.put(p.wireName, p);
        }
        BY_NAME = m;
    }

    final String wireName;

    Per(String wireName) {
        this.wireName = wireName;
    }

    /** @return the subject's id in the context, or the empty string (which no real id can be) when absent */
    String subject(CallContext ctx) {
        String v;
        switch (this) {
            case PRINCIPAL:
                v = ctx.principal().orElse(null);
                break;
            case TENANT:
                v = ctx.tenant().orElse(null);
                break;
            default:
                v = ctx.systemId().orElse(null);
                break;
        }
        return v == null ? "" : v;
    }
}
