package dev.aims.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiSystemRegistry;
import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.TraceDiscovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ISO/IEC 42001 evidence report of an evidence log for a period: {@code report.json} and
 * {@code report.html} (one self-contained page, readable offline, with charts). It holds the integrity status from
 * {@link EvidenceVerifier}; for each Annex A control that runtime evidence supports — A.6.2.6 operation and
 * monitoring, A.6.2.8 event logs, A.7.5 data provenance, A.8.4 incidents, A.9.2 to A.9.4 responsible and intended
 * use, A.10.3 suppliers — the figures and a sample of entries (ids and digests, never content, never principal
 * ids); and the clauses runtime evidence cannot cover (5.2, 6.1.2, 6.1.4, 9.2, 9.3) as documents to attach, so
 * that the report doubles as a gap assessment.
 *
 * <pre>{@code
 * Verification integrity = EvidenceReport.builder().evidence(dir).inventory(inventory).build().write(outDir);
 * }</pre>
 *
 * <p><b>AI use outside governance.</b> Given what trace exports show ({@link Builder#outsideGovernance}), the
 * report adds a section of the AI calls that bypassed AIMS, and the controls they contradict.
 *
 * <p><b>A fleet.</b> Each instance of a service keeps its own chain, signed with its own key, in its own directory.
 * Given several directories ({@link Builder#evidence(Collection)}), the report verifies every chain, adds the calls
 * of all of them into its figures (distinct principals, sessions and sources counted across the fleet), and lists
 * each instance with its own totals under {@code instances}; {@code sources} holds each chain's verification. A
 * fleet is intact only if every chain is. Each sampled entry then names its {@code instance}.
 *
 * Immutable and thread-safe.
 */
public final class EvidenceReport {
    /** The name of the JSON report in the output directory. */
    public static final String JSON_FILE = "report.json";
    /** The name of the HTML report in the output directory. */
    public static final String HTML_FILE = "report.html";

    /** One directory (or file) per instance. */
    private final List<Path> evidence;
    private final Instant from;
    private final Instant to;
    private final AiSystemRegistry inventory;
    private final boolean allowUnsealed;
    private final List<PublicKey> trustedKeys;
    private final Clock clock;
    private final Discovery outsideGovernance;

    private EvidenceReport(Builder b) {
        this.evidence = b.evidence;
        this.from = b.from;
        this.to = b.to;
        this.inventory = b.inventory;
        this.allowUnsealed = b.allowUnsealed;
        this.trustedKeys = b.trustedKeys;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.outsideGovernance = b.outsideGovernance;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the evidence, adds up the period's calls and writes {@value #JSON_FILE} and {@value #HTML_FILE} into
     * the directory, creating it if needed. The report is written whatever the integrity status, which it states.
     *
     * @param outDir the output directory
     * @return the integrity status the report states: of a fleet, the first broken chain's, or the first chain's
     *         when all are intact ({@link #writeAll} gives every one)
     * @throws IOException              if the evidence cannot be read or the report cannot be written
     * @throws IllegalArgumentException if two directories hold the chain of one instance (copies would be counted
     *                                  twice)
     */
    public Verification write(Path outDir) throws IOException {
        List<Verification> all = writeAll(outDir);
        for (Verification v : all) {
            if (!v.intact()) {
                return v;
            }
        }
        return all.get(0);
    }

    /**
     * Like {@link #write}, returning the verification of every chain.
     *
     * @param outDir the output directory
     * @return one verification per evidence directory or file, in the order given
     * @throws IOException              if the evidence cannot be read or the report cannot be written
     * @throws IllegalArgumentException if two directories hold the chain of one instance
     */
    public List<Verification> writeAll(Path outDir) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        EvidenceVerifier.Builder verifier = EvidenceVerifier.builder().allowUnsealed(allowUnsealed);
        if (trustedKeys != null) {
            verifier.trustedKeys(trustedKeys);
        }
        List<Verification> integrity = verifier.build().verifyAll(evidence);
        Map<String, Path> instances = new HashMap<>();
        for (Verification v : integrity) {
            String id = v.instanceId().orElse(null);
            Path seen = id == null ? null : instances.putIfAbsent(id, v.path());
            if (seen != null) {
                throw new IllegalArgumentException("evidence of instance " + id + " is given twice, in " + seen
                        + " and " + v.path() + "; a fleet report counts each instance once");
            }
        }
        ObjectNode json = build(integrity);
        Files.createDirectories(outDir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(outDir.resolve(JSON_FILE), mapper.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(HTML_FILE), ReportHtml.render(json), StandardCharsets.UTF_8);
        return integrity;
    }

    private ObjectNode build(List<Verification> integrity) throws IOException {
        // The sample is drawn with a seed taken from the chain heads: reproducible, and not chosen by anyone.
        long seed = 0;
        for (Verification v : integrity) {
            seed ^= Long.parseUnsignedLong(v.head().orElse(Entries.GENESIS).substring(0, 15), 16);
        }
        ReportData data = new ReportData(seed);
        long unreadable;
        if (evidence.size() == 1) {
            unreadable = EvidenceScan.calls(evidence, from, to, data::add);
        } else {
            unreadable = 0;
            for (int i = 0; i < evidence.size(); i++) {
                data.beginInstance(integrity.get(i));
                unreadable += EvidenceScan.calls(List.of(evidence.get(i)), from, to, data::add);
            }
        }
        return data.toJson(clock.instant(), from, to, integrity, inventory, unreadable,
                new OutsideGovernance(outsideGovernance));
    }

    /** Builds an {@link EvidenceReport}; each setting may be given once; only the evidence is required. */
    public static final class Builder {
        private List<Path> evidence;
        private Instant from;
        private Instant to;
        private AiSystemRegistry inventory;
        private boolean allowUnsealed;
        private boolean allowUnsealedSet;
        private List<PublicKey> trustedKeys;
        private Clock clock;
        private Discovery outsideGovernance;

        private Builder() {
        }

        /**
         * @param path an evidence directory (one instance's chain) or file
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder evidence(Path path) {
            Objects.requireNonNull(path, "evidence");
            return evidence(List.of(path));
        }

        /**
         * @param paths the evidence of a fleet: one directory (one instance's chain) per instance, or files
         * @return this builder
         * @throws NullPointerException     if the collection or a path is null
         * @throws IllegalArgumentException if it is empty or names one path twice
         * @throws IllegalStateException    if the evidence was already set
         */
        public Builder evidence(Collection<? extends Path> paths) {
            Objects.requireNonNull(paths, "evidence");
            if (evidence != null) {
                throw new IllegalStateException("evidence was already set to " + (evidence.size() == 1
                        ? evidence.get(0) : evidence));
            }
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("evidence must name at least one directory, but was empty");
            }
            Set<Path> seen = new HashSet<>();
            List<Path> copy = new ArrayList<>();
            for (Path p : paths) {
                Objects.requireNonNull(p, "evidence element");
                if (!seen.add(p.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("evidence names " + p + " twice");
                }
                copy.add(p);
            }
            evidence = List.copyOf(copy);
            return this;
        }

        /**
         * @param from the first instant of the period, inclusive; default the start of the log
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder from(Instant from) {
            Objects.requireNonNull(from, "from");
            if (this.from != null) {
                throw new IllegalStateException("from was already set to " + this.from);
            }
            this.from = from;
            return this;
        }

        /**
         * @param to the end of the period, exclusive; default the end of the log
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder to(Instant to) {
            Objects.requireNonNull(to, "to");
            if (this.to != null) {
                throw new IllegalStateException("to was already set to " + this.to);
            }
            this.to = to;
            return this;
        }

        /**
         * @param inventory the AI-system inventory to compare the evidence with (A.9.4, 6.1.4)
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder inventory(AiSystemRegistry inventory) {
            Objects.requireNonNull(inventory, "inventory");
            if (this.inventory != null) {
                throw new IllegalStateException("inventory was already set to " + this.inventory);
            }
            this.inventory = inventory;
            return this;
        }

        /**
         * @param allow whether an unsealed tail counts as intact, for a log still being written; default false
         * @return this builder
         * @throws IllegalStateException if it was already set
         */
        public Builder allowUnsealed(boolean allow) {
            if (allowUnsealedSet) {
                throw new IllegalStateException("allowUnsealed was already set to " + allowUnsealed);
            }
            allowUnsealedSet = true;
            allowUnsealed = allow;
            return this;
        }

        /**
         * Pins the public keys the checkpoint signatures must verify with; the report states them as pinned.
         * Without them, the keys stored in each evidence directory are used, and the report says that they were
         * not pinned.
         *
         * @param keys the Ed25519 public keys of the signers
         * @return this builder
         * @throws NullPointerException     if the collection or a key is null
         * @throws IllegalArgumentException if it is empty or a key is not Ed25519
         * @throws IllegalStateException    if it was already set
         */
        public Builder trustedKeys(Collection<PublicKey> keys) {
            Objects.requireNonNull(keys, "trustedKeys");
            if (trustedKeys != null) {
                throw new IllegalStateException("trustedKeys was already set to " + trustedKeys.size() + " keys");
            }
            // The verifier's builder checks each key; building one here refuses a bad set at once.
            EvidenceVerifier.builder().trustedKeys(keys);
            trustedKeys = List.copyOf(keys);
            return this;
        }

        /**
         * Adds the section "AI use outside governance": the AI calls trace exports show bypassing AIMS, found by
         * {@link TraceDiscovery} over the same period. Each ungoverned call contradicts A.6.2.6 (the AI systems in
         * operation are not all monitored), A.6.2.8 (no event log), A.7.5 (data neither redacted nor traced), A.9.2
         * (no policy decided it) and A.9.4 (no declared purpose), and the gap list names each ungoverned service.
         * Without it the section states that AI use outside governance was not looked for.
         *
         * @param found what the trace exports show
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder outsideGovernance(Discovery found) {
            Objects.requireNonNull(found, "outsideGovernance");
            if (outsideGovernance != null) {
                throw new IllegalStateException("outsideGovernance was already set to " + outsideGovernance);
            }
            outsideGovernance = found;
            return this;
        }

        /**
         * @param clock the clock of the report's generation time; default the UTC system clock
         * @return this builder
         * @throws NullPointerException  if it is null
         * @throws IllegalStateException if it was already set
         */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("clock was already set to " + this.clock);
            }
            this.clock = clock;
            return this;
        }

        /**
         * @return the report
         * @throws IllegalStateException if the evidence is not set, or the period ends before it starts
         */
        public EvidenceReport build() {
            if (evidence == null) {
                throw new IllegalStateException("evidence must be set");
            }
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalStateException("the period must end after it starts, but from is " + from
                        + " and to is " + to);
            }
            return new EvidenceReport(this);
        }
    }
}
