package io.watchsim.simulations.cli;

import io.watchsim.actors.KernelFault;
import io.watchsim.simulations.script.ScriptException;
import picocli.CommandLine;

import java.util.concurrent.CompletionException;

/**
 * Turns a user's mistake (a bad script line, a missing file) into one clear line on stderr and
 * exit code 2. A fault of the simulated kernel (a part that did not answer within its bound)
 * is one line saying what was waited for, exit code 1; anything else is a WatchSim bug, reported
 * with its stack trace and exit code 1.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof ScriptException || ex instanceof UserInputException) {
            cl.getErr().println("watchsim: " + ex.getMessage());
            return 2;
        }
        Throwable cause = ex instanceof CompletionException c && c.getCause() != null ? c.getCause() : ex;
        if (cause instanceof KernelFault fault) {
            cl.getErr().println("watchsim: kernel fault (please report it): " + fault.getMessage());
            return 1;
        }
        cl.getErr().println("watchsim: internal error (please report it): " + ex);
        ex.printStackTrace(cl.getErr());
        return 1;
    }
}
