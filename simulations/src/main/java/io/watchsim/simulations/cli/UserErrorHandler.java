package io.watchsim.simulations.cli;

import io.watchsim.simulations.script.ScriptException;
import picocli.CommandLine;

/**
 * Turns a user's mistake (a bad script line, a missing file) into one clear line on stderr and
 * exit code 2; anything else is a WatchSim fault, reported with its stack trace and exit code 1.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof ScriptException || ex instanceof UserInputException) {
            cl.getErr().println("watchsim: " + ex.getMessage());
            return 2;
        }
        cl.getErr().println("watchsim: internal error (please report it): " + ex);
        ex.printStackTrace(cl.getErr());
        return 1;
    }
}
