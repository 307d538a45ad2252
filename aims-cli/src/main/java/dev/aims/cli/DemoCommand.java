package dev.aims.cli;

import dev.aims.api.AiSystem;
import dev.aims.api.CallRecord;
import dev.aims.api.PolicyDecision;
import dev.aims.api.PolicySet;
import dev.aims.core.GovernedClient;
import dev.aims.core.policy.PolicyFile;
import dev.aims.core.policy.PolicyLoader;
import dev.aims.core.policy.PolicyValidationException;
import dev.aims.evidence.AiSystemInventory;
import dev.aims.evidence.EvidenceLog;
import dev.aims.evidence.EvidenceReport;
import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import dev.aims.otel.AimsTelemetry;
import dev.aims.redact.AimsRedactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aims demo [--out DIR] [--endpoint URL [--model M] [--api-key-env VAR]] [--policy FILE]}: the end-to-end
 * story. It drives LangChain4j's real OpenAI clients, wrapped by AIMS, through five calls — a support question
 * with personal data, a prompt with a private key, a model that is not allowed, a streamed answer, a tool-using AI
 * service — under the example policy, then writes {@code DIR/spans.jsonl} (OTLP JSON), {@code DIR/evidence/} (the
 * sealed evidence log) and {@code DIR/report/report.html} and {@code report.json}, and verifies the evidence
 * against the pinned public key of {@code DIR/evidence-signing.key}, a signing key generated beside the output on
 * the first run (outside the evidence directory, as a real key must be).
 * Without {@code --endpoint} the provider is an OpenAI-compatible server on 127.0.0.1 that quotes back what it
 * received: no API key, no network. Exit 0 when the story went as expected (the denials denied, the rest allowed,
 * the evidence intact, no seeded value in what left the process or in the outputs), 1 otherwise, 2 on wrong usage.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the end-to-end story: governed LangChain4j calls, then spans, evidence and report.",
            "Needs no API key and no network unless --endpoint is given.",
            "Exit 0 when the story went as expected; 1 when it did not; 2 on wrong usage."})
final class DemoCommand implements Callable<Integer> {
    static final String SPANS_FILE = "spans.jsonl";
    static final String EVIDENCE_DIR = "evidence";
    static final String REPORT_DIR = "report";
    /** The demo's signing key, generated beside its output on the first run: apart from the log it signs. */
    static final String SIGNING_KEY_FILE = "evidence-signing.key";
    static final String SIGNING_PUBLIC_FILE = "evidence-signing.pub";
    static final String DEFAULT_MODEL = "gpt-4o-mini";
    static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";
    static final Path EXAMPLE_POLICY = Path.of("examples", "aims-policy.json");

    /**
     * The request bodies the loopback server received during the last demo run in this JVM. The demo checks them
     * itself; tests read them to check the same independently.
     */
    static volatile List<String> lastProviderBodies = List.of();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "aims-demo-out",
            description = "Where to write spans.jsonl, evidence/ and report/ (default: ${DEFAULT-VALUE}).")
    private Path outDir;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Run against this OpenAI-compatible base URL (e.g. https://api.openai.com/v1) instead of"
                    + " the loopback server.")
    private String endpoint;

    @Option(names = "--model", paramLabel = "M",
            description = "The model the allowed calls use, with --endpoint (default: " + DEFAULT_MODEL + ").")
    private String model;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "The environment variable holding the API key, with --endpoint (default: "
                    + DEFAULT_API_KEY_ENV + ").")
    private String apiKeyEnv;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The policy file (default: examples/aims-policy.json, else the copy in aims.jar).")
    private Path policyPath;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoStory.Endpoint target;
        PolicyFile policyFile;
        try {
            target = endpoint();
            policyFile = readPolicy();
            prepare(outDir);
        } catch (UsageException e) {
            err.println("aims demo: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (PolicyValidationException e) {
            err.println("aims demo: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("aims demo: " + e);
            return AimsCommand.EXIT_BAD;
        }
        try {
            return run(target, policyFile, out);
        } catch (IOException e) {
            err.println("aims demo: " + e);
            return AimsCommand.EXIT_BAD;
        }
    }

    private int run(DemoStory.Endpoint target, PolicyFile policyFile, PrintWriter out) throws IOException {
        AimsRedactor redactor = AimsRedactor.create();
        PolicySet policies = PolicyLoader.builder().redactor(redactor).build().load(policyFile);
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        Path evidenceDir = outDir.resolve(EVIDENCE_DIR);
        List<DemoStory.Step> steps;
        List<String> providerBodies;
        try (QuoteBackServer server = target == null ? QuoteBackServer.start() : null;
                DemoTelemetry telemetry = DemoTelemetry.open(outDir.resolve(SPANS_FILE));
                EvidenceLog evidence = EvidenceLog.builder().directory(evidenceDir)
                        .signingKey(outDir.resolve(SIGNING_KEY_FILE)).build()) {
            DemoStory.Endpoint to = target != null ? target
                    : new DemoStory.Endpoint(server.baseUrl(), "demo-key-not-a-secret", DEFAULT_MODEL,
                            Duration.ofSeconds(10));
            URI uri = URI.create(to.baseUrl());
            AimsTelemetry spans = AimsTelemetry.builder(telemetry.openTelemetry()).build();
            Consumer<GovernedClient.Builder> governance = aims -> aims
                    .redactor(redactor)
                    .policies(policies.policies())
                    .server(uri.getHost(), port(uri))
                    .observer(spans.observer())
                    .observer(evidence)
                    .observer(records::add);
            out.println("AIMS demo: LangChain4j's OpenAI clients, each wrapped by AimsLangChain4j.govern, under "
                    + policyFile.origin() + " (version " + policyFile.version() + ", " + policyFile.rules().size()
                    + " rules).");
            out.println(server != null
                    ? "The provider is an OpenAI-compatible server on " + server.baseUrl()
                            + " that answers by quoting back what it received."
                    : "The provider is " + to.baseUrl() + ", model " + to.model() + ".");
            steps = new DemoStory(to, governance, records, server, out).run();
            providerBodies = server == null ? List.of() : server.received();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        lastProviderBodies = providerBodies;

        printTable(out, steps);
        Path publicKey = outDir.resolve(SIGNING_PUBLIC_FILE);
        List<PublicKey> pinned = List.of(PemKeys.readPublic(publicKey));
        Verification verified = EvidenceVerifier.builder().trustedKeys(pinned).build().verify(evidenceDir);
        Path reportDir = outDir.resolve(REPORT_DIR);
        Verification reported = EvidenceReport.builder().evidence(evidenceDir).inventory(inventory())
                .trustedKeys(pinned).build().write(reportDir);
        out.println();
        out.println("evidence: " + verified.summary());
        out.println("signing key: " + outDir.resolve(SIGNING_KEY_FILE) + ", generated beside the output for this"
                + " demo, outside " + EVIDENCE_DIR + "/ (keep a real one in a key store or a file of its own);"
                + " the log was verified against its public key " + publicKey + ", pinned");
        List<String> leaks = leaks(providerBodies);
        out.println(leaks.isEmpty() ? "leak check: none of the seeded values (e-mail address, card number, private"
                + " key) is in " + (target == null ? "what the provider received, " : "") + SPANS_FILE + ", "
                + EVIDENCE_DIR + "/ or " + REPORT_DIR + "/" : "LEAK: " + String.join("; ", leaks));
        out.println();
        out.println("Where to look:");
        out.printf("  %-40s the spans, OTLP JSON, one export request a line%n", outDir.resolve(SPANS_FILE));
        out.printf("  %-40s the evidence log; check it with: aims verify --public-key %s %s%n", evidenceDir + "/",
                publicKey, evidenceDir);
        out.printf("  %-40s the ISO/IEC 42001 evidence report (and report.json)%n",
                reportDir.resolve(EvidenceReport.HTML_FILE));

        boolean storyOk = steps.stream().allMatch(DemoStory.Step::asExpected);
        boolean evidenceOk = verified.intact() && reported.intact() && verified.calls() == records.size();
        if (!storyOk || !evidenceOk || !leaks.isEmpty()) {
            out.println();
            out.println("The demo did NOT go as expected:" + (storyOk ? "" : " a step had an unexpected outcome;")
                    + (evidenceOk ? "" : " the evidence is not intact or incomplete;")
                    + (leaks.isEmpty() ? "" : " a seeded value leaked;"));
        }
        out.flush();
        return storyOk && evidenceOk && leaks.isEmpty() ? 0 : AimsCommand.EXIT_BAD;
    }

    private DemoStory.Endpoint endpoint() {
        if (endpoint == null) {
            if (model != null || apiKeyEnv != null) {
                throw new UsageException("--model and --api-key-env need --endpoint");
            }
            return null;
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--endpoint: '" + endpoint + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UsageException("--endpoint: '" + endpoint + "' is not an http or https URL");
        }
        String variable = apiKeyEnv == null ? DEFAULT_API_KEY_ENV : apiKeyEnv;
        String key = System.getenv(variable);
        if (key == null || key.isBlank()) {
            throw new UsageException("--api-key-env: environment variable " + variable + " is not set (set it to"
                    + " the API key; any value for a server that needs none)");
        }
        return new DemoStory.Endpoint(endpoint, key, model == null ? DEFAULT_MODEL : model, Duration.ofSeconds(120));
    }

    /** The policy: the one named, else the example in the working directory, else the copy in the jar. */
    private PolicyFile readPolicy() throws IOException {
        if (policyPath != null) {
            if (!Files.isRegularFile(policyPath)) {
                throw new UsageException("--policy: " + policyPath + ": no such file");
            }
            return PolicyFile.read(policyPath);
        }
        if (Files.isRegularFile(EXAMPLE_POLICY)) {
            return PolicyFile.read(EXAMPLE_POLICY);
        }
        try (InputStream in = DemoCommand.class.getResourceAsStream("aims-policy.json")) {
            if (in == null) {
                throw new IOException("the example policy is missing from the jar (dev/aims/cli/aims-policy.json)");
            }
            return PolicyFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "aims-policy.json (bundled copy of examples/aims-policy.json)");
        }
    }

    /**
     * Makes room for this run's outputs: each run starts a new evidence log. Only what a demo run writes is
     * removed; anything else in the way stops the demo before it deletes a thing.
     */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out: " + dir + " is not a directory");
        }
        Path evidence = dir.resolve(EVIDENCE_DIR);
        Path report = dir.resolve(REPORT_DIR);
        List<Path> owned = new ArrayList<>();
        owned.addAll(owned(evidence, n -> n.matches("evidence-\\d+\\.jsonl(\\.torn-\\d+)?") || n.endsWith(".pub")
                || n.equals("signing.key") || n.equals("instance.id") || n.equals(".lock")));
        owned.addAll(owned(report, n -> n.equals(EvidenceReport.HTML_FILE) || n.equals(EvidenceReport.JSON_FILE)));
        Path spans = dir.resolve(SPANS_FILE);
        if (Files.isDirectory(spans)) {
            throw new UsageException("--out: " + spans + " is a directory; choose another --out");
        }
        for (Path p : owned) {
            Files.delete(p);
        }
        Files.deleteIfExists(spans);
        Files.createDirectories(dir);
    }

    private static List<Path> owned(Path dir, Predicate<String> ours) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--out: " + dir + " is not a directory; choose another --out");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().collect(Collectors.toList());
            for (Path p : all) {
                if (Files.isDirectory(p) || !ours.test(p.getFileName().toString())) {
                    throw new UsageException("--out: " + p + " was not written by aims demo; choose another --out");
                }
            }
            return all;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The systems of the story, so that the report can state their intended uses. */
    private static AiSystemInventory inventory() {
        return AiSystemInventory.builder()
                .register(AiSystem.builder("payments-desk").name("Payments desk assistant").owner("payments-team")
                        .intendedUses(List.of("customer-support", "billing")).providers(List.of("openai"))
                        .allowedModels(List.of("gpt-4o*")).riskLevel("limited")
                        .dataCategories(List.of("contact-data", "payment-data")).build())
                .register(AiSystem.builder("support-bot").name("Customer support assistant").owner("support-team")
                        .intendedUses(List.of("customer-support", "order-tracking")).providers(List.of("openai"))
                        .allowedModels(List.of("gpt-4o*")).riskLevel("limited")
                        .dataCategories(List.of("contact-data")).build())
                .build();
    }

    private static void printTable(PrintWriter out, List<DemoStory.Step> steps) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "call", "model", "outcome", "deciding policy", "findings"});
        int n = 1;
        for (DemoStory.Step step : steps) {
            for (int i = 0; i < step.calls().size(); i++) {
                CallRecord r = step.calls().get(i);
                String call = step.name() + (step.calls().size() > 1 ? " (" + (i + 1) + ")" : "");
                rows.add(new String[] {String.valueOf(n++), call, r.requestModel(), r.outcome().wireName(),
                    r.decisiveDecision().map(DemoCommand::describe).orElseGet(() -> redactingPolicies(r)),
                    findings(r.findingCounts())});
            }
            if (step.calls().isEmpty()) {
                rows.add(new String[] {"-", step.name(), "-", "no call", "-", "-"});
            }
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        out.println();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format(Locale.ROOT, "%-" + width[c] + "s  ",
                        row[c]));
            }
            out.println(line.toString().stripTrailing());
        }
        long unexpected = steps.stream().filter(s -> !s.asExpected()).count();
        out.println(unexpected == 0 ? "every call ended as the story expects" : unexpected
                + " step(s) did not end as the story expects");
    }

    private static String describe(PolicyDecision d) {
        return d.policyId() + " " + d.effect().name().toLowerCase(Locale.ROOT) + " at " + stage(d) + " ("
                + d.reasonCode() + ")";
    }

    /** For an allowed call: the policies that chose how its findings were redacted, if any. */
    private static String redactingPolicies(CallRecord r) {
        String ids = r.decisions().stream().filter(d -> d.obligations().keySet().stream()
                .anyMatch(k -> k.startsWith(PolicyDecision.REDACT_OPERATOR_OBLIGATION)))
                .map(PolicyDecision::policyId).distinct().collect(Collectors.joining(", "));
        return ids.isEmpty() ? "-" : ids + " (chose the redaction)";
    }

    static String stage(PolicyDecision d) {
        return d.stage().name().toLowerCase(Locale.ROOT);
    }

    private static String findings(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        return new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** @return where a seeded value was found: in the provider's received bodies or in the outputs */
    private List<String> leaks(List<String> providerBodies) throws IOException {
        Map<String, String> seeded = seeded();
        List<String> found = new ArrayList<>();
        String sent = String.join("\n", providerBodies);
        seeded.forEach((what, value) -> {
            if (sent.contains(value)) {
                found.add("the " + what + " reached the provider");
            }
        });
        List<Path> files = new ArrayList<>();
        files.add(outDir.resolve(SPANS_FILE));
        for (String d : List.of(EVIDENCE_DIR, REPORT_DIR)) {
            try (Stream<Path> s = Files.walk(outDir.resolve(d))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            seeded.forEach((what, value) -> {
                if (text.contains(value)) {
                    found.add("the " + what + " is in " + f);
                }
            });
        }
        return found;
    }

    /** @return the seeded sensitive values, by what they are, in the forms they could take */
    static Map<String, String> seeded() {
        Map<String, String> seeded = new TreeMap<>();
        seeded.put("e-mail address", DemoStory.EMAIL);
        seeded.put("card number", DemoStory.CARD);
        seeded.put("card number (digits only)", DemoStory.CARD.replace(" ", ""));
        seeded.put("private key", DemoStory.PRIVATE_KEY_BODY);
        return seeded;
    }

    /** Wrong usage, reported on one line with exit status 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
