package dev.aims.cli;

import dev.aims.evidence.EvidenceVerifier;
import dev.aims.evidence.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aims verify PATH [--allow-unsealed] [--public-key FILE]…}: recomputes every hash of an evidence directory
 * or file, follows the chain across rotated files and checks every checkpoint signature. Exit 0 with a one-line
 * summary on stdout when intact; exit 1 with {@code file:line: kind: detail} on stderr at the first fault.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify an evidence log: every hash, the chain across files, every checkpoint signature.",
            "Exit 0 and a summary when intact; 1 and the first bad file, line and kind of fault otherwise."})
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "An evidence directory or a single evidence file.")
    private Path path;

    @Option(names = "--allow-unsealed",
            description = "Accept entries after the last checkpoint, as in a log still being written.")
    private boolean allowUnsealed;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "Trust only this PEM Ed25519 public key (repeatable), not the keys in the directory.")
    private List<Path> publicKeys = new ArrayList<>();

    @Override
    public Integer call() {
        if (!Files.exists(path)) {
            spec.commandLine().getErr().println("aims verify: " + path + ": no such file or directory");
            return AimsCommand.EXIT_USAGE;
        }
        try {
            EvidenceVerifier.Builder b = EvidenceVerifier.builder().allowUnsealed(allowUnsealed);
            if (!publicKeys.isEmpty()) {
                List<PublicKey> keys = new ArrayList<>();
                for (Path p : publicKeys) {
                    keys.add(PemKeys.readPublic(p));
                }
                b.trustedKeys(keys);
            }
            Verification v = b.build().verify(path);
            if (v.intact()) {
                spec.commandLine().getOut().println(path + ": " + v.summary());
                spec.commandLine().getOut().flush();
                return 0;
            }
            spec.commandLine().getErr().println("aims verify: " + v.fault().orElseThrow());
            return AimsCommand.EXIT_BAD;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("aims verify: " + e.getMessage());
            return AimsCommand.EXIT_USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("aims verify: " + path + ": cannot read: " + e);
            return AimsCommand.EXIT_BAD;
        }
    }
}
