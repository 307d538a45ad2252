package dev.aims.springai;

import dev.aims.api.AiSystemRegistry;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.Policy;
import dev.aims.api.PolicySource;
import dev.aims.api.Redactor;
import dev.aims.api.PolicySet;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.QuotaStore;
import dev.aims.core.policy.QuotaStoreProvider;
import dev.aims.core.policy.ReloadingPolicySource;
import dev.aims.evidence.EvidenceLog;
import dev.aims.otel.AimsTelemetry;
import dev.aims.redact.AimsRedactor;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Governs every Spring AI {@link ChatModel} bean when {@code aims.enabled=true}: each is replaced by its governed
 * decorator (inject {@code ChatModel}, not the provider's class). The governance is built from the
 * {@link AimsProperties} and from the AIMS beans of the context, all optional: a {@link Redactor} (AIMS's own by
 * default: with {@code aims.enabled=true} and nothing else, every call is redacted;
 * {@code aims.redaction.enabled=false} is the explicit opt-out, recorded on every call), which the policy file is
 * loaded with too; {@link Policy} beans, after the allow-list and size limit of the properties; a {@link PolicySource}
 * or, for {@code aims.policy-file}, the {@link AimsPolicyFileLoader} (aims-core's loader by default);
 * {@link CallInterceptor} and {@link CallObserver} beans, in their declared order — among them the evidence log of
 * {@code aims.evidence.directory} (with aims-evidence) — after the telemetry of aims-otel through the application's
 * {@code OpenTelemetry} bean (see {@link AimsProperties.Telemetry}); an {@link AiSystemRegistry} as inventory; a
 * {@link QuotaStore}, which the policy file's budgets and rate limits count in — the one of
 * {@code aims.quota-store.*} (Redis with aims-redis) unless the application declares its own.
 */
@AutoConfiguration
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBooleanProperty(prefix = "aims", name = "enabled")
@EnableConfigurationProperties(AimsProperties.class)
public final class AimsAutoConfiguration {
    /** Created by Spring. */
    public AimsAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    AimsGovernance aimsGovernance(AimsProperties properties, AimsRedaction redaction,
            ObjectProvider<Policy> policies, ObjectProvider<PolicySource> policySource,
            ObjectProvider<AimsPolicyFileLoader> loader, ObjectProvider<CallObserver> observers,
            ObjectProvider<CallInterceptor> interceptors, ObjectProvider<AiSystemRegistry> inventory,
            ObjectProvider<AimsTelemetrySource> telemetry, ObjectProvider<ToolCallingManager> tools,
            ObjectProvider<ToolCallbackResolver> toolResolver, ApplicationContext context) {
        // Settings of a store without a type would otherwise be ignored in silence.
        properties.quotaStore().toSpec();
        AimsGovernance governance = new AimsGovernance(properties, redaction.redactor(),
                policies.orderedStream().toList(), policySource.getIfAvailable(), loader.getIfAvailable(),
                observers.orderedStream().toList(), interceptors.orderedStream().toList(), inventory.getIfAvailable(),
                telemetry.orderedStream().toList(), context.getClassLoader());
        governance.tools = tools.getIfAvailable();
        governance.toolResolver = toolResolver.getIfAvailable();
        return governance;
    }

    /**
     * AIMS's redactor, every built-in type, with the operators of {@code aims.redaction.*}: on unless
     * {@code aims.redaction.enabled=false}; a {@link Redactor} bean of the application's replaces it.
     */
    @Bean(AimsRedaction.OWN_BEAN)
    @ConditionalOnMissingBean(Redactor.class)
    @ConditionalOnBooleanProperty(name = "aims.redaction.enabled", matchIfMissing = true)
    AimsRedactor aimsRedactor(AimsProperties properties) {
        try {
            AimsRedactor.Builder b = AimsRedactor.builder().defaultOperator(properties.redaction().defaultOperator());
            properties.redaction().operators().forEach(b::operator);
            return b.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalStateException("aims.redaction is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The one redactor of the calls and of the policy file ({@link AimsRedaction}): the {@link Redactor} bean with
     * the operators of {@code aims.redaction.operators}, or none when {@code aims.redaction.enabled=false}.
     */
    @Bean
    AimsRedaction aimsRedaction(AimsProperties properties, ObjectProvider<Redactor> redactor,
            ListableBeanFactory beans) {
        Redactor bean = redactor.getIfAvailable();
        boolean own = Arrays.asList(beans.getBeanNamesForType(Redactor.class))
                .equals(List.of(AimsRedaction.OWN_BEAN));
        return new AimsRedaction(properties.redaction(), bean, own);
    }

    /**
     * Reads {@code aims.policy-file} with aims-core's policy loader — its rules scan with the redactor the calls use
     * ({@link AimsRedaction}), purpose rules consult the {@link AiSystemRegistry} bean — re-reading it every
     * {@code aims.policy-reload-interval} when that is set; an {@link AimsPolicyFileLoader} bean replaces it.
     */
    @Bean
    @ConditionalOnMissingBean
    AimsPolicyFileLoader aimsPolicyFileLoader(AimsProperties properties, AimsRedaction redaction,
            ObjectProvider<AiSystemRegistry> inventory, ObjectProvider<QuotaStore> quotaStore) {
        return file -> {
            PolicyLoader.Builder builder = PolicyLoader.builder();
            if (redaction.redactor() != Redactor.none()) {
                // With redaction off, a rule that must scan fails to load rather than scan with nothing.
                builder.redactor(redaction.redactor());
            }
            inventory.ifAvailable(builder::inventory);
            quotaStore.ifAvailable(builder::quotaStore);
            PolicyLoader loader = builder.build();
            ReloadingPolicySource.Builder source = ReloadingPolicySource.builder(file, loader);
            if (properties.policyReloadInterval() != null) {
                source.checkEvery(properties.policyReloadInterval());
            }
            try {
                return new LoaderClosingSource(source.build(), loader);
            } catch (IOException e) {
                loader.close();
                throw new UncheckedIOException("aims.policy-file '" + file + "' cannot be read: "
                        + e.getClass().getName(), e);
            }
        };
    }

    /**
     * The store of {@code aims.quota-store.*}, created by the provider of its type (aims-redis for {@code redis});
     * closed with the context. A {@link QuotaStore} bean of the application's replaces it.
     */
    @Bean
    @ConditionalOnMissingBean(QuotaStore.class)
    @ConditionalOnProperty(name = "aims.quota-store.type")
    QuotaStore aimsQuotaStore(AimsProperties properties) {
        try {
            return QuotaStoreProvider.createStore(properties.quotaStore().toSpec());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("aims.quota-store is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The policy file's source, which also closes the stores its loader created for rules that name their own
     * ({@code "store": {…}}) when the governance closes.
     */
    static final class LoaderClosingSource implements PolicySource, AutoCloseable {
        private final ReloadingPolicySource source;
        private final PolicyLoader loader;

        LoaderClosingSource(ReloadingPolicySource source, PolicyLoader loader) {
            this.source = source;
            this.loader = loader;
        }

        @Override
        public PolicySet current() {
            return source.current();
        }

        @Override
        public void close() {
            try {
                source.close();
            } finally {
                loader.close();
            }
        }
    }

    /** The evidence log of {@code aims.evidence.directory}, when aims-evidence is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = AimsGovernance.EVIDENCE_CLASS)
    @ConditionalOnProperty(name = "aims.evidence.directory")
    static class Evidence {
        @Bean(destroyMethod = "close")
        EvidenceLog aimsEvidenceLog(AimsProperties properties) throws IOException {
            return EvidenceLog.builder().directory(properties.evidence().directory()).build();
        }
    }

    /**
     * Spans and metrics through aims-otel and the application's {@link OpenTelemetry} bean, when aims-otel is on the
     * class path and {@code aims.telemetry.enabled} is not false. Without such a bean nothing is traced; with
     * {@code aims.telemetry.enabled=true} the start then fails instead (see {@link AimsGovernance}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {AimsGovernance.TELEMETRY_CLASS, "io.opentelemetry.api.OpenTelemetry"})
    @ConditionalOnBooleanProperty(name = "aims.telemetry.enabled", matchIfMissing = true)
    static class Telemetry {
        @Bean
        @Order(0)
        AimsTelemetrySource aimsOpenTelemetry(ObjectProvider<OpenTelemetry> openTelemetry) {
            return new AimsTelemetrySource() {
                @Override
                public String name() {
                    return "opentelemetry";
                }

                @Override
                public CallObserver observer() {
                    OpenTelemetry otel = openTelemetry.getIfAvailable();
                    return otel == null ? null : AimsTelemetry.create(otel).observer();
                }
            };
        }
    }

    /**
     * AIMS's counters through the application's {@code MeterRegistry} ({@link AimsMeters}), when Micrometer is on
     * the class path and {@code aims.micrometer.enabled} is not false — used only when aims-otel's telemetry is
     * not, so that nothing is counted twice.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBooleanProperty(name = "aims.micrometer.enabled", matchIfMissing = true)
    static class Micrometer {
        @Bean
        @Order(1)
        AimsTelemetrySource aimsMicrometer(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
            return new AimsTelemetrySource() {
                @Override
                public String name() {
                    return "micrometer";
                }

                @Override
                public CallObserver observer() {
                    io.micrometer.core.instrument.MeterRegistry r = registry.getIfAvailable();
                    return r == null ? null : new AimsMeters(r);
                }
            };
        }
    }

    /**
     * AIMS's verdict on Spring AI's own {@code ChatClient} observations ({@link AimsObservations}): the outcome and
     * the deciding policy as low-cardinality key values, and a filter (applied by Boot to its
     * {@code ObservationRegistry}) that gives observations without a governed call the same keys. Not with
     * {@code aims.micrometer.enabled=false}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    @ConditionalOnBooleanProperty(name = "aims.micrometer.enabled", matchIfMissing = true)
    static class Observations {
        @Bean
        AimsObservations aimsObservations(ObjectProvider<ObservationRegistry> registry) {
            return new AimsObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
        }

        @Bean
        ObservationFilter aimsObservationDefaults() {
            return AimsObservations.defaults();
        }
    }

    @Bean
    static ChatModelGovernor aimsChatModelGovernor(ObjectProvider<AimsGovernance> governance) {
        return new ChatModelGovernor(governance);
    }
}
