package dev.aims.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiSystemRegistry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 * Immutable and thread-safe.
 */
public final class EvidenceReport {
    /** The name of the JSON report in the output directory. */
    public static final String JSON_FILE = "report.json";
    /** The name of the HTML report in the output directory. */
    public static final String HTML_FILE = "report.html";

    // A list so that a fleet — one chain per instance — can be reported together; one directory for now.
    private final List<Path> evidence;
    private final Instant from;
    private final Instant to;
    private final AiSystemRegistry inventory;
    private final boolean allowUnsealed;
    private final Clock clock;

    private EvidenceReport(Builder b) {
        this.evidence = List.of(b.evidence);
        this.from = b.from;
        this.to = b.to;
        this.inventory = b.inventory;
        this.allowUnsealed = b.allowUnsealed;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
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
     * @return the integrity status the report states
     * @throws IOException if the evidence cannot be read or the report cannot be written
     */
    public Verification write(Path outDir) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        List<Verification> integrity = EvidenceVerifier.builder().allowUnsealed(allowUnsealed).build()
                .verifyAll(evidence);
        ObjectNode json = build(integrity);
        Files.createDirectories(outDir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(outDir.resolve(JSON_FILE), mapper.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(HTML_FILE), ReportHtml.render(json), StandardCharsets.UTF_8);
        return integrity.get(0);
    }

    private ObjectNode build(List<Verification> integrity) throws IOException {
        // The sample is drawn with a seed taken from the chain head: reproducible, and not chosen by anyone.
        String head = integrity.get(0).head().orElse(Entries.GENESIS);
        ReportData data = new ReportData(Long.parseUnsignedLong(head.substring(0, 15), 16));
        long unreadable = EvidenceScan.calls(evidence, from, to, data::add);
        return data.toJson(clock.instant(), from, to, integrity, inventory, unreadable);
    }

    /** Builds an {@link EvidenceReport}; each setting may be given once; only the evidence is required. */
    public static final class Builder {
        private Path evidence;
        private Instant from;
        private Instant to;
        private AiSystemRegistry inventory;
        private boolean allowUnsealed;
        private boolean allowUnsealedSet;
        private Clock clock;

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
            if (evidence != null) {
                throw new IllegalStateException("evidence was already set to " + evidence);
            }
            evidence = path;
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
