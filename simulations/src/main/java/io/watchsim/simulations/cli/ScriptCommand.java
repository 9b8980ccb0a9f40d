package io.watchsim.simulations.cli;

import io.watchsim.simulations.script.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watchsim script FILE}: runs a kernel script and prints what Linux would print. */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Runs a kernel script (.wqs) against one simulated kernel and prints each op's result "
                + "and every record read, as docs/SCRIPT-LANGUAGE.md describes.",
                "Example: watchsim script scenarios/quickstart.wqs"})
final class ScriptCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the script to run")
    Path file;

    @Override
    public Integer call() {
        runScript(file);
        return 0;
    }

    static void runScript(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("script file '" + file + "' does not exist or is not a regular file");
        }
        PrintWriter out = new PrintWriter(System.out, false);
        KernelRuntime.withKernel(kernel -> ScriptRunner.runFile(kernel, file, out));
        out.flush();
    }
}
