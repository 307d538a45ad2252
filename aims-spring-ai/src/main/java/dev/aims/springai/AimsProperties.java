package dev.aims.springai;

import dev.aims.api.Operator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aims.*} properties of the auto-configuration.
 * <pre>
 * aims.enabled=true                                # wrap every ChatModel bean (off by default)
 * aims.provider=openai                             # provider name recorded when the model's class does not say
 * aims.policy-file=config/aims-policy.json         # the policy file (aims-core's policy format)
 * aims.policy-reload-interval=30s                  # re-read the policy file when it changes (off by default)
 * aims.models.allow=gpt-4o*,claude-*               # model allow-list (exact names or globs)
 * aims.max-input-chars=100000                      # largest request text
 * aims.redaction.enabled=true                     # AIMS's redactor, unless a Redactor bean is declared
 * aims.redaction.default-operator=PSEUDONYMIZE     # operator of the types without one of their own
 * aims.redaction.operators.CREDIT_CARD=MASK        # operator per entity type
 * aims.evidence.directory=/var/lib/app/evidence    # evidence log (needs aims-evidence)
 * aims.telemetry.enabled=true                      # OpenTelemetry spans and metrics when aims-otel is present
 * </pre>
 *
 * @param enabled       whether every {@code ChatModel} bean is governed
 * @param provider      the provider name recorded for models whose class AIMS does not recognise, or null
 * @param policyFile    the policy file, or null
 * @param policyReloadInterval how often the policy file is checked for changes, or null to read it once
 * @param models        the model allow-list
 * @param maxInputChars the largest number of characters a request may carry, or null for no limit
 * @param redaction     redaction settings
 * @param evidence      evidence-log settings
 * @param telemetry     telemetry settings
 */
@ConfigurationProperties("aims")
public record AimsProperties(
        @DefaultValue("false") boolean enabled,
        String provider,
        Path policyFile,
        Duration policyReloadInterval,
        @DefaultValue Models models,
        Long maxInputChars,
        @DefaultValue Redaction redaction,
        @DefaultValue Evidence evidence,
        @DefaultValue Telemetry telemetry) {

    /**
     * @param allow the models calls may use, exact names or globs; empty for no allow-list
     */
    public record Models(List<String> allow) {
        /** Normalises a missing list to an empty one. */
        public Models {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * @param enabled         whether AIMS's redactor ({@code AimsRedactor}, every built-in type) is used when the
     *                        context declares no {@code Redactor} bean
     * @param defaultOperator the operator of the types without one of their own; {@code PSEUDONYMIZE}, so that
     *                        answers come back with the values restored
     * @param operators       the operator per entity type ({@code CREDIT_CARD=MASK}); keys are upper-cased and
     *                        {@code -} becomes {@code _}, so {@code credit-card=mask} works as well
     */
    public record Redaction(@DefaultValue("true") boolean enabled, @DefaultValue("PSEUDONYMIZE") Operator
            defaultOperator, Map<String, Operator> operators) {
        /** Normalises the entity type names and a missing map. */
        public Redaction {
            defaultOperator = defaultOperator == null ? Operator.PSEUDONYMIZE : defaultOperator;
            Map<String, Operator> normalised = new TreeMap<>();
            if (operators != null) {
                operators.forEach((type, op) -> normalised.put(type.toUpperCase(Locale.ROOT).replace('-', '_'), op));
            }
            operators = Collections.unmodifiableMap(normalised);
        }
    }

    /**
     * @param directory the directory of the evidence log, or null for none
     */
    public record Evidence(Path directory) {
    }

    /**
     * @param enabled whether calls are traced and measured with OpenTelemetry when {@code aims-otel} is present
     */
    public record Telemetry(@DefaultValue("true") boolean enabled) {
    }
}
