package dev.aims.core.policy;

import dev.aims.api.CallRecord;
import dev.aims.api.Policy;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicyInput;
import dev.aims.api.PolicyStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule loaded from a policy file, as an ordinary {@link Policy}: scope, precedence and shadow mode are handled
 * here, once for every type; the type decides only for calls it governs.
 *
 * <p>Every evaluation yields a recorded decision: {@code out_of_scope} when the call is outside the rule's scope,
 * {@code superseded} when a more specific rule of the same kind is in scope, the type's decision otherwise. In
 * shadow mode a decision that would deny or change the call becomes a shadow ALLOW ("would deny"); redaction
 * and restoration obligations are renamed {@code shadow.redact.operator.*}, {@code shadow.restore.tools} so that
 * the redaction step does not act on them. The
 * decisions that do not depend on the call are built once, so that the allow path allocates nothing.
 */
abstract class RulePolicy implements Policy {
    static final Set<PolicyStage> PRE_ONLY = Set.of(PolicyStage.PRE);
    static final Set<PolicyStage> POST_ONLY = Set.of(PolicyStage.POST);
    static final Set<PolicyStage> PRE_AND_PRE_SEND = Set.of(PolicyStage.PRE, PolicyStage.PRE_SEND);

    private static final int STAGES = PolicyStage.values().length;
    private static final String SHADOW_PREFIX = "shadow.";

    final RuleSpec spec;
    /** The rules of this rule's group that win over it when in scope, strongest first. */
    final List<RuleSpec> rivals;
    private final Set<PolicyStage> stages;
    private final PolicyDecision[] allow = new PolicyDecision[STAGES];
    private final PolicyDecision[] outOfScope = new PolicyDecision[STAGES];
    private final PolicyDecision[][] superseded;

    RulePolicy(RuleSpec spec, List<RuleSpec> rivals, Set<PolicyStage> stages) {
        this.spec = spec;
        this.rivals = List.copyOf(rivals);
        this.stages = stages;
        this.superseded = new PolicyDecision[rivals.size()][STAGES];
        for (PolicyStage stage : stages) {
            int s = stage.ordinal();
            allow[s] = PolicyDecision.allow(this, stage);
            outOfScope[s] = PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW)
                    .reasonCode("out_of_scope").message("the call is outside the rule's scope").build();
            for (int r = 0; r < rivals.size(); r++) {
                superseded[r][s] = PolicyDecision.builder(this, stage).effect(PolicyDecision.Effect.ALLOW)
                        .reasonCode("superseded").message("the more specific rule '" + rivals.get(r).id
                                + "' governs this call").build();
            }
        }
    }

    @Override
    public final String id() {
        return spec.id;
    }

    @Override
    public final String version() {
        return spec.version;
    }

    @Override
    public final Set<PolicyStage> stages() {
        return stages;
    }

    /** @return the rule's canonical JSON form, so that the policy-set hash changes with any change of a rule */
    @Override
    public final String fingerprint() {
        return spec.fingerprint;
    }

    @Override
    public final PolicyDecision evaluate(PolicyInput input) {
        PolicyStage stage = input.stage();
        if (!spec.scope.matches(input)) {
            return outOfScope[stage.ordinal()];
        }
        PolicyDecision d = inScope(input, stage);
        return spec.shadow ? shadow(d) : d;
    }

    /** Decides for a call in scope; by default the first rival in scope supersedes the whole rule. */
    PolicyDecision inScope(PolicyInput input, PolicyStage stage) {
        int rival = rivalInScope(input);
        if (rival >= 0) {
            return superseded[rival][stage.ordinal()];
        }
        return decide(input, stage);
    }

    /** @return the index of the strongest rival in scope, or -1 */
    final int rivalInScope(PolicyInput input) {
        for (int i = 0; i < rivals.size(); i++) {
            if (rivals.get(i).scope.matches(input)) {
                return i;
            }
        }
        return -1;
    }

    /** Decides for a call this rule governs. */
    abstract PolicyDecision decide(PolicyInput input, PolicyStage stage);

    final PolicyDecision superseded(int rival, PolicyStage stage) {
        return superseded[rival][stage.ordinal()];
    }

    final PolicyDecision allow(PolicyStage stage) {
        return allow[stage.ordinal()];
    }

    final PolicyDecision deny(PolicyStage stage, String reasonCode, String message) {
        return PolicyDecision.deny(this, stage, reasonCode, message);
    }

    /** @return this rule's decision at {@code stage} in the record, or null when it did not decide there */
    final PolicyDecision decisionIn(CallRecord record, PolicyStage stage) {
        List<PolicyDecision> decisions = record.decisions();
        for (int i = 0; i < decisions.size(); i++) {
            PolicyDecision d = decisions.get(i);
            if (d.stage() == stage && d.policyId().equals(spec.id)) {
                return d;
            }
        }
        return null;
    }

    private PolicyDecision shadow(PolicyDecision d) {
        boolean redacts = hasRedactObligation(d.obligations());
        if (d.effect() == PolicyDecision.Effect.ALLOW && !redacts) {
            return d;
        }
        Map<String, String> obligations = d.obligations();
        if (redacts) {
            obligations = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : d.obligations().entrySet()) {
                boolean redact = acts(e.getKey());
                obligations.put(redact ? SHADOW_PREFIX + e.getKey() : e.getKey(), e.getValue());
            }
        }
        String would = d.effect() == PolicyDecision.Effect.DENY ? "would deny" : "would change the call";
        return PolicyDecision.builder(this, d.stage()).effect(PolicyDecision.Effect.DENY)
                .reasonCode(d.reasonCode()).message("shadow mode, " + would + ": " + d.message())
                .obligations(obligations).build().asShadow();
    }

    /** @return whether a later stage acts on this obligation, which a shadow rule must therefore rename */
    private static boolean acts(String key) {
        return key.startsWith(PolicyDecision.REDACT_OPERATOR_OBLIGATION)
                || key.equals(PolicyDecision.RESTORE_TOOLS_OBLIGATION);
    }

    private static boolean hasRedactObligation(Map<String, String> obligations) {
        if (obligations.isEmpty()) {
            return false;
        }
        for (String key : obligations.keySet()) {
            if (acts(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + spec + "}";
    }
}
