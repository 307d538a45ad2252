package dev.aims.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the AI-system inventory (ISO/IEC 42001 A.4, A.6): id, name, owner, intended uses, providers, allowed
 * models, risk level, data categories and the reference of its impact assessment.
 */
public final class AiSystem {
    private final String id;
    private final String name;
    private final String owner;
    private final List<String> intendedUses;
    private final List<String> providers;
    private final List<String> allowedModels;
    private final String riskLevel;
    private final List<String> dataCategories;
    private final String impactAssessmentRef;

    private AiSystem(Builder b) {
        this.id = Require.nonBlank(b.id, "aiSystem.id");
        this.name = b.name == null ? id : Require.nonBlank(b.name, "aiSystem.name");
        this.owner = b.owner;
        this.intendedUses = Require.listOf(b.intendedUses, "aiSystem.intendedUses");
        this.providers = Require.listOf(b.providers, "aiSystem.providers");
        this.allowedModels = Require.listOf(b.allowedModels, "aiSystem.allowedModels");
        this.riskLevel = b.riskLevel;
        this.dataCategories = Require.listOf(b.dataCategories, "aiSystem.dataCategories");
        this.impactAssessmentRef = b.impactAssessmentRef;
    }

    /** @param id the system's id @return a builder */
    public static Builder builder(String id) {
        Builder b = new Builder();
        b.id = id;
        return b;
    }

    /** @return the id */
    public String id() {
        return id;
    }

    /** @return the human name, the id when none was given */
    public String name() {
        return name;
    }

    /** @return the accountable owner */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** @return the purposes this system is registered for */
    public List<String> intendedUses() {
        return intendedUses;
    }

    /** @return the providers it may use */
    public List<String> providers() {
        return providers;
    }

    /** @return the models it may use (exact names or globs) */
    public List<String> allowedModels() {
        return allowedModels;
    }

    /** @return the risk level, as the organisation grades it */
    public Optional<String> riskLevel() {
        return Optional.ofNullable(riskLevel);
    }

    /** @return the categories of data it processes */
    public List<String> dataCategories() {
        return dataCategories;
    }

    /** @return the reference of its impact assessment */
    public Optional<String> impactAssessmentRef() {
        return Optional.ofNullable(impactAssessmentRef);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AiSystem)) {
            return false;
        }
        AiSystem s = (AiSystem) o;
        return id.equals(s.id) && name.equals(s.name) && Objects.equals(owner, s.owner)
                && intendedUses.equals(s.intendedUses) && providers.equals(s.providers)
                && allowedModels.equals(s.allowedModels) && Objects.equals(riskLevel, s.riskLevel)
                && dataCategories.equals(s.dataCategories)
                && Objects.equals(impactAssessmentRef, s.impactAssessmentRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, owner, intendedUses, providers, allowedModels, riskLevel, dataCategories,
                impactAssessmentRef);
    }

    @Override
    public String toString() {
        return "AiSystem{id=" + id + ", name=" + name + ", owner=" + owner + ", intendedUses=" + intendedUses
                + ", riskLevel=" + riskLevel + "}";
    }

    /** Builds an {@link AiSystem}; not thread-safe. */
    public static final class Builder {
        private String id;
        private String name;
        private String owner;
        private final List<String> intendedUses = new ArrayList<>();
        private final List<String> providers = new ArrayList<>();
        private final List<String> allowedModels = new ArrayList<>();
        private String riskLevel;
        private final List<String> dataCategories = new ArrayList<>();
        private String impactAssessmentRef;

        private Builder() {
        }

        /** @param v the name @return this builder */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /** @param v the owner @return this builder */
        public Builder owner(String v) {
            owner = v;
            return this;
        }

        /** @param v intended uses @return this builder */
        public Builder intendedUses(List<String> v) {
            intendedUses.clear();
            intendedUses.addAll(Require.nonNull(v, "aiSystem.intendedUses"));
            return this;
        }

        /** @param v providers @return this builder */
        public Builder providers(List<String> v) {
            providers.clear();
            providers.addAll(Require.nonNull(v, "aiSystem.providers"));
            return this;
        }

        /** @param v allowed models @return this builder */
        public Builder allowedModels(List<String> v) {
            allowedModels.clear();
            allowedModels.addAll(Require.nonNull(v, "aiSystem.allowedModels"));
            return this;
        }

        /** @param v the risk level @return this builder */
        public Builder riskLevel(String v) {
            riskLevel = v;
            return this;
        }

        /** @param v data categories @return this builder */
        public Builder dataCategories(List<String> v) {
            dataCategories.clear();
            dataCategories.addAll(Require.nonNull(v, "aiSystem.dataCategories"));
            return this;
        }

        /** @param v the impact-assessment reference @return this builder */
        public Builder impactAssessmentRef(String v) {
            impactAssessmentRef = v;
            return this;
        }

        /**
         * @return the descriptor
         * @throws IllegalArgumentException naming the field when a value is missing
         */
        public AiSystem build() {
            return new AiSystem(this);
        }
    }
}
