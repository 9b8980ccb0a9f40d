package io.watchsim.simulations.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code watchsim}: the one executable, with a subcommand per job. */
@Command(name = "watchsim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // Subcommands inherit -h/--help and -V/--version with this version provider.
        scope = CommandLine.ScopeType.INHERIT,
        description = "Simulates Linux's general notification queue (watch_queue) on Pekko actors.",
        subcommands = {RunCommand.class, ValidateCommand.class, CheckCommand.class, ReplayCommand.class, ExploreCommand.class, CompareCommand.class, ScriptCommand.class, KeyctlCommand.class,
                PolicyCommand.class, BenchCommand.class, StressCommand.class,
                CommandLine.HelpCommand.class})
public final class WatchSimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Diagnostics.toStderr();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad input). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new WatchSimCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        // Enum values (--selinux-mode strict) in any case; the help still lists the canonical names.
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // keyctl's own options (-x, -f) belong to its command line, not to watchsim.
        cl.getSubcommands().get("keyctl").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return cl.execute(args);
    }
}
