package dev.aims.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aims} command. Exit status: 0 on success, 1 when what was checked is bad (a finding, a broken chain,
 * an invalid policy), 2 on wrong usage; errors go to stderr, one line each.
 */
@Command(name = "aims", mixinStandardHelpOptions = true, version = "aims 0.1.0-SNAPSHOT",
        description = "Governed AI calls: redact text, verify and report evidence, check policies, find AI use outside"
                + " governance in traces, run the demo.",
        subcommands = {
            DemoCommand.class,
            RedactCommand.class,
            VerifyCommand.class, ReportCommand.class, InventoryCommand.class,
            PolicyCommand.class, DiscoverCommand.class,
        })
public final class AimsCommand implements Runnable {
    /** Exit status when what was checked is bad. */
    public static final int EXIT_BAD = 1;
    /** Exit status on wrong usage. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits the JVM with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @return the exit status
     */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new AimsCommand());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("aims: " + ex.getMessage());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try 'aims --help'");
    }
}
