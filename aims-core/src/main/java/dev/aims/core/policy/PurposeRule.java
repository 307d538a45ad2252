package dev.aims.core.policy;

import dev.aims.api.AiSystem;
import dev.aims.api.AiSystemRegistry;
import dev.aims.api.CallContext;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code purpose}: purpose binding (ISO/IEC 42001 A.9.4, intended use of the AI system). At PRE the call must declare
 * a purpose, name its AI system, and the purpose must be among that system's intended uses — taken from the
 * AI-system inventory given to the loader, or, for systems it does not hold, from the rule's {@code intendedUses}.
 */
final class PurposeRule extends RulePolicy {
    /** The rule's parameters: intended uses by system id, possibly empty when an inventory is used. */
    record Params(Map<String, List<String>> intendedUses) {
    }

    private final Params p;
    private final AiSystemRegistry inventory;

    PurposeRule(RuleSpec spec, List<RuleSpec> rivals, AiSystemRegistry inventory) {
        super(spec, rivals, PRE_ONLY);
        this.p = (Params) spec.params;
        this.inventory = inventory;
    }

    static Params parse(Fields f, Map<String, Object> canonical) {
        Fields uses = f.object("intendedUses", false);
        if (uses == null) {
            if (f.has("intendedUses")) {
                return null;
            }
            return new Params(Map.of());
        }
        Map<String, List<String>> out = new TreeMap<>();
        boolean ok = true;
        for (String system : uses.names()) {
            List<String> list = uses.strings(system, true, true);
            if (list == null) {
                ok = false;
            } else {
                out.put(system, List.copyOf(list));
            }
        }
        if (!ok) {
            return null;
        }
        Map<String, Object> canon = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            List<String> sorted = new java.util.ArrayList<>(e.getValue());
            sorted.sort(null);
            canon.put(e.getKey(), sorted);
        }
        canonical.put("intendedUses", canon);
        return new Params(Map.copyOf(out));
    }

    /** @return whether the rule can find any intended use: its own list or an inventory */
    static boolean hasSource(Params p, AiSystemRegistry inventory) {
        return !p.intendedUses().isEmpty() || inventory != null;
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        CallContext ctx = input.context();
        String system = ctx.systemId().orElse(null);
        if (system == null) {
            return deny(stage, "system_not_declared",
                    "the call names no AI system, so its purpose cannot be checked against intended uses");
        }
        String purpose = ctx.purpose().orElse(null);
        List<String> uses = uses(system);
        // The caller's own values are not echoed: a system id that is not registered, and any purpose, are free
        // text an application may have filled with anything. Registered ids and intended uses are configuration.
        if (purpose == null) {
            return deny(stage, "purpose_not_declared", "the call declares no purpose; "
                    + (uses == null ? "the AI system it names has no registered intended uses"
                    : "AI system '" + system + "' may be used for: " + String.join(", ", uses))
                    + " (ISO/IEC 42001 A.9.4)");
        }
        if (uses == null) {
            return deny(stage, "system_has_no_intended_uses", "the AI system the call names has no registered"
                    + " intended uses, so no purpose is allowed (ISO/IEC 42001 A.9.4)");
        }
        if (!uses.contains(purpose)) {
            return deny(stage, "purpose_not_intended", "the call's purpose is not an intended use of AI system '"
                    + system + "' (intended: " + String.join(", ", uses) + "; ISO/IEC 42001 A.9.4)");
        }
        return allow(stage);
    }

    private List<String> uses(String system) {
        if (inventory != null) {
            Optional<AiSystem> registered = inventory.find(system);
            if (registered.isPresent()) {
                return registered.get().intendedUses();
            }
        }
        return p.intendedUses().get(system);
    }
}
