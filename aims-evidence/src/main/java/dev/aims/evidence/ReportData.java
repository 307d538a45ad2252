package dev.aims.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aims.api.AiSystem;
import dev.aims.api.AiSystemRegistry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Adds the call entries of a period up into the figures of report.json, in one pass: per Annex A control that
 * runtime evidence supports, the figures and a sample of entries (ids and digests, never content); the clauses it
 * cannot support listed as documents to attach.
 */
final class ReportData {
    static final String GOVERNANCE_ERROR = "dev.aims.api.AiGovernanceException";
    static final int SAMPLE_SIZE = 5;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One control's sample: a seeded reservoir, so the sample is reproducible and not hand-picked. */
    private static final class Sample {
        final Predicate<JsonNode> eligible;
        final List<ObjectNode> kept = new ArrayList<>();
        long seen;

        Sample(Predicate<JsonNode> eligible) {
            this.eligible = eligible;
        }
    }

    private final Random random;
    private final Map<String, Sample> samples = new TreeMap<>();

    private long calls;
    private long allowed;
    private long denied;
    private long errors;
    private long inputTokens;
    private long outputTokens;
    private long streaming;
    private final TreeMap<LocalDate, long[]> perDay = new TreeMap<>();
    private long[] durations = new long[1024];
    private final Map<String, Long> findings = new TreeMap<>();
    private final DistinctValues distinctValues = new DistinctValues();
    private long callsWithFindings;
    private long uninspectedParts;
    private long shadow;
    private final Map<String, Long> shadowByPolicy = new TreeMap<>();
    private long withPrincipal;
    private final Set<String> principals = new HashSet<>();
    private long withTrace;
    private final Map<String, Long> digestAlgorithms = new TreeMap<>();
    private long withRequestDigest;
    private long withParent;
    private long lineageCalls;
    private long withSources;
    private final Set<String> sources = new HashSet<>();
    private long withSession;
    private final Set<String> sessions = new HashSet<>();
    private final Map<String, Map<String, Long>> decisionsByPolicy = new TreeMap<>();
    private final Map<String, Long> denialsByReason = new TreeMap<>();
    private final Map<String, Long> policySets = new TreeMap<>();
    private long withPurpose;
    private long withDecisions;
    private long redactedOnly;
    private long policyModifiedOnly;
    private long redactedAndPolicyModified;
    private long redactionOff;
    private long redactionUnrecorded;
    private final Map<String, Long> restorations = new TreeMap<>();
    private long governanceFailures;
    private long providerErrors;
    private final Map<String, Long> errorsByType = new TreeMap<>();
    private final Map<String, long[]> providers = new TreeMap<>();
    private final Map<String, Map<String, Long>> modelsByProvider = new TreeMap<>();
    private final Map<String, Long> responseModels = new TreeMap<>();
    private final Map<String, Long> servers = new TreeMap<>();
    private final EvidenceUsage.Accumulator usage = new EvidenceUsage.Accumulator();
    private Instant firstCall;
    private Instant lastCall;
    /** The instances of a fleet, in the order given; empty for one chain. */
    private final List<Instance> instances = new ArrayList<>();
    private Instance instance;
    /** What trace exports show of AI use outside governance; set by {@link #toJson}. */
    private OutsideGovernance outside = new OutsideGovernance(null);

    /** One instance's own totals, within the fleet's. */
    private static final class Instance {
        final Verification verification;
        final String label;
        long calls;
        long allowed;
        long denied;
        long errors;
        long inputTokens;
        long outputTokens;

        Instance(Verification v) {
            this.verification = v;
            this.label = v.instanceId().orElse(v.path().toString());
        }
    }

    ReportData(long seed) {
        this.random = new Random(seed);
        samples.put("A.6.2.6", new Sample(c -> true));
        samples.put("A.6.2.8", new Sample(c -> true));
        samples.put("A.7.5", new Sample(c -> c.path("context").has("parentCallId")
                || c.path("context").has("sourceIds")));
        samples.put("A.8.4", new Sample(c -> !"allowed".equals(Entries.text(c, "outcome"))));
        samples.put("A.9.2", new Sample(c -> c.path("decisions").size() > 0));
        samples.put("A.9.3", new Sample(c -> hasShadowOrDeny(c)));
        samples.put("A.9.4", new Sample(c -> c.path("context").has("systemId")));
        samples.put("A.10.3", new Sample(c -> true));
    }

    /** Starts the calls of the next instance of a fleet: they are added to its own totals too. */
    void beginInstance(Verification v) {
        instance = new Instance(v);
        instances.add(instance);
    }

    void add(EvidenceScan.Call call) {
        JsonNode c = call.body();
        JsonNode ctx = c.path("context");
        calls++;
        if (firstCall == null || call.ts().isBefore(firstCall)) {
            firstCall = call.ts();
        }
        if (lastCall == null || call.ts().isAfter(lastCall)) {
            lastCall = call.ts();
        }
        usage.add(c, call.ts());
        String outcome = String.valueOf(Entries.text(c, "outcome"));
        long[] day = perDay.computeIfAbsent(LocalDate.ofInstant(call.ts(), ZoneOffset.UTC), d -> new long[3]);
        switch (outcome) {
            case "allowed":
                allowed++;
                day[0]++;
                break;
            case "denied":
                denied++;
                day[1]++;
                break;
            default:
                errors++;
                day[2]++;
        }
        long in = Entries.number(c.path("usage"), "inputTokens", 0);
        long out = Entries.number(c.path("usage"), "outputTokens", 0);
        inputTokens += in;
        outputTokens += out;
        if (instance != null) {
            instance.calls++;
            instance.allowed += "allowed".equals(outcome) ? 1 : 0;
            instance.denied += "denied".equals(outcome) ? 1 : 0;
            instance.errors += "allowed".equals(outcome) || "denied".equals(outcome) ? 0 : 1;
            instance.inputTokens += in;
            instance.outputTokens += out;
        }
        if (c.path("streaming").asBoolean(false)) {
            streaming++;
        }
        if (calls > durations.length) {
            durations = Arrays.copyOf(durations, durations.length * 2);
        }
        durations[(int) calls - 1] = Entries.number(c, "durationMicros", 0);

        JsonNode f = c.path("findings");
        if (f.size() > 0) {
            callsWithFindings++;
        }
        for (Map.Entry<String, JsonNode> e : f.properties()) {
            findings.merge(e.getKey(), e.getValue().asLong(), Long::sum);
        }
        distinctValues.add(c);
        uninspectedParts += Entries.number(c, "uninspectedParts", 0);
        JsonNode redaction = c.get("redactionEnabled");
        boolean redactionOn = redaction == null || !redaction.isBoolean() || redaction.booleanValue();
        if (redaction == null || !redaction.isBoolean()) {
            redactionUnrecorded++;
        } else if (!redaction.booleanValue()) {
            redactionOff++;
        }
        for (JsonNode x : c.path("restorations")) {
            restorations.merge(Entries.text(x, "type") + " into " + Entries.text(x, "tool"), 1L, Long::sum);
        }

        String principal = Entries.principalKey(ctx);
        if (principal != null) {
            withPrincipal++;
            principals.add(principal);
        }
        if (Entries.text(c, "traceId") != null) {
            withTrace++;
        }
        digestAlgorithms.merge(String.valueOf(Entries.text(c.path("digest"), "algorithm")), 1L, Long::sum);
        if (Entries.text(c.path("digest"), "request") != null) {
            withRequestDigest++;
        }
        if (Entries.text(ctx, "parentCallId") != null) {
            withParent++;
        }
        if (Entries.text(ctx, "parentCallId") != null || ctx.path("sourceIds").size() > 0) {
            lineageCalls++;
        }
        if (ctx.path("sourceIds").size() > 0) {
            withSources++;
            ctx.path("sourceIds").forEach(s -> sources.add(s.asText()));
        }
        String session = Entries.text(ctx, "sessionId");
        if (session != null) {
            withSession++;
            sessions.add(session);
        }
        if (Entries.text(ctx, "purpose") != null) {
            withPurpose++;
        }

        boolean anyModify = false;
        if (c.path("decisions").size() > 0) {
            withDecisions++;
        }
        for (JsonNode d : c.path("decisions")) {
            String policy = Entries.text(d, "policy");
            String effect = String.valueOf(Entries.text(d, "effect"));
            decisionsByPolicy.computeIfAbsent(policy + "@" + Entries.text(d, "version"), k -> new TreeMap<>())
                    .merge(d.path("shadow").asBoolean(false) ? "SHADOW_DENY" : effect, 1L, Long::sum);
            if ("DENY".equals(effect)) {
                denialsByReason.merge(policy + ": " + Entries.text(d, "reason"), 1L, Long::sum);
            }
            if (d.path("shadow").asBoolean(false)) {
                shadow++;
                shadowByPolicy.merge(policy + ": " + Entries.text(d, "reason"), 1L, Long::sum);
            }
            anyModify |= "MODIFY".equals(effect);
        }
        if ("allowed".equals(outcome)) {
            // An answered call whose request had findings while redaction was on left the process redacted: it was
            // modified as surely as one a policy rewrote (the evidence keeps counts, not operators, so a KEEP
            // operator on every finding would be counted here too).
            boolean redacted = f.size() > 0 && redactionOn;
            if (redacted && anyModify) {
                redactedAndPolicyModified++;
            } else if (redacted) {
                redactedOnly++;
            } else if (anyModify) {
                policyModifiedOnly++;
            }
        }
        policySets.merge(String.valueOf(Entries.text(c, "policySetHash")), 1L, Long::sum);

        String errorType = Entries.text(c, "errorType");
        if ("error".equals(outcome)) {
            if (GOVERNANCE_ERROR.equals(errorType)) {
                governanceFailures++;
            } else {
                providerErrors++;
            }
        }
        if (errorType != null) {
            errorsByType.merge(errorType, 1L, Long::sum);
        }

        String provider = String.valueOf(Entries.text(c, "provider"));
        long[] p = providers.computeIfAbsent(provider, k -> new long[3]);
        p[0]++;
        p[1] += in;
        p[2] += out;
        modelsByProvider.computeIfAbsent(provider, k -> new TreeMap<>())
                .merge(String.valueOf(Entries.text(c, "model")), 1L, Long::sum);
        String responseModel = Entries.text(c, "responseModel");
        if (responseModel != null) {
            responseModels.merge(responseModel, 1L, Long::sum);
        }
        String server = Entries.text(c.path("server"), "address");
        if (server != null) {
            servers.merge(server + ":" + Entries.number(c.path("server"), "port", 0), 1L, Long::sum);
        }

        for (Map.Entry<String, Sample> s : samples.entrySet()) {
            offer(s.getKey(), s.getValue(), call);
        }
    }

    private void offer(String control, Sample s, EvidenceScan.Call call) {
        if (!s.eligible.test(call.body())) {
            return;
        }
        s.seen++;
        if (s.kept.size() < SAMPLE_SIZE) {
            s.kept.add(sampleEntry(control, call, instance));
        } else {
            long j = (long) (random.nextDouble() * s.seen);
            if (j < SAMPLE_SIZE) {
                s.kept.set((int) j, sampleEntry(control, call, instance));
            }
        }
    }

    private static boolean hasShadowOrDeny(JsonNode c) {
        for (JsonNode d : c.path("decisions")) {
            if (d.path("shadow").asBoolean(false) || "DENY".equals(Entries.text(d, "effect"))) {
                return true;
            }
        }
        return false;
    }

    /** A sampled entry: where it is, its ids and digests, and the control's own fields; never content. */
    private static ObjectNode sampleEntry(String control, EvidenceScan.Call call, Instance instance) {
        JsonNode c = call.body();
        ObjectNode o = NODES.objectNode();
        if (instance != null) {
            // In a fleet, file names and seq numbers repeat from one instance's chain to the next.
            o.put("instance", instance.label);
        }
        o.put("file", call.file().getFileName().toString());
        o.put("line", call.line());
        o.put("seq", call.seq());
        o.put("ts", call.ts().toString());
        o.put("callId", Entries.text(c, "id"));
        o.put("outcome", Entries.text(c, "outcome"));
        o.put("digestAlgorithm", Entries.text(c.path("digest"), "algorithm"));
        o.put("requestDigest", Entries.text(c.path("digest"), "request"));
        o.put("responseDigest", Entries.text(c.path("digest"), "response"));
        o.put("entryHash", call.hash());
        JsonNode ctx = c.path("context");
        switch (control) {
            case "A.7.5":
                o.put("parentCallId", Entries.text(ctx, "parentCallId"));
                o.put("sourceIds", ctx.path("sourceIds").size());
                break;
            case "A.8.4":
            case "A.9.2":
            case "A.9.3":
                o.put("errorType", Entries.text(c, "errorType"));
                o.put("decision", decisive(c));
                break;
            case "A.9.4":
                o.put("systemId", Entries.text(ctx, "systemId"));
                o.put("purpose", Entries.text(ctx, "purpose"));
                break;
            case "A.10.3":
                o.put("provider", Entries.text(c, "provider"));
                o.put("model", Entries.text(c, "model"));
                break;
            default:
                o.put("traceId", Entries.text(c, "traceId"));
        }
        return o;
    }

    /** @return {@code policy@version STAGE EFFECT reason} of the first deny, else of the last shadow or modify */
    private static String decisive(JsonNode c) {
        JsonNode chosen = null;
        for (JsonNode d : c.path("decisions")) {
            if ("DENY".equals(Entries.text(d, "effect"))) {
                chosen = d;
                break;
            }
            if (d.path("shadow").asBoolean(false) || "MODIFY".equals(Entries.text(d, "effect"))) {
                chosen = d;
            }
        }
        if (chosen == null) {
            return null;
        }
        return Entries.text(chosen, "policy") + "@" + Entries.text(chosen, "version") + " "
                + Entries.text(chosen, "stage") + " " + (chosen.path("shadow").asBoolean(false) ? "SHADOW_DENY"
                : Entries.text(chosen, "effect")) + " " + Entries.text(chosen, "reason");
    }

    /**
     * @return the report as a JSON tree
     */
    ObjectNode toJson(Instant generatedAt, Instant from, Instant to, List<Verification> integrity,
            AiSystemRegistry inventory, long unreadable, OutsideGovernance outside) {
        this.outside = outside;
        ObjectNode r = NODES.objectNode();
        r.put("report", "ISO/IEC 42001 evidence report");
        r.put("generator", "aims-evidence");
        r.put("generatedAt", generatedAt.toString());
        ObjectNode period = r.putObject("period");
        period.put("from", from == null ? null : from.toString());
        period.put("to", to == null ? null : to.toString());
        period.put("firstCall", firstCall == null ? null : firstCall.toString());
        period.put("lastCall", lastCall == null ? null : lastCall.toString());

        boolean intact = !integrity.isEmpty();
        boolean pinned = !integrity.isEmpty();
        ArrayNode sourcesNode = r.putArray("sources");
        for (Verification v : integrity) {
            intact &= v.intact();
            pinned &= v.keysPinned();
            sourcesNode.add(verification(v));
        }
        ObjectNode integ = r.putObject("integrity");
        integ.put("intact", intact);
        integ.put("summary", integrity.size() == 1 ? integrity.get(0).summary() : fleetSummary(integrity));
        integ.put("keysPinned", pinned);
        integ.put("unreadableLines", unreadable);

        ObjectNode totals = r.putObject("totals");
        totals.put("calls", calls);
        totals.put("allowed", allowed);
        totals.put("allowedUnchanged", allowed - modified());
        totals.put("modified", modified());
        totals.put("denied", denied);
        totals.put("errors", errors);
        totals.put("inputTokens", inputTokens);
        totals.put("outputTokens", outputTokens);
        if (!instances.isEmpty()) {
            ArrayNode each = r.putArray("instances");
            for (Instance i : instances) {
                ObjectNode n = each.addObject();
                n.put("instance", i.label);
                n.put("path", i.verification.path().toString());
                n.put("intact", i.verification.intact());
                n.put("calls", i.calls);
                n.put("allowed", i.allowed);
                n.put("denied", i.denied);
                n.put("errors", i.errors);
                n.put("inputTokens", i.inputTokens);
                n.put("outputTokens", i.outputTokens);
            }
        }

        EvidenceUsage u = usage.build(0);
        ArrayNode gaps = NODES.arrayNode();
        if (!intact) {
            ObjectNode g = gaps.addObject();
            g.put("control", "A.6.2.8");
            g.put("level", ControlCheck.NOT_INTACT);
            g.put("gap", "the evidence chain is broken (" + integ.path("summary").asText() + "): no control can"
                    + " be shown until the fault is explained");
        }
        ArrayNode controls = r.putArray("controls");
        controls.add(a626(intact, inventory, u, gaps));
        controls.add(a628(intact, integrity, inventory, pinned, gaps));
        controls.add(a75(intact, gaps));
        controls.add(a84(intact, gaps));
        controls.add(a92(intact, gaps));
        controls.add(a93(intact, gaps));
        controls.add(a94(intact, inventory, u, gaps));
        controls.add(a103(intact, gaps));
        r.set("gaps", gaps);
        r.set("outsideGovernance", outside.toJson());
        r.set("attachDocuments", attach(inventory));
        return r;
    }

    private long modified() {
        return redactedOnly + policyModifiedOnly + redactedAndPolicyModified;
    }

    /** @return {@code all 3 chains intact: …}, or {@code 1 of 3 chains broken: the first fault of each} */
    private static String fleetSummary(List<Verification> integrity) {
        long entries = 0;
        long calls = 0;
        List<String> faults = new ArrayList<>();
        for (Verification v : integrity) {
            entries += v.entries();
            calls += v.calls();
            v.fault().ifPresent(f -> faults.add(v.instanceId().map(id -> "instance " + id + ": ").orElse("") + f));
        }
        if (faults.isEmpty()) {
            return "all " + integrity.size() + " chains intact: " + entries + " entries (" + calls + " calls)";
        }
        return faults.size() + " of " + integrity.size() + " chains broken: " + String.join("; ", faults);
    }

    private static ObjectNode verification(Verification v) {
        ObjectNode o = NODES.objectNode();
        o.put("path", v.path().toString());
        o.put("instance", v.instanceId().orElse(null));
        o.put("intact", v.intact());
        o.put("summary", v.summary());
        o.put("entries", v.entries());
        o.put("calls", v.calls());
        o.put("checkpoints", v.checkpoints());
        o.put("sessions", v.opens());
        o.put("files", v.files());
        o.put("first", v.firstTimestamp().map(Instant::toString).orElse(null));
        o.put("last", v.lastTimestamp().map(Instant::toString).orElse(null));
        o.put("head", v.head().orElse(null));
        o.put("unsealedEntries", v.unsealedEntries());
        o.put("refusedRecords", v.refusedRecords());
        ArrayNode keys = o.putArray("signingKeys");
        v.keyFingerprints().forEach(keys::add);
        o.put("keysPinned", v.keysPinned());
        if (v.fault().isPresent()) {
            Verification.Fault f = v.fault().get();
            ObjectNode fault = o.putObject("fault");
            fault.put("file", f.file().toString());
            fault.put("line", f.line());
            fault.put("kind", f.kind().label());
            fault.put("detail", f.detail());
        } else {
            o.putNull("fault");
        }
        return o;
    }

    private ObjectNode control(String id, String title, String supports, boolean intact, ControlCheck check,
            ArrayNode gaps) {
        ObjectNode o = NODES.objectNode();
        o.put("id", id);
        o.put("title", title);
        o.put("supports", supports);
        o.put("status", check.status(intact, calls));
        o.put("statusReason", check.reason(intact, calls));
        check.addGaps(gaps, intact, calls);
        o.putObject("figures");
        ArrayNode sample = o.putArray("sample");
        Sample s = samples.get(id);
        if (s != null) {
            s.kept.stream().sorted((a, b) -> Long.compare(a.get("seq").asLong(), b.get("seq").asLong()))
                    .forEach(sample::add);
        }
        return o;
    }

    private ObjectNode a626(boolean intact, AiSystemRegistry inventory, EvidenceUsage u, ArrayNode gaps) {
        List<String> unregistered = new ArrayList<>();
        if (inventory != null) {
            u.unregistered(inventory).forEach(s -> unregistered.add(s.systemId().orElse("(no system id)")));
        }
        ControlCheck check = new ControlCheck("A.6.2.6")
                .gapIf(outside.found(), ControlCheck.CONTRADICTED, outside.contradiction("A.6.2.6"))
                .gapIf(inventory == null, ControlCheck.NOT_EVIDENCED, "no AI-system inventory was given"
                        + " (--systems): the report cannot show that the monitored calls cover the AI systems in"
                        + " operation")
                .gapIf(!unregistered.isEmpty(), ControlCheck.PARTLY, "calls of AI systems the inventory does not"
                        + " list: " + String.join(", ", unregistered))
                .gapIf(redactionOff > 0, ControlCheck.PARTLY, redactionOff + " of " + plural(calls, "call")
                        + " were made with redaction switched off (Redactor.none()): their personal data and secrets"
                        + " were not intercepted")
                .gapIf(redactionUnrecorded > 0, ControlCheck.PARTLY, "whether redaction was on is not recorded"
                        + " for " + redactionUnrecorded + " of " + plural(calls, "call") + " (entries written before"
                        + " the evidence recorded it)")
                .shows(plural(calls, "call") + " of " + plural(u.systems().size(), "registered AI system")
                        + " monitored, with redaction on for every call");
        ObjectNode o = control("A.6.2.6", "AI system operation and monitoring",
                "Every governed call is observed: outcome, latency, and the personal data and secrets intercepted"
                        + " before they left the process.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("calls", calls);
        f.put("allowed", allowed);
        f.put("denied", denied);
        f.put("errors", errors);
        f.put("streamingCalls", streaming);
        long[] sorted = Arrays.copyOf(durations, (int) calls);
        Arrays.sort(sorted);
        f.put("latencyP50Micros", percentile(sorted, 50));
        f.put("latencyP95Micros", percentile(sorted, 95));
        f.put("latencyP99Micros", percentile(sorted, 99));
        f.put("callsWithRedactionOff", redactionOff);
        if (outside.checked()) {
            f.put("aiCallsInTracesOutsideGovernance", outside.ungovernedCalls());
        }
        f.put("callsWithRedactionNotRecorded", redactionUnrecorded);
        f.put("callsWithFindings", callsWithFindings);
        f.put("findingOccurrences", findings.values().stream().mapToLong(Long::longValue).sum());
        f.set("findingOccurrencesByType", counts(findings));
        // One value seen six times is one value: counted by keyed digest where entries carry them, and the note
        // says which calls the count covers rather than pass occurrences off as values.
        distinctValues.write(f);
        f.set("pseudonymsRestoredIntoToolArguments", counts(restorations));
        f.put("uninspectedParts", uninspectedParts);
        ArrayNode days = f.putArray("callsPerDay");
        perDay.forEach((d, n) -> {
            ObjectNode day = days.addObject();
            day.put("day", d.toString());
            day.put("allowed", n[0]);
            day.put("denied", n[1]);
            day.put("errors", n[2]);
        });
        return o;
    }

    private ObjectNode a628(boolean intact, List<Verification> integrity, AiSystemRegistry inventory,
            boolean pinned, ArrayNode gaps) {
        long entries = 0;
        long checkpoints = 0;
        long files = 0;
        long refused = 0;
        for (Verification v : integrity) {
            entries += v.entries();
            checkpoints += v.checkpoints();
            files += v.files();
            refused += v.refusedRecords();
        }
        ControlCheck check = new ControlCheck("A.6.2.8")
                .gapIf(outside.found(), ControlCheck.CONTRADICTED, outside.contradiction("A.6.2.8"))
                .gapIf(!pinned, ControlCheck.PARTLY, "the checkpoint signatures were checked against the public"
                        + " keys stored beside the log, not a pinned key: whoever can rewrite the log could re-sign"
                        + " it (pin the signer's key with --public-key)")
                .gapIf(inventory == null, ControlCheck.PARTLY, "the log is intact, but without an AI-system"
                        + " inventory the report cannot show that every AI system in use keeps event logs")
                .shows("an intact hash chain of " + plural(entries, "entry").replace("entrys", "entries") + ", "
                        + plural(checkpoints, "checkpoint") + " signed with a pinned key");
        ObjectNode o = control("A.6.2.8", "AI system recording of event logs",
                "A hash-chained, signed log records each call with who made it, when, under which policy set, and"
                        + " digests of what was sent and received.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("chainIntact", intact);
        f.put("signingKeysPinned", pinned);
        f.put("entries", entries);
        f.put("files", files);
        f.put("signedCheckpoints", checkpoints);
        f.put("recordsRefusedByWriter", refused);
        f.put("calls", calls);
        f.put("callsWithPrincipal", withPrincipal);
        f.put("callsWithoutPrincipal", calls - withPrincipal);
        f.put("distinctPrincipals", principals.size());
        f.put("callsWithTraceId", withTrace);
        f.put("callsWithRequestDigest", withRequestDigest);
        f.set("digestAlgorithms", counts(digestAlgorithms));
        return o;
    }

    private ObjectNode a75(boolean intact, ArrayNode gaps) {
        long lineage = lineageCalls;
        ControlCheck check = new ControlCheck("A.7.5")
                .gapIf(outside.found(), ControlCheck.CONTRADICTED, outside.contradiction("A.7.5"))
                .gapIf(lineage == 0, ControlCheck.NOT_EVIDENCED, "no call names a parent call or source ids"
                        + " (CallContext.parentCallId, sourceIds): the data that went into the prompts is not traced")
                .shows(lineage + " of " + plural(calls, "call") + " name their lineage (parent call or sources)");
        ObjectNode o = control("A.7.5", "Data provenance",
                "Lineage of each call: the call it continues and the documents or tools whose content went into the"
                        + " prompt, by id.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("calls", calls);
        f.put("callsWithParentCall", withParent);
        f.put("callsWithSourceIds", withSources);
        f.put("distinctSourceIds", sources.size());
        f.put("callsWithSession", withSession);
        f.put("distinctSessions", sessions.size());
        return o;
    }

    private ObjectNode a84(boolean intact, ArrayNode gaps) {
        ControlCheck check = new ControlCheck("A.8.4")
                .shows(plural(denied + errors, "incident") + " recorded: " + plural(denied, "denial") + ", "
                        + plural(governanceFailures, "control failure") + ", " + plural(providerErrors,
                        "provider error"));
        ObjectNode o = control("A.8.4", "Communication of incidents",
                "Incidents the runtime saw: calls denied by policy, controls that failed (the call was refused,"
                        + " failing closed) and provider errors.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("incidents", denied + errors);
        f.put("denials", denied);
        f.put("governanceFailures", governanceFailures);
        f.put("providerErrors", providerErrors);
        f.set("byErrorType", counts(errorsByType));
        f.set("denialsByPolicyAndReason", counts(denialsByReason));
        return o;
    }

    private ObjectNode a92(boolean intact, ArrayNode gaps) {
        ControlCheck check = new ControlCheck("A.9.2")
                .gapIf(outside.found(), ControlCheck.CONTRADICTED, outside.contradiction("A.9.2"))
                .gapIf(withDecisions == 0, ControlCheck.NOT_EVIDENCED, "no policy decision is recorded: no policy"
                        + " was in force")
                .gapIf(withDecisions > 0 && withDecisions < calls, ControlCheck.PARTLY, (calls - withDecisions)
                        + " of " + plural(calls, "call") + " have no policy decision")
                .shows("every call carries its policies' decisions (" + decisionsByPolicy.size()
                        + " policy versions) and the hash of the policy set in force");
        ObjectNode o = control("A.9.2", "Processes for responsible use of AI systems",
                "Policies are enforced on every call: each decision of each policy, allows included, with the hash"
                        + " of the policy set in force.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("calls", calls);
        f.put("callsWithDecisions", withDecisions);
        ObjectNode by = f.putObject("decisionsByPolicy");
        decisionsByPolicy.forEach((k, v) -> by.set(k, counts(v)));
        f.set("policySetHashes", counts(policySets));
        return o;
    }

    private ObjectNode a93(boolean intact, ArrayNode gaps) {
        ControlCheck check = new ControlCheck("A.9.3")
                .gapIf(withDecisions == 0, ControlCheck.NOT_EVIDENCED, "no policy decision is recorded: no rule"
                        + " measured the calls against the objectives")
                .shows("of " + plural(allowed, "answered call") + ", " + (allowed - modified()) + " went unchanged"
                        + " and " + modified() + " were modified (redacted or rewritten by a policy); " + denied
                        + " denied");
        ObjectNode o = control("A.9.3", "Objectives for responsible use of AI system",
                "How the calls measured against the rules that encode the objectives: share answered unchanged,"
                        + " modified (redacted, or rewritten by a policy), denied, and rules in shadow mode that"
                        + " would have denied.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("calls", calls);
        f.put("allowedUnchanged", allowed - modified());
        f.put("modified", modified());
        ObjectNode how = f.putObject("modifiedHow");
        how.put("redacted", redactedOnly);
        how.put("policyModify", policyModifiedOnly);
        how.put("redactedAndPolicyModify", redactedAndPolicyModified);
        f.put("denied", denied);
        f.put("shadowWouldDeny", shadow);
        f.set("shadowByPolicyAndReason", counts(shadowByPolicy));
        f.put("deniedPercent", calls == 0 ? 0 : Math.round(denied * 1000.0 / calls) / 10.0);
        return o;
    }

    private ObjectNode a94(boolean intact, AiSystemRegistry inventory, EvidenceUsage u, ArrayNode gaps) {
        List<EvidenceUsage.Deviation> deviations = inventory == null ? List.of() : u.deviations(inventory);
        List<String> outsideRegistration = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        for (EvidenceUsage.Deviation d : deviations) {
            if (d.answered() > 0) {
                outsideRegistration.add(d.systemId() + " " + d.field() + " '" + d.value() + "' ("
                        + plural(d.answered(), "call") + " answered)");
            } else {
                stopped.add(d.systemId() + " " + d.field() + " '" + d.value() + "' (" + plural(d.calls(), "call")
                        + ")");
            }
        }
        ControlCheck check = new ControlCheck("A.9.4")
                .gapIf(outside.found(), ControlCheck.CONTRADICTED, outside.contradiction("A.9.4"))
                .gapIf(withPurpose == 0, ControlCheck.NOT_EVIDENCED, "no call names its purpose"
                        + " (CallContext.purpose): intended use cannot be shown")
                .gapIf(withPurpose > 0 && withPurpose < calls, ControlCheck.PARTLY, (calls - withPurpose) + " of "
                        + plural(calls, "call") + " name no purpose")
                .gapIf(withPurpose > 0 && inventory == null, ControlCheck.PARTLY, "no AI-system inventory was"
                        + " given: the purposes used cannot be compared with the intended uses")
                .gapIf(!outsideRegistration.isEmpty(), ControlCheck.CONTRADICTED, "use outside registration: "
                        + String.join(", ", outsideRegistration))
                .shows("every call names its system and purpose; every answered call is within the inventory's"
                        + " intended uses, providers and models" + (stopped.isEmpty() ? ""
                        : "; tries outside registration were all stopped: " + String.join(", ", stopped)));
        ObjectNode o = control("A.9.4", "Intended use of the AI system",
                "Each call names its AI system and purpose; the evidence is compared with the inventory's intended"
                        + " uses, providers and models.", intact, check, gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        f.put("calls", calls);
        f.put("callsWithPurpose", withPurpose);
        f.put("callsWithoutPurpose", calls - withPurpose);
        f.put("inventoryGiven", inventory != null);
        ArrayNode systems = f.putArray("systems");
        for (EvidenceUsage.SystemUsage s : u.systems()) {
            ObjectNode n = systems.addObject();
            n.put("systemId", s.systemId().orElse(null));
            n.put("registered", inventory != null && s.systemId().flatMap(inventory::find).isPresent());
            n.put("calls", s.calls());
            n.put("denied", s.denied());
            n.put("distinctPrincipals", s.distinctPrincipals());
            n.set("purposes", counts(s.purposes()));
            n.set("models", counts(s.models()));
        }
        if (inventory != null) {
            ArrayNode unregistered = f.putArray("seenButNotRegistered");
            u.unregistered(inventory).forEach(s -> unregistered.add(s.systemId().orElse("(no system id)")));
            ArrayNode never = f.putArray("registeredButNeverSeen");
            u.neverSeen(inventory).forEach(s -> never.add(s.id()));
            ArrayNode dev = f.putArray("useOutsideRegistration");
            for (EvidenceUsage.Deviation d : deviations) {
                ObjectNode n = dev.addObject();
                n.put("systemId", d.systemId());
                n.put("field", d.field());
                n.put("value", d.value());
                n.put("calls", d.calls());
                n.put("answered", d.answered());
            }
        }
        return o;
    }

    private ObjectNode a103(boolean intact, ArrayNode gaps) {
        ControlCheck check = new ControlCheck("A.10.3")
                .shows(plural(providers.size(), "provider") + " used, with calls and tokens each: "
                        + String.join(", ", providers.keySet()));
        ObjectNode o = control("A.10.3", "Suppliers",
                "The AI providers and models actually used, with calls and tokens per provider.", intact, check,
                gaps);
        ObjectNode f = (ObjectNode) o.get("figures");
        ArrayNode ps = f.putArray("providers");
        providers.forEach((name, p) -> {
            ObjectNode n = ps.addObject();
            n.put("provider", name);
            n.put("calls", p[0]);
            n.put("inputTokens", p[1]);
            n.put("outputTokens", p[2]);
            n.set("models", counts(modelsByProvider.get(name)));
        });
        f.set("responseModels", counts(responseModels));
        f.set("servers", counts(servers));
        return o;
    }

    private static ArrayNode attach(AiSystemRegistry inventory) {
        ArrayNode a = NODES.arrayNode();
        attach(a, "5.2", "AI policy", "The AI policy is a decision of top management; runtime evidence shows its"
                + " rules in force (A.9.2), not the policy itself.", List.of());
        attach(a, "6.1.2", "AI risk assessment", "Risks are assessed before and beside operation; the evidence shows"
                + " incidents (A.8.4), not the assessment.", List.of());
        List<String> refs = new ArrayList<>();
        if (inventory != null) {
            for (AiSystem s : inventory.all()) {
                s.impactAssessmentRef().ifPresent(ref -> refs.add(s.id() + ": " + ref));
            }
        }
        attach(a, "6.1.4", "AI system impact assessment", "Impact assessments are documents; the inventory names"
                + " the references below, which should be attached.", refs);
        attach(a, "9.2", "Internal audit", "The audit programme and its results are documents; this report is an"
                + " input to them.", List.of());
        attach(a, "9.3", "Management review", "Management review minutes are documents; this report is an input"
                + " to them.", List.of());
        return a;
    }

    private static void attach(ArrayNode a, String clause, String title, String why, List<String> refs) {
        ObjectNode o = a.addObject();
        o.put("clause", clause);
        o.put("title", title);
        o.put("status", "attach document");
        o.put("why", why);
        ArrayNode r = o.putArray("references");
        refs.forEach(r::add);
    }

    private static ObjectNode counts(Map<String, Long> m) {
        ObjectNode o = NODES.objectNode();
        if (m != null) {
            m.forEach(o::put);
        }
        return o;
    }

    /** @return {@code 1 call}, {@code 2 calls} */
    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
