package io.watchsim.simulations.cli;

import io.watchsim.simulations.script.ScriptRunner;
import io.watchsim.simulations.script.ScriptText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watchsim script FILE}: runs a kernel script and prints what Linux would print. */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Runs a kernel script (.wqs) against one simulated kernel and prints each op's result "
                + "and every record read, in the format of docs/SCRIPT-LANGUAGE.md.",
                "Example: watchsim script scenarios/quickstart.wqs"})
final class ScriptCommand implements Callable<Integer> {
    /** The FILE that names standard input. */
    static final String STDIN = "-";

    @Parameters(paramLabel = "FILE", description = "the script to run ('-': standard input)")
    Path file;

    @Override
    public Integer call() {
        if (file.toString().equals(STDIN)) {
            // Read it all first: a mistake anywhere stops the script before anything runs.
            String text = ScriptText.read(System.in, "script");
            runText(ScriptText.STDIN, text);
        } else {
            runScript(file, "a kernel script (.wqs) or '-' for standard input");
        }
        return 0;
    }

    /** Runs a script file; {@code expected} says what a missing file should have been. */
    static void runScript(Path file, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("script file '" + file + "' does not exist or is not a regular file; "
                    + "expected " + expected);
        }
        String text = ScriptText.read(file, "script");
        runText(file.toString(), text);
    }

    /** Runs a script's text in a fresh kernel; each line goes to stdout as it is printed. */
    private static void runText(String source, String text) {
        PrintWriter out = new PrintWriter(System.out, false);
        KernelRuntime.withKernel(kernel -> new ScriptRunner(kernel).run(source, text, out));
        out.flush();
    }
}
