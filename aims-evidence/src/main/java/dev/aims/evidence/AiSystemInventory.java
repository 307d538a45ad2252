package dev.aims.evidence;

import dev.aims.api.AiSystem;
import dev.aims.api.AiSystemRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AI-system inventory (ISO/IEC 42001 A.4 resources, A.6 life cycle): the systems an organisation runs, each
 * with its owner, intended uses, providers, allowed models, risk level, data categories and impact-assessment
 * reference. Give it to {@code GovernedClient.builder().inventory(…)}: when {@link #strict()}, a call naming an
 * unregistered system, or none, is denied. Register systems in code or load them from a JSON file:
 *
 * <pre>{@code
 * {
 *   "strict": true,
 *   "systems": [
 *     { "id": "support-bot", "name": "Customer support assistant", "owner": "support-platform-team",
 *       "intendedUses": ["customer-support"], "providers": ["openai"], "allowedModels": ["gpt-4o*"],
 *       "riskLevel": "limited", "dataCategories": ["contact-data"], "impactAssessmentRef": "AIA-2025-007" }
 *   ]
 * }
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class AiSystemInventory implements AiSystemRegistry {
    private final Map<String, AiSystem> systems;
    private final boolean strict;

    private AiSystemInventory(Map<String, AiSystem> systems, boolean strict) {
        this.systems = Collections.unmodifiableMap(new LinkedHashMap<>(systems));
        this.strict = strict;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads an inventory from a JSON file of the form shown above; {@code strict} defaults to false, every member
     * of a system but {@code id} is optional, and unknown members are refused (a misspelt one would be lost).
     *
     * @param file the JSON file
     * @return the inventory
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the file, the JSON path and the value that is wrong
     */
    public static AiSystemInventory fromJson(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return InventoryJson.read(file);
    }

    @Override
    public Optional<AiSystem> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(systems.get(id));
    }

    @Override
    public Collection<AiSystem> all() {
        return systems.values();
    }

    @Override
    public boolean strict() {
        return strict;
    }

    @Override
    public String toString() {
        return "AiSystemInventory{systems=" + systems.keySet() + ", strict=" + strict + "}";
    }

    /** Builds an {@link AiSystemInventory}; not thread-safe. */
    public static final class Builder {
        private final Map<String, AiSystem> systems = new LinkedHashMap<>();
        private Boolean strict;

        private Builder() {
        }

        /**
         * @param system a system to register
         * @return this builder
         * @throws NullPointerException     if it is null
         * @throws IllegalArgumentException if a system with its id is already registered
         */
        public Builder register(AiSystem system) {
            Objects.requireNonNull(system, "system");
            if (systems.containsKey(system.id())) {
                throw new IllegalArgumentException("AI system '" + system.id() + "' is already registered");
            }
            systems.put(system.id(), system);
            return this;
        }

        /**
         * @param strict whether calls for unregistered systems are refused; default false
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder strict(boolean strict) {
            if (this.strict != null) {
                throw new IllegalStateException("strict was already set to " + this.strict);
            }
            this.strict = strict;
            return this;
        }

        /** @return the inventory */
        public AiSystemInventory build() {
            return new AiSystemInventory(systems, strict != null && strict);
        }
    }
}
