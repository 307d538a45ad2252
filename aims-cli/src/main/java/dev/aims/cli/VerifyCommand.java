package dev.aims.cli;

import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims verify PATH… [--allow-unsealed] [--public-key FILE]… [--require-pinned-key]}: recomputes every hash
 * of an evidence directory or file, follows the chain across rotated files and checks every checkpoint signature.
 * Exit 0 with a one-line summary on stdout when intact; exit 1 with {@code file:line: kind: detail} on stderr at the
 * first fault.
 *
 * <p>A second line names the public keys the signatures verified with and whether they were pinned
 * ({@code --public-key}). Without a pinned key the signatures were checked against the keys stored beside the log,
 * which whoever can rewrite the log can replace: a warning on stderr says so, and {@code --require-pinned-key}
 * turns it into exit status 1.
 *
 * <p>Several paths are a fleet's evidence, one chain per instance, each with its own signing key: every chain is
 * checked, each intact one gets its summary line on stdout and each broken one its fault on stderr, and a last line
 * on stdout adds them up. Exit 1 if any chain is broken.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify an evidence log: every hash, the chain across files, every checkpoint signature.",
            "Exit 0 and a summary when intact; 1 and the first bad file, line and kind of fault otherwise.",
            "Several paths are a fleet (one chain per instance): each is checked, then a total line.",
            "States which public keys the signatures verified with and whether they were pinned (--public-key);"
                    + " warns when not, and exits 1 then under --require-pinned-key."})
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "An evidence directory or a single evidence file; several for a fleet.")
    private List<Path> paths;

    @Option(names = "--allow-unsealed",
            description = "Accept entries after the last checkpoint, as in a log still being written.")
    private boolean allowUnsealed;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "Trust only this PEM Ed25519 public key (repeatable), not the keys in the directory.")
    private List<Path> publicKeys = new ArrayList<>();

    @Option(names = "--require-pinned-key",
            description = "Exit 1 unless the signatures were checked against a key given with --public-key.")
    private boolean requirePinnedKey;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String usage = Fleet.checkPaths("verify", paths);
        if (usage != null) {
            err.println(usage);
            return AimsCommand.EXIT_USAGE;
        }
        EvidenceVerifier verifier;
        try {
            EvidenceVerifier.Builder b = EvidenceVerifier.builder().allowUnsealed(allowUnsealed);
            if (!publicKeys.isEmpty()) {
                List<PublicKey> keys = new ArrayList<>();
                for (Path p : publicKeys) {
                    keys.add(PemKeys.readPublic(p));
                }
                b.trustedKeys(keys);
            }
            verifier = b.build();
        } catch (IllegalArgumentException e) {
            err.println("aims verify: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (IOException e) {
            // One path keeps the message it always had; a fleet's names no single directory.
            err.println("aims verify: " + (paths.size() == 1 ? paths.get(0) + ": cannot read: "
                    : "cannot read a public key: ") + e);
            return AimsCommand.EXIT_BAD;
        }
        int status = 0;
        List<Verification> intact = new ArrayList<>();
        for (Path path : paths) {
            try {
                Verification v = verifier.verify(path);
                if (v.intact()) {
                    out.println(path + ": " + v.summary());
                    out.println(path + ": " + SigningKeyNote.describe(v));
                    out.flush();
                    intact.add(v);
                    if (!v.keysPinned()) {
                        err.println((requirePinnedKey ? "aims verify: " : "aims verify: warning: ")
                                + SigningKeyNote.unpinned(path));
                        err.flush();
                        if (requirePinnedKey) {
                            status = AimsCommand.EXIT_BAD;
                        }
                    }
                } else {
                    err.println("aims verify: " + v.fault().orElseThrow());
                    status = AimsCommand.EXIT_BAD;
                }
            } catch (IllegalArgumentException e) {
                err.println("aims verify: " + e.getMessage());
                return AimsCommand.EXIT_USAGE;
            } catch (IOException e) {
                err.println("aims verify: " + path + ": cannot read: " + e);
                status = AimsCommand.EXIT_BAD;
            }
        }
        if (paths.size() > 1) {
            long entries = 0;
            long calls = 0;
            long checkpoints = 0;
            for (Verification v : intact) {
                entries += v.entries();
                calls += v.calls();
                checkpoints += v.checkpoints();
            }
            int broken = paths.size() - intact.size();
            out.printf(Locale.ROOT, "fleet: %d chains, %d intact, %d broken; %d entries (%d calls, %d checkpoints)"
                    + " in the intact ones%n", paths.size(), intact.size(), broken, entries, calls, checkpoints);
            out.flush();
        }
        return status;
    }
}
