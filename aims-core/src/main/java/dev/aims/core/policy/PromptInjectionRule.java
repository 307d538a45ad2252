package dev.aims.core.policy;

import dev.aims.api.Message;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.api.Role;
import dev.aims.api.ToolResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code prompt-injection}: at PRE, scans the text of the chosen roles (by default the user's messages and tool
 * results, where retrieved content arrives) with {@link InjectionScanner} and reports a risk score. With action
 * {@code deny} a risk at or above {@code threshold} refuses the call; with {@code record} it is only recorded. The
 * decision carries the score and the signals as obligations {@code injection.risk} and {@code injection.signals};
 * the message names the signals and roles, never the text.
 */
final class PromptInjectionRule extends RulePolicy {
    enum Action { DENY, RECORD }

    /** The rule's parameters. */
    record Params(Action action, double threshold, Set<Role> roles) {
    }

    static final String RISK = "injection.risk";
    static final String SIGNALS = "injection.signals";
    private static final double DEFAULT_THRESHOLD = 0.5;
    private static final Map<String, Action> ACTIONS = Fields.options(Map.entry("deny",
            Action.DENY), Map.entry("record", Action.RECORD));
    private static final Map<String, Role> ROLES;

    static {
        Map<String, Role> m = new LinkedHashMap<>();
        for (Role r : Role.values()) {
            m.put(r.name().toLowerCase(Locale.ROOT), r);
        }
        ROLES = m;
    }

    private final Params p;

    PromptInjectionRule(RuleSpec spec, List<RuleSpec> rivals) {
        super(spec, rivals, PRE_ONLY);
        this.p = (Params) spec.params;
    }

    static Params parse(Fields f, Map<String, Object> canonical) {
        Action action = f.choice("action", ACTIONS, true);
        Double threshold = f.number("threshold", 0, 1);
        boolean hasThreshold = f.has("threshold");
        List<String> roleNames = f.strings("roles", false, true);
        boolean hasRoles = f.has("roles");
        Set<Role> roles = EnumSet.of(Role.USER, Role.TOOL);
        boolean ok = action != null && (threshold != null || !hasThreshold) && (roleNames != null || !hasRoles);
        if (roleNames != null) {
            roles = EnumSet.noneOf(Role.class);
            for (int i = 0; i < roleNames.size(); i++) {
                Role r = ROLES.get(roleNames.get(i));
                if (r == null) {
                    f.problems().add(f.path("roles") + "[" + i + "]", "must be one of "
                            + String.join(", ", ROLES.keySet()) + ", but was " + Fields.show(roleNames.get(i)));
                    ok = false;
                } else {
                    roles.add(r);
                }
            }
        }
        if (!ok) {
            return null;
        }
        double t = threshold == null ? DEFAULT_THRESHOLD : threshold;
        List<String> canonRoles = new ArrayList<>();
        for (Role r : roles) {
            canonRoles.add(r.name().toLowerCase(Locale.ROOT));
        }
        canonical.put("action", action.name().toLowerCase(Locale.ROOT));
        canonical.put("threshold", t);
        canonical.put("roles", canonRoles);
        return new Params(action, t, Set.copyOf(roles));
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        List<Message> messages = input.request().messages();
        int signals = 0;
        int roles = 0;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!p.roles().contains(m.role())) {
                continue;
            }
            int found = 0;
            List<String> texts = m.texts();
            for (int t = 0; t < texts.size(); t++) {
                found |= InjectionScanner.scan(texts.get(t));
            }
            ToolResult result = m.toolResult().orElse(null);
            if (result != null) {
                found |= InjectionScanner.scan(result.text());
            }
            if (found != 0) {
                signals |= found;
                roles |= 1 << m.role().ordinal();
            }
        }
        if (signals == 0) {
            return allow(stage);
        }
        double risk = InjectionScanner.risk(signals);
        String score = InjectionScanner.format(risk);
        String names = InjectionScanner.names(signals);
        Map<String, String> obligations = new TreeMap<>();
        obligations.put(RISK, score);
        obligations.put(SIGNALS, names);
        boolean over = risk >= p.threshold();
        String message = "prompt-injection risk " + score + (over ? " >= " : " < ") + "threshold "
                + InjectionScanner.format(p.threshold()) + ": " + names + " in " + roleNames(roles) + " content";
        PolicyDecision.Builder b = PolicyDecision.builder(this, stage).obligations(obligations).message(message);
        if (over && p.action() == Action.DENY) {
            return b.effect(PolicyDecision.Effect.DENY).reasonCode("prompt_injection_suspected").build();
        }
        return b.effect(PolicyDecision.Effect.ALLOW)
                .reasonCode(over ? "prompt_injection_suspected" : "injection_signals_below_threshold").build();
    }

    private static String roleNames(int roles) {
        StringBuilder sb = new StringBuilder();
        for (Role r : Role.values()) {
            if ((roles & (1 << r.ordinal())) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(r.name().toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }
}
