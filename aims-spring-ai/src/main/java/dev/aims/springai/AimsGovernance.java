package dev.aims.springai;

import dev.aims.api.AiSystemRegistry;
import dev.aims.api.CallInterceptor;
import dev.aims.api.CallObserver;
import dev.aims.api.Policy;
import dev.aims.api.PolicySource;
import dev.aims.api.Redactor;
import dev.aims.core.GovernedClient;
import dev.aims.core.MaxInputSize;
import dev.aims.core.ModelAllowList;
import dev.aims.core.UninspectedContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;

/**
 * The governance the auto-configuration applies to every {@code ChatModel} bean, assembled once from the
 * {@code aims.*} properties and the AIMS beans of the context, and checked when the application starts: a property
 * that cannot take effect fails the start-up, naming the property and its value, instead of leaving calls less
 * governed than configured.
 */
final class AimsGovernance {
    static final String EVIDENCE_CLASS = "dev.aims.evidence.EvidenceLog";
    static final String TELEMETRY_CLASS = "dev.aims.otel.AimsTelemetry";

    private final String provider;
    private final Redactor redactor;
    private final List<Policy> policies;
    private final PolicySource policySource;
    private final List<CallObserver> observers;
    private final List<CallInterceptor> interceptors;
    private final AiSystemRegistry inventory;
    private final UninspectedContent uninspected;
    private final List<String> restoreIntoTools;
    /** The context's tool-calling manager (it resolves tools by name), for lines whose models run tools. */
    volatile ToolCallingManager tools;
    /** The context's tool resolver, for tools given by name (Spring AI 1.1): resolved before the call. */
    volatile ToolCallbackResolver toolResolver;

    AimsGovernance(AimsProperties properties, Redactor redactor, List<Policy> policies, PolicySource policySource,
            AimsPolicyFileLoader loader, List<CallObserver> observers, List<CallInterceptor> interceptors,
            AiSystemRegistry inventory, List<AimsTelemetrySource> telemetry, ClassLoader classLoader) {
        this.provider = properties.provider() == null || properties.provider().isBlank() ? null
                : properties.provider();
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.uninspected = properties.uninspectedContent();
        this.restoreIntoTools = properties.restoreIntoTools();
        List<Policy> all = new ArrayList<>();
        if (!properties.models().allow().isEmpty()) {
            try {
                all.add(ModelAllowList.of("model-allow-list", "1", properties.models().allow()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("aims.models.allow is invalid (" + properties.models().allow()
                        + "): " + e.getMessage(), e);
            }
        }
        if (properties.maxInputChars() != null) {
            if (properties.maxInputChars() <= 0) {
                throw new IllegalArgumentException("aims.max-input-chars must be > 0, but was "
                        + properties.maxInputChars());
            }
            all.add(MaxInputSize.chars(properties.maxInputChars()));
        }
        all.addAll(policies);
        this.policies = List.copyOf(all);
        this.policySource = policySource(properties, policySource, loader);
        if (properties.evidence().directory() != null && !present(EVIDENCE_CLASS, classLoader)) {
            throw new IllegalStateException("aims.evidence.directory is set to '" + properties.evidence().directory()
                    + "' but aims-evidence is not on the class path, so nothing would write the evidence log");
        }
        this.observers = observers(properties, telemetry, observers, classLoader);
        this.interceptors = List.copyOf(interceptors);
        this.inventory = inventory;
    }

    private static PolicySource policySource(AimsProperties properties, PolicySource bean,
            AimsPolicyFileLoader loader) {
        if (properties.policyFile() == null) {
            return bean;
        }
        if (bean != null) {
            throw new IllegalStateException("aims.policy-file is set to '" + properties.policyFile()
                    + "' and a PolicySource bean is declared too; keep one of them");
        }
        if (loader == null) {
            throw new IllegalStateException("aims.policy-file is set to '" + properties.policyFile()
                    + "' but no AimsPolicyFileLoader bean can read it");
        }
        PolicySource source = loader.load(properties.policyFile());
        if (source == null) {
            throw new IllegalStateException("the AimsPolicyFileLoader returned no policies for aims.policy-file '"
                    + properties.policyFile() + "'");
        }
        return source;
    }

    /**
     * The telemetry observer first, so that its span is current while the other observers start, then the
     * observers of the context. Telemetry comes from the first source that can observe.
     *
     * @throws IllegalStateException when {@code aims.telemetry.enabled=true} cannot take effect: without aims-otel,
     *                               or without an {@code OpenTelemetry} bean, nothing would receive the spans
     */
    private static List<CallObserver> observers(AimsProperties properties, List<AimsTelemetrySource> sources,
            List<CallObserver> beans, ClassLoader classLoader) {
        List<CallObserver> all = new ArrayList<>(beans.size() + 1);
        String chosen = null;
        for (AimsTelemetrySource source : sources) {
            CallObserver observer = source.observer();
            if (observer != null) {
                all.add(observer);
                chosen = source.name();
                break;
            }
        }
        if (properties.telemetry().required() && !"opentelemetry".equals(chosen)) {
            if (!present(TELEMETRY_CLASS, classLoader)) {
                throw new IllegalStateException("aims.telemetry.enabled is true but aims-otel is not on the class"
                        + " path, so nothing would emit the spans and metrics; add dev.aims:aims-otel, or remove the"
                        + " property");
            }
            throw new IllegalStateException("aims.telemetry.enabled is true but the context has no OpenTelemetry"
                    + " bean, so the spans and metrics would go nowhere; declare one (with the OpenTelemetry Java"
                    + " agent: GlobalOpenTelemetry.get()), or remove the property to trace only when one exists");
        }
        all.addAll(beans);
        return List.copyOf(all);
    }

    private static boolean present(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Applies the governance to a builder. */
    void configure(GovernedClient.Builder b) {
        if (provider != null) {
            b.provider(provider);
        }
        b.redactor(redactor).uninspectedContent(uninspected);
        if (!restoreIntoTools.isEmpty()) {
            b.restoreIntoTools(restoreIntoTools.toArray(new String[0]));
        }
        b.policies(policies);
        if (policySource != null) {
            b.policySource(policySource);
        }
        if (inventory != null) {
            b.inventory(inventory);
        }
        for (CallInterceptor i : interceptors) {
            b.interceptor(i);
        }
        for (CallObserver o : observers) {
            b.observer(o);
        }
    }

    /** @return the model, governed; the provider recorded is {@code aims.provider} if set, else the model's */
    ChatModel govern(ChatModel model) {
        String name = provider != null ? provider : GovernedChatModel.providerName(model);
        return new GovernedChatModel(model, this::configure, name, tools, toolResolver);
    }

    /** Stops the policy file's reload thread, if there is one. */
    void close() throws Exception {
        if (policySource instanceof AutoCloseable) {
            ((AutoCloseable) policySource).close();
        }
    }

    /** @return the observers of every call, telemetry first */
    List<CallObserver> observers() {
        return observers;
    }

    /** @return the policies from properties and beans, in order */
    List<Policy> policies() {
        return policies;
    }
}
