package dev.aims.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code store} of a budget or rate limit, or of the whole file: the name of a store given to the loader
 * ({@code "store": "fleet"}; {@code "default"} is the loader's own), or the settings of a store a
 * {@link QuotaStoreProvider} creates ({@code "store": {"type": "redis", "uri": …}}). Immutable.
 */
final class StoreRef {
    /** The name of the loader's default store, which rules without a store use. */
    static final String DEFAULT = "default";

    private static final Map<String, QuotaStoreSpec.OnUnavailable> ON_UNAVAILABLE = Fields.options(
            Map.entry("deny", QuotaStoreSpec.OnUnavailable.DENY),
            Map.entry("fallback", QuotaStoreSpec.OnUnavailable.FALLBACK));
    private static final int MAX_NAME = 100;

    /** The store's name, or null when it is given by its settings. */
    final String name;
    /** The store's settings, or null when it is named. */
    final QuotaStoreSpec spec;

    private StoreRef(String name, QuotaStoreSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    static StoreRef named(String name) {
        return new StoreRef(name, null);
    }

    static StoreRef of(QuotaStoreSpec spec) {
        return new StoreRef(null, spec);
    }

    /** @return the form the rule's fingerprint holds: the name, or the settings with defaults filled in */
    Object canonical() {
        if (name != null) {
            return name;
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("type", spec.type());
        m.put("uri", spec.uri());
        m.put("onUnavailable", spec.onUnavailable().wireName());
        m.put("timeoutMillis", spec.timeout().toMillis());
        spec.passwordEnv().ifPresent(p -> m.put("passwordEnv", p));
        return m;
    }

    /** @return the store as messages name it */
    String describe() {
        return name != null ? "store '" + name + "'" : "store " + spec.type() + " " + spec.uri();
    }

    /** @return a name a loader can register a store under, or null; {@value #DEFAULT} is taken */
    static String checkName(String name) {
        boolean ok = !name.isEmpty() && name.length() <= MAX_NAME && Character.isLetterOrDigit(name.charAt(0))
                && name.charAt(0) < 128;
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-';
        }
        return ok ? null : "must be up to " + MAX_NAME + " letters, digits, '.', '_' or '-', starting with a letter"
                + " or digit, but was " + Fields.show(name);
    }

    /**
     * Reads the {@code store} member of {@code f}.
     *
     * @return the reference, or null when it is absent or had problems (reported)
     */
    static StoreRef parse(Fields f) {
        JsonNode v = f.raw("store");
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            String problem = checkName(v.asText());
            if (problem != null) {
                f.problem("store", problem);
                return null;
            }
            return named(v.asText());
        }
        if (!v.isObject()) {
            f.problem("store", "must be the name of a store given to the loader, or an object with type and uri,"
                    + " but was " + Fields.show(v));
            return null;
        }
        Fields s = f.object("store", true);
        int before = s.problems().size();
        String type = s.string("type", true);
        String uri = s.string("uri", true);
        QuotaStoreSpec.OnUnavailable on = s.choice("onUnavailable", ON_UNAVAILABLE, false);
        Long timeout = s.integer("timeoutMillis", 1, QuotaStoreSpec.MAX_TIMEOUT.toMillis(), false);
        String passwordEnv = s.string("passwordEnv", false);
        s.rejectUnknown();
        check(s, "type", type == null ? null : QuotaStoreSpec.checkType(type));
        check(s, "uri", uri == null ? null : QuotaStoreSpec.checkUri(uri));
        check(s, "passwordEnv", passwordEnv == null ? null : QuotaStoreSpec.checkPasswordEnv(passwordEnv));
        if (s.problems().size() > before || type == null || uri == null) {
            return null;
        }
        QuotaStoreSpec.Builder b = QuotaStoreSpec.builder(type, uri);
        if (on != null) {
            b.onUnavailable(on);
        }
        if (timeout != null) {
            b.timeout(Duration.ofMillis(timeout));
        }
        if (passwordEnv != null) {
            b.passwordEnv(passwordEnv);
        }
        return of(b.build());
    }

    private static void check(Fields f, String field, String problem) {
        if (problem != null) {
            f.problem(field, problem);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreRef && Objects.equals(name, ((StoreRef) o).name)
                && Objects.equals(spec, ((StoreRef) o).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, spec);
    }

    @Override
    public String toString() {
        return name != null ? name : spec.toString();
    }
}
