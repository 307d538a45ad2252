package dev.aims.core.policy;

import dev.aims.api.CallContext;
import dev.aims.api.PolicyInput;
import dev.aims.core.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a rule applies: AI system ids, tenants, purposes, principals and models, each an optional list of names or
 * {@link Glob}s. A call is in scope when, for every dimension the scope names, the call's value matches one of the
 * patterns; a call without a value for a named dimension is out of scope.
 *
 * <p>Specificity ranks overlapping rules of the same kind: each named dimension counts 2 when all its patterns are
 * literal names and 1 when one is a glob. The most specific rule in scope wins; on a tie, the one earlier in the
 * file.
 */
final class Scope {
    /** The dimensions, in canonical order. */
    enum Dimension {
        SYSTEMS("systems"), TENANTS("tenants"), PURPOSES("purposes"), PRINCIPALS("principals"), MODELS("models");

        final String wireName;

        Dimension(String wireName) {
            this.wireName = wireName;
        }
    }

    private static final Dimension[] DIMENSIONS = Dimension.values();
    static final Scope EVERYWHERE = new Scope(new Glob[DIMENSIONS.length][], new List<?>[DIMENSIONS.length]);

    private final Glob[][] globs;
    private final List<?>[] patterns;
    private final int specificity;

    private Scope(Glob[][] globs, List<?>[] patterns) {
        this.globs = globs;
        this.patterns = patterns;
        int s = 0;
        for (Glob[] g : globs) {
            if (g != null) {
                boolean literal = true;
                for (Glob one : g) {
                    literal &= one.isLiteral();
                }
                s += literal ? 2 : 1;
            }
        }
        this.specificity = s;
    }

    int specificity() {
        return specificity;
    }

    boolean isEverywhere() {
        return specificity == 0;
    }

    /** @return whether the call is in scope */
    boolean matches(PolicyInput input) {
        if (specificity == 0) {
            return true;
        }
        CallContext ctx = input.context();
        for (int d = 0; d < globs.length; d++) {
            Glob[] g = globs[d];
            if (g == null) {
                continue;
            }
            String value = value(DIMENSIONS[d], ctx, input);
            if (value == null || !any(g, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean any(Glob[] globs, String value) {
        for (Glob g : globs) {
            if (g.matches(value)) {
                return true;
            }
        }
        return false;
    }

    private static String value(Dimension d, CallContext ctx, PolicyInput input) {
        switch (d) {
            case SYSTEMS:
                return ctx.systemId().orElse(null);
            case TENANTS:
                return ctx.tenant().orElse(null);
            case PURPOSES:
                return ctx.purpose().orElse(null);
            case PRINCIPALS:
                return ctx.principal().orElse(null);
            default:
                return input.request().model();
        }
    }

    /** @return whether both scopes name the same patterns */
    boolean sameAs(Scope other) {
        return Arrays.equals(patterns, other.patterns);
    }

    /** @return the scope as a sorted map of sorted pattern lists, for the canonical form */
    Map<String, Object> canonical() {
        Map<String, Object> out = new TreeMap<>();
        for (int d = 0; d < patterns.length; d++) {
            if (patterns[d] != null) {
                out.put(DIMENSIONS[d].wireName, patterns[d]);
            }
        }
        return out;
    }

    /** @return {@code systems=[a] models=[llama-*]}, or {@code everywhere} */
    String describe() {
        if (specificity == 0) {
            return "everywhere";
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < patterns.length; d++) {
            if (patterns[d] != null) {
                sb.append(sb.length() == 0 ? "" : " ").append(DIMENSIONS[d].wireName).append('=')
                        .append(patterns[d]);
            }
        }
        return sb.toString();
    }

    /**
     * Reads a {@code scope} object; absent means everywhere.
     *
     * @return the scope, or null when it had problems (reported)
     */
    static Scope parse(Fields f) {
        if (f == null) {
            return null;
        }
        Glob[][] globs = new Glob[DIMENSIONS.length][];
        List<?>[] patterns = new List<?>[DIMENSIONS.length];
        boolean ok = true;
        for (Dimension d : DIMENSIONS) {
            List<String> list = f.strings(d.wireName, false, true);
            if (list == null) {
                ok &= !f.has(d.wireName);
                continue;
            }
            Glob[] g = new Glob[list.size()];
            for (int i = 0; i < list.size(); i++) {
                String bad = badGlob(list.get(i));
                if (bad != null) {
                    f.problems().add(f.path(d.wireName) + "[" + i + "]", bad + ", but was "
                            + Fields.show(list.get(i)));
                    ok = false;
                } else {
                    g[i] = Glob.of(list.get(i));
                }
            }
            globs[d.ordinal()] = g;
            List<String> sorted = new ArrayList<>(list);
            sorted.sort(null);
            patterns[d.ordinal()] = List.copyOf(sorted);
        }
        f.rejectUnknown();
        return ok ? new Scope(globs, patterns) : null;
    }

    /** @return why {@code pattern} is not a usable glob, or null when it is */
    static String badGlob(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "must be a name or glob without whitespace";
            }
            if (c == '[' || c == ']' || c == '{' || c == '}' || c == '\\') {
                return "must be a glob of '*' and '?' only ('" + c + "' is not supported)";
            }
        }
        if (pattern.contains("**")) {
            return "must not contain '**' (a single '*' already matches any run)";
        }
        return null;
    }

    @Override
    public String toString() {
        return describe();
    }
}
