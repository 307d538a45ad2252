package dev.aims.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aims.api.Finding;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.api.Redactor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code sensitive-data}: what may leave the process, per entity type — {@code allow} (sent as is), {@code redact}
 * with an operator, or {@code deny} (the call is refused when the redactor finds one).
 *
 * <p>Allow and redact become PRE obligations {@code redact.operator.TYPE=OPERATOR} (allow is {@code KEEP}), which
 * the redaction step applies; deny is checked at PRE_SEND against the redactor's findings. Precedence is per entity
 * type: a more specific rule in scope decides the types it names, and this rule keeps deciding the others — so a
 * global rule can deny {@code CREDIT_CARD} while a rule scoped to an on-premises model allows it.
 */
final class SensitiveDataRule extends RulePolicy {
    enum Action { ALLOW, REDACT, DENY }

    /** What to do with one entity type; {@code operator} is set for REDACT only. */
    record EntityAction(Action action, Operator operator) {
    }

    /**
     * The rule's parameters: entity type to action, in file order, and the tools whose call arguments may receive
     * the real values behind pseudonyms (empty: none).
     */
    record Params(Map<String, EntityAction> entities, List<String> restoreIntoTools) {
    }

    private static final Map<String, Action> ACTIONS = Fields.options(Map.entry("allow", Action.ALLOW),
            Map.entry("redact", Action.REDACT), Map.entry("deny", Action.DENY));
    private static final Operator DEFAULT_OPERATOR = Operator.PLACEHOLDER;
    static final int MAX_RIVALS = 63;
    private static final int CACHED_RIVALS = 8;

    private final Params p;
    private final Redactor redactor;
    private final Set<String> denied;
    private final String[] types;
    private final PolicyDecision preDecision;
    /** PRE decisions by the bit set of rivals in scope, when there are few enough rivals to cache them all. */
    private final AtomicReferenceArray<PolicyDecision> preByRivals;

    SensitiveDataRule(RuleSpec spec, List<RuleSpec> rivals, Redactor redactor) {
        super(spec, rivals, PRE_AND_PRE_SEND);
        this.p = (Params) spec.params;
        this.redactor = redactor == null ? Redactor.none() : redactor;
        Set<String> denied = new HashSet<>();
        for (Map.Entry<String, EntityAction> e : p.entities().entrySet()) {
            if (e.getValue().action() == Action.DENY) {
                denied.add(e.getKey());
            }
        }
        this.denied = Set.copyOf(denied);
        this.types = p.entities().keySet().toArray(new String[0]);
        this.preDecision = operators(0);
        if (rivals.size() > MAX_RIVALS) {
            throw new IllegalArgumentException("a sensitive-data rule can have at most " + MAX_RIVALS
                    + " more specific rules of its kind, but '" + spec.id + "' has " + rivals.size());
        }
        this.preByRivals = rivals.size() <= CACHED_RIVALS ? new AtomicReferenceArray<>(1 << rivals.size()) : null;
    }

    static Params parse(Fields f, ParseContext ctx, Map<String, Object> canonical) {
        Fields entities = f.object("entities", true);
        if (entities == null) {
            return null;
        }
        List<String> names = entities.names();
        if (names.isEmpty()) {
            f.problem("entities", "must name at least one entity type");
            return null;
        }
        Map<String, EntityAction> out = new LinkedHashMap<>();
        Map<String, Object> canon = new TreeMap<>();
        boolean ok = true;
        for (String type : names) {
            JsonNode v = entities.raw(type);
            String at = entities.path(type);
            if (!ctx.knownType(type)) {
                f.problems().add(at, "unknown entity type " + Fields.show(type)
                        + " (declare custom types in $.entityTypes)");
                ok = false;
                continue;
            }
            EntityAction a = action(v, at, f.problems());
            if (a == null) {
                ok = false;
                continue;
            }
            out.put(type, a);
            Map<String, Object> c = new TreeMap<>();
            c.put("action", a.action().name().toLowerCase(Locale.ROOT));
            if (a.operator() != null) {
                c.put("operator", a.operator().name());
            }
            canon.put(type, c);
        }
        List<String> tools = f.has("restoreIntoTools") ? f.strings("restoreIntoTools", false, false) : List.of();
        if (!ok || tools == null) {
            return null;
        }
        canonical.put("entities", canon);
        if (!tools.isEmpty()) {
            canonical.put("restoreIntoTools", List.copyOf(tools));
        }
        return new Params(Map.copyOf(out), List.copyOf(tools));
    }

    /** Reads {@code "deny"} or {@code {"action": "redact", "operator": "HASH"}}. */
    private static EntityAction action(JsonNode v, String at, Problems problems) {
        if (v.isTextual()) {
            Action a = ACTIONS.get(v.asText());
            if (a == null) {
                problems.add(at, "must be allow, redact or deny (or an object with action and operator), but was "
                        + Fields.show(v));
                return null;
            }
            return new EntityAction(a, a == Action.REDACT ? DEFAULT_OPERATOR : null);
        }
        Fields o = Fields.of(v, at, problems);
        if (o == null) {
            return null;
        }
        Action a = o.choice("action", ACTIONS, true);
        String op = o.string("operator", false);
        boolean hasOp = o.has("operator");
        o.rejectUnknown();
        if (a == null || (hasOp && op == null)) {
            return null;
        }
        if (op == null) {
            return new EntityAction(a, a == Action.REDACT ? DEFAULT_OPERATOR : null);
        }
        if (a != Action.REDACT) {
            o.problem("operator", "only applies to action redact, but the action is " + Fields.show(
                    a.name().toLowerCase(Locale.ROOT)));
            return null;
        }
        Operator operator = operator(op);
        if (operator == null || operator == Operator.KEEP) {
            o.problem("operator", "must be one of MASK, PLACEHOLDER, HASH, PSEUDONYMIZE, DROP"
                    + (operator == Operator.KEEP ? " (to send the value as is, use action allow)" : "")
                    + ", but was " + Fields.show(op));
            return null;
        }
        return new EntityAction(Action.REDACT, operator);
    }

    private static Operator operator(String name) {
        for (Operator o : Operator.values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /**
     * @return the loader's redactor: the client must redact with it, since the types this rule names must be the
     *         types the client's redactor finds (and its operators the ones the obligations choose)
     */
    @Override
    public Redactor redactor() {
        return redactor;
    }

    @Override
    PolicyDecision inScope(PolicyInput input, PolicyStage stage) {
        long inScope = 0;
        for (int i = 0; i < rivals.size(); i++) {
            if (rivals.get(i).scope.matches(input)) {
                inScope |= 1L << i;
            }
        }
        if (inScope == 0) {
            return stage == PolicyStage.PRE ? preDecision : checkFindings(input, stage, 0);
        }
        if (allTaken(inScope)) {
            return superseded(Long.numberOfTrailingZeros(inScope), stage);
        }
        if (stage != PolicyStage.PRE) {
            return checkFindings(input, stage, inScope);
        }
        if (preByRivals == null) {
            return operators(inScope);
        }
        // The decision depends only on which rivals are in scope: build it once per combination.
        PolicyDecision d = preByRivals.get((int) inScope);
        if (d == null) {
            d = operators(inScope);
            preByRivals.set((int) inScope, d);
        }
        return d;
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        return inScope(input, stage);
    }

    /** @return whether a rival among {@code inScope} (a bit set over {@link #rivals}) names {@code type} */
    private boolean taken(String type, long inScope) {
        for (long m = inScope; m != 0; m &= m - 1) {
            if (((Params) rivals.get(Long.numberOfTrailingZeros(m)).params).entities().containsKey(type)) {
                return true;
            }
        }
        return false;
    }

    private boolean allTaken(long inScope) {
        for (String type : types) {
            if (!taken(type, inScope)) {
                return false;
            }
        }
        return true;
    }

    /** The PRE decision choosing the operators of the types this rule decides (those no rival in scope takes). */
    private PolicyDecision operators(long inScope) {
        Map<String, String> obligations = new TreeMap<>();
        for (Map.Entry<String, EntityAction> e : p.entities().entrySet()) {
            if (inScope != 0 && taken(e.getKey(), inScope)) {
                continue;
            }
            EntityAction a = e.getValue();
            if (a.action() != Action.DENY) {
                Operator op = a.action() == Action.ALLOW ? Operator.KEEP : a.operator();
                obligations.put(PolicyDecision.REDACT_OPERATOR_OBLIGATION + e.getKey(), op.name());
            }
        }
        if (!p.restoreIntoTools().isEmpty()) {
            obligations.put(PolicyDecision.RESTORE_TOOLS_OBLIGATION, String.join(",", p.restoreIntoTools()));
        }
        if (obligations.isEmpty()) {
            return allow(PolicyStage.PRE);
        }
        int types = obligations.size() - (p.restoreIntoTools().isEmpty() ? 0 : 1);
        return PolicyDecision.builder(this, PolicyStage.PRE).effect(PolicyDecision.Effect.ALLOW)
                .reasonCode("operators_chosen")
                .message("redaction operators chosen for " + types + " entity type(s)"
                        + (p.restoreIntoTools().isEmpty() ? "" : "; pseudonyms restored into "
                        + p.restoreIntoTools().size() + " named tool(s)"))
                .obligations(obligations).build();
    }

    private PolicyDecision checkFindings(PolicyInput input, PolicyStage stage, long inScope) {
        List<Finding> findings = input.findings();
        if (findings.isEmpty() || denied.isEmpty()) {
            return allow(stage);
        }
        Map<String, Integer> found = null;
        for (int i = 0; i < findings.size(); i++) {
            String type = findings.get(i).type();
            if (denied.contains(type) && (inScope == 0 || !taken(type, inScope))) {
                if (found == null) {
                    found = new TreeMap<>();
                }
                found.merge(type, 1, Integer::sum);
            }
        }
        if (found == null) {
            return allow(stage);
        }
        return deny(stage, "sensitive_data_denied", "the request contains " + counts(found)
                + ", which may not be sent here");
    }

    /** @return {@code CREDIT_CARD x2, US_SSN x1}: types and counts, never values */
    static String counts(Map<String, Integer> found) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : found.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue());
        }
        return sb.toString();
    }
}
