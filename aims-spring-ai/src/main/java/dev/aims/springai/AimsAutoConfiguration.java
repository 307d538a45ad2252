package dev.aims.springai;

import dev.aims.api.AiSystemRegistry;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.Policy;
import dev.aims.api.PolicySource;
import dev.aims.api.Redactor;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Governs every Spring AI {@link ChatModel} bean when {@code aims.enabled=true}: each is replaced by its governed
 * decorator (inject {@code ChatModel}, not the provider's class). The governance is built from the
 * {@link AimsProperties} and from the AIMS beans of the context, all optional: a {@link Redactor}; {@link Policy}
 * beans, after the allow-list and size limit of the properties; a {@link PolicySource} or, for
 * {@code aims.policy-file}, an {@link AimsPolicyFileLoader}; {@link CallInterceptor} and {@link CallObserver} beans
 * (telemetry, evidence log), in their declared order; an {@link AiSystemRegistry} as inventory.
 */
@AutoConfiguration
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBooleanProperty(prefix = "aims", name = "enabled")
@EnableConfigurationProperties(AimsProperties.class)
public final class AimsAutoConfiguration {
    /** Created by Spring. */
    public AimsAutoConfiguration() {
    }

    @Bean
    AimsGovernance aimsGovernance(AimsProperties properties, ObjectProvider<Redactor> redactor,
            ObjectProvider<Policy> policies, ObjectProvider<PolicySource> policySource,
            ObjectProvider<AimsPolicyFileLoader> loader, ObjectProvider<CallObserver> observers,
            ObjectProvider<CallInterceptor> interceptors, ObjectProvider<AiSystemRegistry> inventory) {
        return new AimsGovernance(properties, redactor.getIfAvailable(), policies.orderedStream().toList(),
                policySource.getIfAvailable(), loader.getIfAvailable(), observers.orderedStream().toList(),
                interceptors.orderedStream().toList(), inventory.getIfAvailable(), getClass().getClassLoader());
    }

    @Bean
    static ChatModelGovernor aimsChatModelGovernor(ObjectProvider<AimsGovernance> governance) {
        return new ChatModelGovernor(governance);
    }
}
