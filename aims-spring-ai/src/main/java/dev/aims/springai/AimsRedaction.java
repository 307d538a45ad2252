package dev.aims.springai;

import dev.aims.api.Operator;
import dev.aims.api.RedactionSession;
import dev.aims.api.Redactor;
import java.util.HashMap;
import java.util.Map;

/**
 * The one redactor of the auto-configuration: every governed call redacts with it and the policy file is loaded
 * with it, so the rules that need findings and the calls cannot use different ones. It is AIMS's own redactor
 * (built from {@code aims.redaction.*}) unless the application declares a {@link Redactor} bean, which then gets the
 * operators of {@code aims.redaction.operators} too. {@code aims.redaction.enabled=false} — the opt-out — makes it
 * {@link Redactor#none()}, which every record, span and evidence entry of the calls then shows.
 */
final class AimsRedaction {
    /** The name of the auto-configuration's own redactor bean, which applies the operators itself. */
    static final String OWN_BEAN = "aimsRedactor";

    private final Redactor redactor;

    /**
     * @param settings the {@code aims.redaction.*} properties
     * @param bean     the context's {@link Redactor} bean, or null
     * @param own      whether {@code bean} is the auto-configuration's own (the operators are applied already)
     * @throws IllegalStateException naming the property when the settings contradict each other
     */
    AimsRedaction(AimsProperties.Redaction settings, Redactor bean, boolean own) {
        Map<String, Operator> operators = settings.operators();
        if (!settings.enabled()) {
            if (bean != null) {
                throw new IllegalStateException("aims.redaction.enabled=false turns redaction off, but a Redactor"
                        + " bean (" + bean.getClass().getName() + ") is declared; remove one of them");
            }
            if (!operators.isEmpty()) {
                throw new IllegalStateException("aims.redaction.operators is set (" + operators.keySet()
                        + ") but aims.redaction.enabled=false turns redaction off");
            }
            this.redactor = Redactor.none();
        } else if (bean == null) {
            throw new IllegalStateException("aims.redaction.enabled is true but no Redactor bean exists");
        } else {
            this.redactor = own || operators.isEmpty() ? bean : withOperators(bean, operators);
        }
    }

    /** @return the redactor of the calls and of the policy file; {@link Redactor#none()} when redaction is off */
    Redactor redactor() {
        return redactor;
    }

    /** Opens sessions with the configured operators; operators a policy obliges for one call win over them. */
    private static Redactor withOperators(Redactor redactor, Map<String, Operator> configured) {
        return new Redactor() {
            @Override
            public RedactionSession open(Map<String, Operator> overrides) {
                if (overrides.isEmpty()) {
                    return redactor.open(configured);
                }
                Map<String, Operator> merged = new HashMap<>(configured);
                merged.putAll(overrides);
                return redactor.open(merged);
            }

            @Override
            public String toString() {
                return redactor + " with operators " + configured.keySet();
            }
        };
    }
}
