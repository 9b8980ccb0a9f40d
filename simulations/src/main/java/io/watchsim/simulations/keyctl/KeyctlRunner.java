package io.watchsim.simulations.keyctl;

import io.watchsim.actors.Kernel;
import io.watchsim.simulations.script.ScriptText;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Entry points of {@code watchsim keyctl}: one command line, or a script of them. */
public final class KeyctlRunner {
    private KeyctlRunner() {
    }

    /**
     * Runs one keyctl command line in a fresh session; what keyctl prints on stdout goes to
     * {@code out}, its error messages to {@code err}, as keyctl prints them; returns keyctl's exit code.
     */
    public static int runCommand(Kernel kernel, long seed, List<String> argv, PrintStream out, PrintStream err) {
        KeyctlSession session = new KeyctlSession(kernel, seed);
        StringBuilder text = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        int code = session.run(argv, false, text, errors);
        out.print(text);
        out.flush();
        err.print(errors);
        err.flush();
        return code;
    }

    /** Runs a script of keyctl lines in one kernel; returns 0 (each line's failure is printed, as a shell shows it). */
    public static int runScript(Kernel kernel, long seed, Path file, PrintStream out) {
        String text = ScriptText.read(file, "keyctl script");
        List<KeyctlScript.Line> lines = KeyctlScript.parse(file.toString(), text);
        out.print(KeyctlScript.run(new KeyctlSession(kernel, seed), lines));
        out.flush();
        return 0;
    }
}
