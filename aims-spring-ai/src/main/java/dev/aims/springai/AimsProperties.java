package dev.aims.springai;

import dev.aims.api.Operator;
import dev.aims.core.UninspectedContent;
import dev.aims.core.policy.QuotaStoreSpec;
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
 * aims.uninspected-content=deny                    # deny (default) or allow (recorded) what AIMS cannot read:
 *                                                  #   inline media, options of classes it does not know
 * aims.restore-into-tools=lookupOrder              # tools whose arguments get the real values behind pseudonyms
 * aims.redaction.enabled=true                      # on by default; false is the opt-out: nothing redacted
 *                                                  #   (recorded on every call); AIMS's redactor unless a
 *                                                  #   Redactor bean is declared
 * aims.redaction.default-operator=PSEUDONYMIZE     # operator of the types without one of their own
 * aims.redaction.operators.CREDIT_CARD=MASK        # operator per entity type
 * aims.evidence.directory=/var/lib/app/evidence    # evidence log (needs aims-evidence)
 * aims.telemetry.enabled=true                      # OpenTelemetry spans and metrics when aims-otel is present
 * aims.quota-store.type=redis                      # where the policy file's budgets and rate limits count
 * aims.quota-store.uri=redis://10.0.0.7:6379       #   (in-process when unset; redis needs aims-redis)
 * aims.quota-store.on-unavailable=deny             #   deny (fail closed, default) or fallback (in-process)
 * aims.quota-store.timeout=50ms                    #   how long an operation waits for the store
 * aims.quota-store.password-env=AIMS_REDIS_PASSWORD #  environment variable holding the store's password
 * </pre>
 *
 * @param enabled       whether every {@code ChatModel} bean is governed
 * @param provider      the provider name recorded for models whose class AIMS does not recognise, or null
 * @param policyFile    the policy file, or null
 * @param policyReloadInterval how often the policy file is checked for changes, or null to read it once
 * @param models        the model allow-list
 * @param maxInputChars the largest number of characters a request may carry, or null for no limit
 * @param uninspectedContent what calls do with what AIMS cannot inspect (inline images and files, provider options
 *                      it cannot read): {@code deny} (the default) or {@code allow}, recorded on every such call
 * @param restoreIntoTools the tools whose call arguments receive the real values behind pseudonyms; none by
 *                      default, so that a model cannot route a value to a tool unasked
 * @param redaction     redaction settings
 * @param evidence      evidence-log settings
 * @param telemetry     telemetry settings
 * @param quotaStore    the shared store of budgets and rate limits
 */
@ConfigurationProperties("aims")
public record AimsProperties(
        @DefaultValue("false") boolean enabled,
        String provider,
        Path policyFile,
        Duration policyReloadInterval,
        @DefaultValue Models models,
        Long maxInputChars,
        @DefaultValue("deny") UninspectedContent uninspectedContent,
        List<String> restoreIntoTools,
        @DefaultValue Redaction redaction,
        @DefaultValue Evidence evidence,
        @DefaultValue Telemetry telemetry,
        @DefaultValue QuotaStoreSettings quotaStore) {

    /** Normalises a missing tool list to an empty one and a missing choice to the default, deny. */
    public AimsProperties {
        uninspectedContent = uninspectedContent == null ? UninspectedContent.DENY : uninspectedContent;
        restoreIntoTools = restoreIntoTools == null ? List.of() : List.copyOf(restoreIntoTools);
    }

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
     * @param enabled         whether calls are redacted (true by default): with AIMS's redactor
     *                        ({@code AimsRedactor}, every built-in type) unless the context declares a
     *                        {@code Redactor} bean; {@code false} is the opt-out — calls send personal data and
     *                        secrets as the application wrote them, and every record, span and evidence entry says
     *                        so; it cannot be combined with a {@code Redactor} bean or with operators
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

    /**
     * The store that the policy file's budgets and rate limits count in when a rule names none: shared by every
     * instance of the application, so that a budget is one budget across the fleet. The same settings as a policy
     * file's {@code "store"}; the {@link dev.aims.core.policy.QuotaStoreProvider} of the type (aims-redis for
     * {@code redis}) must be on the class path.
     *
     * @param type          the store type, e.g. {@code redis}; null for the in-process store
     * @param uri           where the store is, without credentials
     * @param onUnavailable {@code deny} (the default: fail closed) or {@code fallback} (count in-process meanwhile,
     *                      recorded on every decision)
     * @param timeout       how long an operation waits for the store; 50 ms by default
     * @param passwordEnv   the environment variable holding the store's password, or null
     */
    public record QuotaStoreSettings(String type, String uri, QuotaStoreSpec.OnUnavailable onUnavailable,
            Duration timeout, String passwordEnv) {
        /**
         * @return the settings as aims-core takes them, or null when no type is set
         * @throws IllegalStateException naming the property when the settings are incomplete or malformed
         */
        public QuotaStoreSpec toSpec() {
            if (type == null) {
                if (uri != null || onUnavailable != null || timeout != null || passwordEnv != null) {
                    throw new IllegalStateException("aims.quota-store.type must be set (e.g. redis) when other"
                            + " aims.quota-store properties are");
                }
                return null;
            }
            if (uri == null) {
                throw new IllegalStateException("aims.quota-store.uri must be set for the " + type + " store");
            }
            try {
                QuotaStoreSpec.Builder b = QuotaStoreSpec.builder(type, uri);
                if (onUnavailable != null) {
                    b.onUnavailable(onUnavailable);
                }
                if (timeout != null) {
                    b.timeout(timeout);
                }
                if (passwordEnv != null) {
                    b.passwordEnv(passwordEnv);
                }
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("aims.quota-store." + e.getMessage(), e);
            }
        }
    }
}
