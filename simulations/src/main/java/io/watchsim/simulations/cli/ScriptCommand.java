package io.watchsim.simulations.cli;

import io.watchsim.actors.sim.SimSettings;
import io.watchsim.simulations.script.ScriptRunner;
import io.watchsim.sources.mounts.V5Bugs;
import io.watchsim.simulations.script.ScriptText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code watchsim script [--nofile N] [--v5-bugs] [--deterministic [--seed N]] FILE}: runs a kernel script and prints what Linux would print. */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Runs a kernel script (.wqs) against one simulated kernel and prints each op's result "
                + "and every record read, in the format of docs/SCRIPT-LANGUAGE.md.",
                "Example: watchsim script scenarios/quickstart.wqs"})
final class ScriptCommand implements Callable<Integer> {
    /** The FILE that names standard input. */
    static final String STDIN = "-";

    @Parameters(paramLabel = "FILE", description = "the script to run ('-': standard input)")
    Path file;

    // A String, so that a bad value gets one line (UserInputException), not picocli's usage text.
    @Option(names = "--nofile", paramLabel = "N",
            description = "RLIMIT_NOFILE of the script's process: every descriptor is below N, "
                    + "pipe2 is EMFILE past it; 0.." + ScriptRunner.MAX_NOFILE + ", default " + ScriptRunner.DEFAULT_NOFILE)
    String nofile;

    @Option(names = "--v5-bugs",
            description = "reproduce the bugs of the ver #5 mount and superblock code (watch calls on a descriptor "
                    + "that is no notification pipe return 0, SETATTR's is_now_ro reports nosuid, removal records of "
                    + "mount watches carry dentry addresses, watch_sb looks up with its at_flags and puts its tag in the top byte of "
                    + "info); "
                    + "default: what the code was meant to do")
    boolean v5Bugs;

    @picocli.CommandLine.Mixin
    ScheduleOptions schedule = new ScheduleOptions();

    // A String, so that a bad value gets one line (UserInputException), not picocli's usage text.
    @Option(names = "--seed", paramLabel = "N",
            description = "with --deterministic: the seed that decides the schedule (a whole number); default 1")
    String seed;

    /** The seed of a deterministic script run without --seed. */
    static final long DEFAULT_SEED = 1;

    @Override
    public Integer call() {
        int limit = nofile == null ? ScriptRunner.DEFAULT_NOFILE : parseNofile(nofile);
        V5Bugs bugs = v5Bugs ? V5Bugs.all() : V5Bugs.none();
        if (seed != null && !schedule.deterministic) {
            throw new UserInputException("--seed " + seed + " needs --deterministic (a concurrent script run"
                    + " has no seed)");
        }
        Optional<SimSettings> sim = schedule.settings(seed == null ? DEFAULT_SEED : RunOptions.seed(seed));
        if (file.toString().equals(STDIN)) {
            // Read it all first: a mistake anywhere stops the script before anything runs.
            String text = ScriptText.read(System.in, "script");
            runText(ScriptText.STDIN, text, limit, bugs, sim);
        } else {
            runScript(file, "a kernel script (.wqs) or '-' for standard input", limit, bugs, sim);
        }
        return 0;
    }

    /** A --nofile value, or one line saying what is wrong with it and what is allowed. */
    static int parseNofile(String text) {
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UserInputException("--nofile '" + text + "' is not a whole number; allowed 0.."
                    + ScriptRunner.MAX_NOFILE);
        }
        if (n < 0 || n > ScriptRunner.MAX_NOFILE) {
            throw new UserInputException("--nofile " + n + " is outside 0.." + ScriptRunner.MAX_NOFILE
                    + " (the most RLIMIT_NOFILE can be is fs.nr_open, " + ScriptRunner.MAX_NOFILE + ")");
        }
        return (int) n;
    }

    /**
     * Runs a script file for a process whose RLIMIT_NOFILE is {@code nofile}; {@code expected}
     * says what a missing file should have been.
     */
    static void runScript(Path file, String expected, int nofile) {
        runScript(file, expected, nofile, V5Bugs.none());
    }

    /** The same, reproducing the ver #5 bugs {@code bugs} selects. */
    static void runScript(Path file, String expected, int nofile, V5Bugs bugs) {
        runScript(file, expected, nofile, bugs, Optional.empty());
    }

    /** The same, deterministically when {@code sim} is given. */
    static void runScript(Path file, String expected, int nofile, V5Bugs bugs, Optional<SimSettings> sim) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("script file '" + file + "' does not exist or is not a regular file; "
                    + "expected " + expected);
        }
        String text = ScriptText.read(file, "script");
        runText(file.toString(), text, nofile, bugs, sim);
    }

    /** Runs a script's text in a fresh kernel; each line goes to stdout as it is printed. */
    private static void runText(String source, String text, int nofile, V5Bugs bugs, Optional<SimSettings> sim) {
        PrintWriter out = new PrintWriter(System.out, false);
        KernelRuntime.withKernel(sim, kernel -> new ScriptRunner(kernel, nofile, bugs).run(source, text, out));
        out.flush();
    }
}
