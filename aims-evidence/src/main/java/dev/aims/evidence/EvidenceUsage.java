package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aims.api.AiSystem;
import dev.aims.api.AiSystemRegistry;
import dev.aims.evidence.internal.Glob;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the evidence shows was actually used, per AI system id: calls by outcome, models, providers, purposes, and
 * how many distinct principals called — a count, never the principal ids themselves. Compared with an
 * {@link AiSystemRegistry} it tells the systems seen but not registered, the registered systems never seen, and
 * use outside a system's registration (a model, provider or purpose it is not registered for).
 *
 * <p>Reading does not verify the chain; run {@link EvidenceVerifier} for that. Immutable.
 */
public final class EvidenceUsage {
    /** One system's use, as the evidence shows it. Immutable. */
    public static final class SystemUsage {
        private final String systemId;
        private final long calls;
        private final long allowed;
        private final long denied;
        private final long errors;
        private final Map<String, Long> models;
        private final Map<String, Long> providers;
        private final Map<String, Long> purposes;
        private final long principals;
        private final long withoutPrincipal;
        /** Answered calls per {@code model:M}, {@code provider:P} and {@code purpose:U}. */
        private final Map<String, Long> answered;
        private final Instant firstSeen;
        private final Instant lastSeen;

        private SystemUsage(Acc a) {
            this.systemId = a.systemId;
            this.calls = a.calls;
            this.allowed = a.allowed;
            this.denied = a.denied;
            this.errors = a.errors;
            this.models = Collections.unmodifiableMap(new TreeMap<>(a.models));
            this.providers = Collections.unmodifiableMap(new TreeMap<>(a.providers));
            this.purposes = Collections.unmodifiableMap(new TreeMap<>(a.purposes));
            this.principals = a.principals.size();
            this.withoutPrincipal = a.withoutPrincipal;
            this.answered = Map.copyOf(a.answered);
            this.firstSeen = a.first;
            this.lastSeen = a.last;
        }

        /** @return the system id the calls named; empty for the calls that named none */
        public Optional<String> systemId() {
            return Optional.ofNullable(systemId);
        }

        /** @return the number of calls */
        public long calls() {
            return calls;
        }

        /** @return calls that were answered */
        public long allowed() {
            return allowed;
        }

        /** @return calls a policy denied */
        public long denied() {
            return denied;
        }

        /** @return calls that ended in a provider or governance error */
        public long errors() {
            return errors;
        }

        /** @return calls per requested model, by name */
        public Map<String, Long> models() {
            return models;
        }

        /** @return calls per provider, by name */
        public Map<String, Long> providers() {
            return providers;
        }

        /** @return calls per declared purpose; calls without one are counted under {@code ""} */
        public Map<String, Long> purposes() {
            return purposes;
        }

        /** @return the number of distinct principals (end users) that called; the ids are not kept */
        public long distinctPrincipals() {
            return principals;
        }

        /** @return calls that named no principal */
        public long callsWithoutPrincipal() {
            return withoutPrincipal;
        }

        /** @return the earliest call's time */
        public Instant firstSeen() {
            return firstSeen;
        }

        /** @return the latest call's time */
        public Instant lastSeen() {
            return lastSeen;
        }

        @Override
        public String toString() {
            return "SystemUsage{" + (systemId == null ? "(none)" : systemId) + ", calls=" + calls + "}";
        }
    }

    /**
     * A use of a registered system outside its registration.
     *
     * @param systemId the system
     * @param field    {@code model}, {@code provider} or {@code purpose}
     * @param value    what was used ({@code ""} for a call without a purpose)
     * @param calls    how many calls tried it
     * @param answered how many of them were answered; the others were denied or failed, so the attempt was
     *                 stopped rather than the use made
     */
    public record Deviation(String systemId, String field, String value, long calls, long answered) {
    }

    private final List<SystemUsage> systems;
    private final long calls;
    private final long unreadable;

    private EvidenceUsage(List<SystemUsage> systems, long unreadable) {
        this.systems = List.copyOf(systems);
        long n = 0;
        for (SystemUsage s : systems) {
            n += s.calls;
        }
        this.calls = n;
        this.unreadable = unreadable;
    }

    /**
     * Reads the call entries of an evidence directory or file.
     *
     * @param path an evidence directory or file
     * @return what the evidence shows
     * @throws IOException if it cannot be read
     */
    public static EvidenceUsage scan(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return scan(List.of(path), null, null);
    }

    /**
     * Reads the call entries of a fleet's evidence, one directory per instance, into one view: calls add up, and
     * distinct principals are counted across the fleet.
     *
     * @param paths evidence directories or files
     * @return what the evidence shows
     * @throws IOException          if one cannot be read
     * @throws NullPointerException if the list or an element is null
     */
    public static EvidenceUsage scan(List<Path> paths) throws IOException {
        Objects.requireNonNull(paths, "paths");
        for (Path p : paths) {
            Objects.requireNonNull(p, "paths element");
        }
        return scan(List.copyOf(paths), null, null);
    }

    static EvidenceUsage scan(List<Path> paths, Instant from, Instant to) throws IOException {
        Accumulator acc = new Accumulator();
        long unreadable = EvidenceScan.calls(paths, from, to, c -> acc.add(c.body(), c.ts()));
        return acc.build(unreadable);
    }

    /** @return every system seen, by id, the calls without a system id last */
    public List<SystemUsage> systems() {
        return systems;
    }

    /** @return the number of calls read */
    public long calls() {
        return calls;
    }

    /** @return lines that were no readable entry and were skipped */
    public long unreadableLines() {
        return unreadable;
    }

    /**
     * @param registry the inventory
     * @return the systems seen in the evidence but not registered, including the calls that named no system
     */
    public List<SystemUsage> unregistered(AiSystemRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        List<SystemUsage> out = new ArrayList<>();
        for (SystemUsage s : systems) {
            if (s.systemId == null || registry.find(s.systemId).isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * @param registry the inventory
     * @return the registered systems with no call in the evidence
     */
    public List<AiSystem> neverSeen(AiSystemRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Set<String> seen = new HashSet<>();
        for (SystemUsage s : systems) {
            if (s.systemId != null) {
                seen.add(s.systemId);
            }
        }
        List<AiSystem> out = new ArrayList<>();
        for (AiSystem s : registry.all()) {
            if (!seen.contains(s.id())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * @param registry the inventory
     * @return for each registered system, the models, providers and purposes used that its registration does not
     *         list (a registration that lists none of a kind is not checked for that kind)
     */
    public List<Deviation> deviations(AiSystemRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        List<Deviation> out = new ArrayList<>();
        for (SystemUsage s : systems) {
            Optional<AiSystem> registered = s.systemId == null ? Optional.empty() : registry.find(s.systemId);
            if (registered.isEmpty()) {
                continue;
            }
            AiSystem sys = registered.get();
            if (!sys.allowedModels().isEmpty()) {
                s.models.forEach((model, n) -> {
                    if (sys.allowedModels().stream().noneMatch(p -> Glob.matches(p, model))) {
                        out.add(new Deviation(sys.id(), "model", model, n, s.answered.getOrDefault("model:" + model,
                                0L)));
                    }
                });
            }
            if (!sys.providers().isEmpty()) {
                s.providers.forEach((provider, n) -> {
                    if (!sys.providers().contains(provider)) {
                        out.add(new Deviation(sys.id(), "provider", provider, n,
                                s.answered.getOrDefault("provider:" + provider, 0L)));
                    }
                });
            }
            if (!sys.intendedUses().isEmpty()) {
                s.purposes.forEach((purpose, n) -> {
                    if (!sys.intendedUses().contains(purpose)) {
                        out.add(new Deviation(sys.id(), "purpose", purpose, n,
                                s.answered.getOrDefault("purpose:" + purpose, 0L)));
                    }
                });
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "EvidenceUsage{calls=" + calls + ", systems=" + systems.size() + "}";
    }

    /** Adds call bodies up, per system. */
    static final class Accumulator {
        private final Map<String, Acc> bySystem = new TreeMap<>();
        private Acc none;

        void add(JsonNode call, Instant ts) {
            JsonNode ctx = call.path("context");
            String system = Entries.text(ctx, "systemId");
            Acc a;
            if (system == null) {
                if (none == null) {
                    none = new Acc(null);
                }
                a = none;
            } else {
                a = bySystem.computeIfAbsent(system, Acc::new);
            }
            a.add(call, ctx, ts);
        }

        EvidenceUsage build(long unreadable) {
            List<SystemUsage> out = new ArrayList<>();
            for (Acc a : bySystem.values()) {
                out.add(new SystemUsage(a));
            }
            if (none != null) {
                out.add(new SystemUsage(none));
            }
            return new EvidenceUsage(out, unreadable);
        }
    }

    private static final class Acc {
        final String systemId;
        long calls;
        long allowed;
        long denied;
        long errors;
        final Map<String, Long> models = new TreeMap<>();
        final Map<String, Long> providers = new TreeMap<>();
        final Map<String, Long> purposes = new TreeMap<>();
        final Set<String> principals = new HashSet<>();
        final Map<String, Long> answered = new TreeMap<>();
        long withoutPrincipal;
        Instant first;
        Instant last;

        Acc(String systemId) {
            this.systemId = systemId;
        }

        void add(JsonNode call, JsonNode ctx, Instant ts) {
            calls++;
            String outcome = Entries.text(call, "outcome");
            if ("allowed".equals(outcome)) {
                allowed++;
            } else if ("denied".equals(outcome)) {
                denied++;
            } else {
                errors++;
            }
            String model = String.valueOf(Entries.text(call, "model"));
            String provider = String.valueOf(Entries.text(call, "provider"));
            String purpose = Entries.text(ctx, "purpose");
            purpose = purpose == null ? "" : purpose;
            models.merge(model, 1L, Long::sum);
            providers.merge(provider, 1L, Long::sum);
            purposes.merge(purpose, 1L, Long::sum);
            if ("allowed".equals(outcome)) {
                answered.merge("model:" + model, 1L, Long::sum);
                answered.merge("provider:" + provider, 1L, Long::sum);
                answered.merge("purpose:" + purpose, 1L, Long::sum);
            }
            String principal = Entries.principalKey(ctx);
            if (principal == null) {
                withoutPrincipal++;
            } else {
                principals.add(principal);
            }
            if (first == null || ts.isBefore(first)) {
                first = ts;
            }
            if (last == null || ts.isAfter(last)) {
                last = ts;
            }
        }
    }
}
