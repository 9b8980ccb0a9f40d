package io.watchsim.simulations.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command line that picocli cannot parse (an unknown option, a value of the wrong type, a
 * missing argument) is one line on stderr, naming the value, what is allowed (for an unknown
 * option the command's options, with the nearest one; for an argument too many the command's
 * synopsis) and where to read more, and exit code 2; the usage is not dumped after it.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = oneLine(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            message += allowed(cl, unmatched);
        }
        cl.getErr().println("watchsim: " + message + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        return 2;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).strip().replaceAll("\\s*\\R\\s*", "; ").replaceAll("\\.$", "");
    }

    /** What the command takes instead of the unmatched argument. */
    private static String allowed(CommandLine cl, CommandLine.UnmatchedArgumentException ex) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (ex.isUnknownOption()) {
            List<String> suggestions = ex.getSuggestions();
            String options = spec.options().stream().map(OptionSpec::longestName).sorted()
                    .collect(Collectors.joining(", "));
            return (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?")
                    + (options.isEmpty() ? "" : "; allowed options: " + options);
        }
        if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return "; allowed commands: " + String.join(", ", spec.subcommands().keySet());
        }
        // One line however long the synopsis: picocli would wrap it at the help's width, inside an option's label.
        int width = cl.getUsageHelpWidth();
        cl.setUsageHelpWidth(10_000);
        try {
            return "; usage: " + oneLine(cl.getHelp().synopsis(0)).replaceAll(";\\s*", " ");
        } finally {
            cl.setUsageHelpWidth(width);
        }
    }
}
