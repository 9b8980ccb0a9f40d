package io.watchsim.simulations.cli;

import picocli.CommandLine;

/**
 * A command line that picocli cannot parse (an unknown option, a value of the wrong type, a
 * missing argument) is one line on stderr, naming the value and where to read what is allowed,
 * and exit code 2; the usage is not dumped after it.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ")
                .replaceAll("\\.$", "");
        cl.getErr().println("watchsim: " + message + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        return 2;
    }
}
