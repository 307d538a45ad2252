package dev.aims.core.policy;

import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import dev.aims.core.ModelAllowList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code model-allow-list}: at PRE, the requested model must match one of {@code models} (names or globs). */
final class ModelAllowListRule extends RulePolicy {
    /** @param models the names and globs, in file order */
    record Params(List<String> models) {
    }

    private final ModelAllowList list;
    private final String allowed;

    ModelAllowListRule(RuleSpec spec, List<RuleSpec> rivals) {
        super(spec, rivals, PRE_ONLY);
        Params p = (Params) spec.params;
        this.list = ModelAllowList.of(spec.id, spec.version, p.models());
        this.allowed = String.join(", ", p.models());
    }

    static Params parse(Fields f, Map<String, Object> canonical) {
        List<String> models = f.strings("models", true, true);
        if (models == null) {
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < models.size(); i++) {
            String bad = Scope.badGlob(models.get(i));
            if (bad != null) {
                f.problems().add(f.path("models") + "[" + i + "]", bad + ", but was " + Fields.show(models.get(i)));
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        List<String> sorted = new ArrayList<>(models);
        sorted.sort(null);
        canonical.put("models", sorted);
        return new Params(List.copyOf(models));
    }

    @Override
    PolicyDecision decide(PolicyInput input, PolicyStage stage) {
        String model = input.request().model();
        if (list.allows(model)) {
            return allow(stage);
        }
        return deny(stage, "model_not_allowed", "model '" + model + "' is not allowed here (allowed: " + allowed
                + ")");
    }
}
