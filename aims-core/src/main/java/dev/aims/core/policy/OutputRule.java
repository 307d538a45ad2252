package dev.aims.core.policy;

import dev.aims.api.AiResponse;
import dev.aims.api.Finding;
import dev.aims.api.Message;
import dev.aims.api.Operator;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code output}: at POST, on the provider's answer before pseudonyms are restored.
 * <ul>
 *   <li>With {@code scan} (default on) the answer is scanned with the loader's {@link Redactor}, in a session of its
 *       own; personal data and secrets of the chosen {@code entities} (default: all) are masked — a MODIFY with the
 *       masked answer — or, with action {@code deny}, refuse the answer. Only irreversible operators are allowed
 *       (MASK, HASH, DROP): a placeholder minted here could be taken for one of the call's own pseudonyms and
 *       "restored".</li>
 *   <li>An answer holding a placeholder ({@code <EMAIL_ADDRESS_3>}) that the call's redaction did not issue is
 *       denied, flagged (recorded with obligation {@code output.foreign_placeholder=true}) or ignored, per
 *       {@code foreignPlaceholders}: the model is echoing something it was not given, another call's redacted data
 *       or an injected instruction.</li>
 * </ul>
 */
final class OutputRule extends RulePolicy {
    enum Action { REDACT, DENY }

    enum Foreign { DENY, FLAG, IGNORE }

    /** The rule's parameters; {@code entities} empty means every type. */
    record Params(Action action, Operator operator, List<String> entities, Foreign foreign, boolean scan) {
    }

    static final String FOREIGN_PLACEHOLDER = "output.foreign_placeholder";
    private static final Map<String, Action> ACTIONS = Fields.options(Map.entry("redact",
            Action.REDACT), Map.entry("deny", Action.DENY));
    private static final Map<String, Foreign> FOREIGN = Fields.options(Map.entry("deny", Foreign.DENY),
            Map.entry("flag", Foreign.FLAG), Map.entry("ignore", Foreign.IGNORE));
    private static final Map<String, Operator> OPERATORS;

    static {
        Map<String, Operator> m = new LinkedHashMap<>();
        m.put("MASK", Operator.MASK);
        m.put("HASH", Operator.HASH);
        m.put("DROP", Operator.DROP);
        OPERATORS = m;
    }

    private final Params p;
    private final Redactor redactor;
    private final Map<String, Operator> overrides;
    private final Set<String> selected;
    private final PolicyDecision flagged;

    OutputRule(RuleSpec spec, List<RuleSpec> rivals, Redactor redactor, Set<String> knownTypes) {
        super(spec, rivals, POST_ONLY);
        this.p = (Params) spec.params;
        this.redactor = redactor;
        Map<String, Operator> o = new HashMap<>();
        for (String type : knownTypes) {
            o.put(type, p.entities().isEmpty() || p.entities().contains(type) ? p.operator() : Operator.KEEP);
        }
        this.overrides = Map.copyOf(o);
        this.selected = Set.copyOf(p.entities());
        this.flagged = PolicyDecision.builder(this, PolicyStage.POST).effect(PolicyDecision.Effect.ALLOW)
                .reasonCode("foreign_placeholder").message(foreignMessage()).obligations(Map.of(FOREIGN_PLACEHOLDER,
                        "true")).build();
    }

    static Params parse(Fields f, ParseContext ctx, Map<String, Object> canonical) {
        Action action = f.choice("action", ACTIONS, true);
        boolean hasOperator = f.has("operator");
        String op = f.string("operator", false);
        List<String> entities = f.strings("entities", false, true);
        boolean hasEntities = f.has("entities");
        Foreign foreign = f.choice("foreignPlaceholders", FOREIGN, false);
        boolean hasForeign = f.has("foreignPlaceholders");
        boolean hasScan = f.has("scan");
        Boolean scan = null;
        if (hasScan) {
            if (f.raw("scan").isBoolean()) {
                scan = f.raw("scan").asBoolean();
            } else {
                f.problem("scan", "must be true or false, but was " + Fields.show(f.raw("scan")));
            }
        }
        boolean ok = action != null && (op != null || !hasOperator) && (entities != null || !hasEntities)
                && (foreign != null || !hasForeign) && (scan != null || !hasScan);
        Operator operator = Operator.MASK;
        if (op != null) {
            operator = OPERATORS.get(op);
            if (operator == null) {
                f.problem("operator", "must be one of MASK, HASH, DROP (placeholders in an answer could be"
                        + " restored as the call's own pseudonyms), but was " + Fields.show(op));
                ok = false;
            }
        }
        if (entities != null) {
            for (int i = 0; i < entities.size(); i++) {
                if (!ctx.knownType(entities.get(i))) {
                    f.problems().add(f.path("entities") + "[" + i + "]", "unknown entity type "
                            + Fields.show(entities.get(i)) + " (declare custom types in $.entityTypes)");
                    ok = false;
                }
            }
        }
        if (!ok) {
            return null;
        }
        List<String> types = entities == null ? new ArrayList<>() : new ArrayList<>(entities);
        types.sort(null);
        Foreign f2 = foreign == null ? Foreign.FLAG : foreign;
        boolean s = scan == null || scan;
        canonical.put("action", action.name().toLowerCase(Locale.ROOT));
        canonical.put("operator", operator.name());
        canonical.put("entities", types);
        canonical.put("foreignPlaceholders", f2.name().toLowerCase(Locale.ROOT));
        canonical.put("scan", s);
        return new Params(action, operator, List.copyOf(types), f2, s);
    }

    /** @return the redactor this rule scans answers with, when it scans; the client must redact with it too */
    @Override
    public Redactor redactor() {
        return ((Params) spec.params).scan() ? redactor : null;
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        AiResponse response = input.response().orElse(null);
        if (response == null) {
            return allow(stage);
        }
        boolean foreign = p.foreign() != Foreign.IGNORE && hasForeignPlaceholder(input.redaction(), response);
        if (foreign && p.foreign() == Foreign.DENY) {
            return deny(stage, "foreign_placeholder", foreignMessage());
        }
        if (p.scan()) {
            RedactionSession session = redactor.open(overrides);
            AiResponse masked = response.mapText(session::redact);
            // Selected types always change the text (their operator is never KEEP): unchanged means none found.
            if (masked != response) {
                Map<String, Integer> found = counts(session.findings());
                if (!found.isEmpty()) {
                    String what = SensitiveDataRule.counts(found);
                    if (p.action() == Action.DENY) {
                        return deny(stage, "output_sensitive_data", "the answer contains " + what);
                    }
                    return PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.MODIFY)
                            .reasonCode("output_redacted")
                            .message(done(p.operator()) + " " + what + " in the answer"
                                    + (foreign ? "; " + foreignMessage() : ""))
                            .obligations(foreign ? Map.of(FOREIGN_PLACEHOLDER, "true") : Map.of())
                            .replacementResponse(masked).build();
                }
            }
        }
        return foreign ? flagged : allow(stage);
    }

    private Map<String, Integer> counts(List<Finding> findings) {
        Map<String, Integer> found = new TreeMap<>();
        for (Finding f : findings) {
            if (selected.isEmpty() || selected.contains(f.type())) {
                found.merge(f.type(), 1, Integer::sum);
            }
        }
        return found;
    }

    private static boolean hasForeignPlaceholder(RedactionSession session, AiResponse response) {
        List<Message> messages = response.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<String> texts = messages.get(i).texts();
            for (int t = 0; t < texts.size(); t++) {
                if (session.hasForeignPlaceholder(texts.get(t))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String done(Operator operator) {
        return operator == Operator.MASK ? "masked" : operator == Operator.HASH ? "hashed" : "dropped";
    }

    private static String foreignMessage() {
        return "the answer holds a placeholder this call did not issue (another call's redacted data, or an"
                + " injected instruction)";
    }
}
