package io.watchsim.simulations.cli;

import io.watchsim.simulations.script.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watchsim script [--nofile N] FILE}: runs a kernel script and prints what Linux would print. */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Runs a kernel script (.wqs) against one simulated kernel and prints each op's result "
                + "and every record read, in the format of docs/SCRIPT-LANGUAGE.md.",
                "Example: watchsim script scenarios/quickstart.wqs"})
final class ScriptCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the script to run")
    Path file;

    // A String, so that a bad value gets one line (UserInputException), not picocli's usage text.
    @Option(names = "--nofile", paramLabel = "N",
            description = "RLIMIT_NOFILE of the script's process: every descriptor is below N, "
                    + "pipe2 is EMFILE past it; 0.." + ScriptRunner.MAX_NOFILE + ", default " + ScriptRunner.DEFAULT_NOFILE)
    String nofile;

    @Override
    public Integer call() {
        int limit = nofile == null ? ScriptRunner.DEFAULT_NOFILE : parseNofile(nofile);
        runScript(file, limit);
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

    static void runScript(Path file) {
        runScript(file, ScriptRunner.DEFAULT_NOFILE);
    }

    static void runScript(Path file, int nofile) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("script file '" + file + "' does not exist or is not a regular file");
        }
        PrintWriter out = new PrintWriter(System.out, false);
        KernelRuntime.withKernel(kernel -> ScriptRunner.runFile(kernel, file, nofile, out));
        out.flush();
    }
}
