package dev.aims.cli;

import dev.aims.evidence.AiSystemInventory;
import dev.aims.evidence.EvidenceReport;
import dev.aims.evidence.Verification;
import dev.aims.evidence.discover.Discovery;
import dev.aims.evidence.discover.TraceDiscovery;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims report PATH… --out DIR [--from T] [--to T] [--systems FILE] [--allow-unsealed] [--public-key FILE]…
 * [--require-pinned-key] [--traces PATH… [--hosts FILE]…]}: writes the ISO/IEC 42001 evidence report,
 * {@code DIR/report.html} and {@code DIR/report.json}. Exit 0 when the evidence is intact, 1 when the report had to
 * state a broken chain (it is written all the same), or, under {@code --require-pinned-key}, when no public key was
 * pinned. The report states which keys verified each chain and whether they were pinned.
 *
 * <p>{@code --traces} adds the section "AI use outside governance": what {@code aims discover} finds in those
 * OpenTelemetry trace exports over the same period, and the Annex A controls the ungoverned calls contradict.
 *
 * <p>Several paths are a fleet's evidence, one chain per instance: the report verifies every chain, adds all of
 * them up and lists each instance's own totals; each broken chain's fault goes to stderr.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the ISO/IEC 42001 evidence report (report.html, report.json) of an evidence log.",
            "Exit 0 when the evidence is intact; 1 when the report states a broken chain.",
            "Several paths are a fleet (one chain per instance): one report, per instance and in total.",
            "States which public keys verified the log and whether they were pinned (--public-key).",
            "--traces adds the section 'AI use outside governance' (see aims discover)."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "An evidence directory or a single evidence file; several for a fleet.")
    private List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the report.")
    private Path out;

    @Option(names = "--from", paramLabel = "WHEN", converter = InstantConverter.class,
            description = "First day or instant of the period (UTC), inclusive.")
    private Instant from;

    @Option(names = "--to", paramLabel = "WHEN", converter = InstantConverter.class,
            description = "Day or instant the period ends (UTC), exclusive.")
    private Instant to;

    @Option(names = "--systems", paramLabel = "FILE", description = "The AI-system inventory, as JSON: format"
            + " examples/aims-systems.schema.json, example examples/aims-systems.json.")
    private Path systems;

    @Option(names = "--allow-unsealed",
            description = "Accept entries after the last checkpoint, as in a log still being written.")
    private boolean allowUnsealed;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "Trust only this PEM Ed25519 public key (repeatable), not the keys in the directory.")
    private List<Path> publicKeys = new ArrayList<>();

    @Option(names = "--traces", arity = "1..*", paramLabel = "PATH", description = "OpenTelemetry trace exports"
            + " (as for aims discover): adds the section 'AI use outside governance' and the controls the"
            + " ungoverned AI calls contradict.")
    private List<Path> traces = new ArrayList<>();

    @Option(names = "--hosts", paramLabel = "FILE", description = "With --traces: more known AI endpoints, as for"
            + " aims discover (repeatable).")
    private List<Path> hosts = new ArrayList<>();

    @Option(names = "--require-pinned-key",
            description = "Exit 1 unless the signatures were checked against a key given with --public-key.")
    private boolean requirePinnedKey;

    /** Scans the traces over the report's period, problems and progress on stderr as aims discover does. */
    private Discovery discover() throws IOException {
        TraceDiscovery.Builder d = TraceDiscovery.builder().hosts(hosts);
        if (from != null) {
            d.from(from);
        }
        if (to != null) {
            d.to(to);
        }
        ScanProgress listener = new ScanProgress("aims report", spec.commandLine().getErr(), Terminal.attached());
        try {
            return d.build().scan(traces, listener);
        } finally {
            listener.done();
        }
    }

    @Override
    public Integer call() {
        String usage = Fleet.checkPaths("report", paths);
        if (usage != null) {
            spec.commandLine().getErr().println(usage);
            return AimsCommand.EXIT_USAGE;
        }
        try {
            EvidenceReport.Builder b = EvidenceReport.builder().evidence(paths).allowUnsealed(allowUnsealed);
            if (from != null) {
                b.from(from);
            }
            if (to != null) {
                b.to(to);
            }
            if (systems != null) {
                b.inventory(AiSystemInventory.fromJson(systems));
            }
            if (!hosts.isEmpty() && traces.isEmpty()) {
                throw new IllegalArgumentException("--hosts needs --traces");
            }
            if (!publicKeys.isEmpty()) {
                List<PublicKey> keys = new ArrayList<>();
                for (Path p : publicKeys) {
                    keys.add(PemKeys.readPublic(p));
                }
                b.trustedKeys(keys);
            }
            Discovery found = null;
            if (!traces.isEmpty()) {
                found = discover();
                b.outsideGovernance(found);
            }
            List<Verification> all = b.build().writeAll(out);
            List<Verification> broken = all.stream().filter(v -> !v.intact()).toList();
            String status = paths.size() == 1 ? (broken.isEmpty() ? "intact" : "BROKEN")
                    : broken.isEmpty() ? "of " + all.size() + " instances intact"
                    : "BROKEN in " + broken.size() + " of " + all.size() + " chains";
            spec.commandLine().getOut().println("wrote " + out.resolve(EvidenceReport.HTML_FILE) + " and "
                    + EvidenceReport.JSON_FILE + "; evidence " + status);
            if (found != null) {
                spec.commandLine().getOut().println("traces: " + found.ungovernedCalls() + " of "
                        + (found.governedCalls() + found.ungovernedCalls()) + " AI calls outside governance"
                        + (found.ungovernedCalls() > 0 ? " (see 'AI use outside governance')" : ""));
            }
            spec.commandLine().getOut().flush();
            for (Verification v : broken) {
                spec.commandLine().getErr().println("aims report: " + v.fault().orElseThrow());
            }
            boolean unpinned = false;
            for (Verification v : all) {
                if (v.intact() && !v.keysPinned()) {
                    unpinned = true;
                    spec.commandLine().getErr().println((requirePinnedKey ? "aims report: " : "aims report: warning: ")
                            + SigningKeyNote.unpinned(v.path()));
                }
            }
            return broken.isEmpty() && !(unpinned && requirePinnedKey) ? 0 : AimsCommand.EXIT_BAD;
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("aims report: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("aims report: " + e);
            return AimsCommand.EXIT_BAD;
        }
    }
}
