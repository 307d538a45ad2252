package dev.aims.cli;

import dev.aims.api.AiSystem;
import dev.aims.evidence.AiSystemInventory;
import dev.aims.evidence.EvidenceUsage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims inventory PATH [--systems FILE]}: lists the AI systems the evidence shows in use — calls, outcomes,
 * providers, models, purposes and the number of distinct principals (a count; principal ids are user ids and are
 * not printed) — beside the registered inventory. With an inventory it flags systems seen but not registered
 * (calls naming no system count as such), registered systems never seen, and use outside a registration (tries
 * that were denied or failed are listed apart, as stopped); exit 1 when something was seen that the inventory does
 * not cover: an unregistered system, or an answered call outside a registration.
 *
 * <p>Several paths are a fleet's evidence, one directory per instance: the view merges them (distinct principals
 * are counted across the fleet).
 */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"List the AI systems the evidence shows in use beside the registered inventory.",
            "Principals are shown as counts of distinct ids, never the ids. With --systems, exit 1 when a system",
            "was seen but not registered, or used outside its registration. Several paths are merged (a fleet)."})
final class InventoryCommand implements Callable<Integer> {
    private static final String NO_SYSTEM = "(no system id)";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "An evidence directory or a single evidence file; several for a fleet.")
    private List<Path> paths;

    @Option(names = "--systems", paramLabel = "FILE", description = "The AI-system inventory, as JSON: format"
            + " examples/aims-systems.schema.json, example examples/aims-systems.json.")
    private Path systems;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usageError = Fleet.checkPaths("inventory", paths);
        if (usageError != null) {
            err.println(usageError);
            return AimsCommand.EXIT_USAGE;
        }
        String path = Fleet.describe(paths);
        AiSystemInventory inventory = null;
        EvidenceUsage usage;
        try {
            if (systems != null) {
                inventory = AiSystemInventory.fromJson(systems);
            }
            usage = paths.size() == 1 ? EvidenceUsage.scan(paths.get(0)) : EvidenceUsage.scan(paths);
        } catch (IllegalArgumentException e) {
            err.println("aims inventory: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("aims inventory: " + e);
            return AimsCommand.EXIT_BAD;
        }

        out.printf("AI systems in %s: %,d calls (principals: number of distinct ids)%n%n", path, usage.calls());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SYSTEM", "REGISTERED", "CALLS", "DENIED", "ERRORS", "PRINCIPALS", "PROVIDERS",
            "MODELS", "PURPOSES"});
        for (EvidenceUsage.SystemUsage s : usage.systems()) {
            String id = s.systemId().orElse(NO_SYSTEM);
            boolean registered = inventory != null && s.systemId().flatMap(inventory::find).isPresent();
            rows.add(new String[] {id, inventory == null ? "-" : registered ? "yes" : "NO", num(s.calls()),
                num(s.denied()), num(s.errors()), num(s.distinctPrincipals()), counts(s.providers()),
                counts(s.models()), counts(s.purposes())});
        }
        if (inventory != null) {
            for (AiSystem s : usage.neverSeen(inventory)) {
                rows.add(new String[] {s.id(), "yes", "0", "-", "-", "-", String.join(",", s.providers()),
                    String.join(",", s.allowedModels()), String.join(",", s.intendedUses())});
            }
        }
        table(out, rows);
        int status = 0;
        if (inventory != null) {
            out.println();
            List<EvidenceUsage.SystemUsage> unregistered = usage.unregistered(inventory);
            List<AiSystem> never = usage.neverSeen(inventory);
            List<EvidenceUsage.Deviation> deviations = usage.deviations(inventory);
            for (EvidenceUsage.SystemUsage s : unregistered) {
                out.printf("SEEN BUT NOT REGISTERED: %s (%,d calls)%n", s.systemId().orElse(NO_SYSTEM), s.calls());
            }
            boolean usedOutside = false;
            for (EvidenceUsage.Deviation d : deviations) {
                if (d.answered() > 0) {
                    usedOutside = true;
                    out.printf("OUTSIDE REGISTRATION: %s used %s '%s' (%,d calls, %,d answered), not in its"
                            + " registration%n", d.systemId(), d.field(), d.value(), d.calls(), d.answered());
                } else {
                    out.printf("TRIED OUTSIDE REGISTRATION, STOPPED: %s tried %s '%s' (%,d calls, none answered)%n",
                            d.systemId(), d.field(), d.value(), d.calls());
                }
            }
            for (AiSystem s : never) {
                out.printf("REGISTERED, NEVER SEEN: %s%n", s.id());
            }
            if (unregistered.isEmpty() && deviations.isEmpty() && never.isEmpty()) {
                out.println("Every system seen is registered and used as registered.");
            }
            status = unregistered.isEmpty() && !usedOutside ? 0 : AimsCommand.EXIT_BAD;
        }
        if (usage.unreadableLines() > 0) {
            err.printf("aims inventory: %s: %,d unreadable lines skipped; run aims verify%n", path,
                    usage.unreadableLines());
        }
        out.flush();
        return status;
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String counts(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add((k.isEmpty() ? "(none)" : k) + "(" + v + ")"));
        return parts.isEmpty() ? "-" : String.join(",", parts);
    }

    private static String num(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
