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
 * aims.telemetry.enabled=true                      # OpenTelemetry spans and metrics through aims-otel: when
 *                                                  #   unset, if an OpenTelemetry bean exists; true requires one
 *                                                  #   (the start fails without it); false: none
 * aims.micrometer.enabled=true                     # counters in the MeterRegistry, verdict on ChatClient spans
 * aims.quota-store.type=redis                      # where the policy file's budgets and rate limits count
 * aims.quota-store.uri=redis://10.0.0.7:6379       #   (in-process when unset; redis needs aims-redis)
 * aims.quota-store.on-unavailable=deny             #   deny (fail closed, default) or fallback (in-process)
 * aims.quota-store.timeout=50ms                    #   how long an operation waits for the store
 * aims.quota-store.password-env=AIMS_REDIS_PASSWORD #  environment variable holding the store's password
 * </pre>
 *
 * <p>The text of each {@code @param} below is the property's description in the IDE (the configuration
 * metadata is generated from it), so it is written for the person setting the property.
 *
 * @param enabled       Whether every ChatModel bean is governed by AIMS. Off by default.
 * @param provider      Provider name recorded for chat models whose class AIMS does not recognise (for example
 *                      openai, anthropic). Unset: taken from the model's class.
 * @param policyFile    The AIMS policy file (JSON or YAML, aims-core's policy format). Unset: no policy file.
 * @param policyReloadInterval How often the policy file is checked for changes and re-read. Unset: read once.
 * @param models        The model allow-list.
 * @param maxInputChars The largest number of characters a request may carry. Unset: no limit.
 * @param uninspectedContent What calls do with content AIMS cannot inspect (inline images and files, provider
 *                      options it cannot read): deny (the default) or allow, which every such call records.
 * @param restoreIntoTools Tools whose call arguments receive the real values behind pseudonyms. None by default,
 *                      so that a model cannot route a value to a tool unasked.
 * @param redaction     Redaction of personal data and secrets.
 * @param evidence      The tamper-evident evidence log.
 * @param telemetry     OpenTelemetry spans and metrics through aims-otel.
 * @param micrometer    AIMS's counters through Micrometer.
 * @param quotaStore    The shared store of the policy file's budgets and rate limits.
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
        @DefaultValue Micrometer micrometer,
        @DefaultValue QuotaStoreSettings quotaStore) {

    /** Normalises a missing tool list to an empty one and a missing choice to the default, deny. */
    public AimsProperties {
        uninspectedContent = uninspectedContent == null ? UninspectedContent.DENY : uninspectedContent;
        restoreIntoTools = restoreIntoTools == null ? List.of() : List.copyOf(restoreIntoTools);
    }

    /**
     * @param allow Models calls may use: exact names or globs (gpt-4o*). Empty: any model.
     */
    public record Models(List<String> allow) {
        /** Normalises a missing list to an empty one. */
        public Models {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * @param enabled         Whether calls are redacted: on by default, with AIMS's redactor (every built-in
     *                        entity type) unless the context declares a Redactor bean. false is the opt-out:
     *                        calls send personal data and secrets as the application wrote them, and every record,
     *                        span and evidence entry says so; it cannot be combined with a Redactor bean or with
     *                        operators.
     * @param defaultOperator Operator of the entity types without one of their own. PSEUDONYMIZE by default, so
     *                        that answers come back with the values restored.
     * @param operators       Operator per entity type (CREDIT_CARD=MASK). Keys are upper-cased and - becomes _,
     *                        so credit-card=mask works as well.
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
     * @param directory Directory of the evidence log (needs aims-evidence). Unset: no evidence log.
     */
    public record Evidence(Path directory) {
    }

    /**
     * @param enabled Whether calls are traced and measured with OpenTelemetry through aims-otel and the
     *                application's OpenTelemetry bean. Unset: when both are there. true: required, and the start
     *                fails without aims-otel or an OpenTelemetry bean. false: never.
     */
    public record Telemetry(Boolean enabled) {
        /** @return whether the property was set to true: telemetry is then required, not merely allowed */
        boolean required() {
            return Boolean.TRUE.equals(enabled);
        }
    }

    /**
     * @param enabled Whether AIMS's counters (aims.calls, aims.policy.decisions, aims.redactions,
     *                aims.restorations) are recorded in the application's MeterRegistry when AIMS's OpenTelemetry
     *                telemetry is not in use, and AIMS's verdict (aims.outcome, aims.policy.decisive.id) is added
     *                to Spring AI's ChatClient observations. On by default; false: never.
     */
    public record Micrometer(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The store that the policy file's budgets and rate limits count in when a rule names none: shared by every
     * instance of the application, so that a budget is one budget across the fleet. The same settings as a policy
     * file's {@code "store"}; the {@link dev.aims.core.policy.QuotaStoreProvider} of the type (aims-redis for
     * {@code redis}) must be on the class path.
     *
     * @param type          Store type, for example redis (needs aims-redis). Unset: budgets count in-process.
     * @param uri           Where the store is (redis://host:6379), without credentials.
     * @param onUnavailable What a check does while the store cannot be reached: deny (the default: fail closed)
     *                      or fallback (count in-process meanwhile, recorded on every decision).
     * @param timeout       How long an operation waits for the store. 50 ms by default.
     * @param passwordEnv   Environment variable holding the store's password. Unset: no password.
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
