package io.watchsim.simulations.cli;

import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioException;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioProblem;
import io.watchsim.simulations.scenario.ScenarioReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code watchsim validate SCENARIO...}: checks scenario files without running them. Prints
 * {@code ok NAME: N objects, ...} per good file on stdout, and every mistake of the others on
 * stderr, one {@code FILE:LINE: KEY: found X, expected Y} line each; exit 2 if any file has one.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks scenario files (HOCON, .conf) without running them: every mistake at once, one "
                + "FILE:LINE: KEY: found X, expected Y line each (exit 2), or one ok line per file with what it builds.",
                "Example: watchsim validate scenarios/*.conf"})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "0..*",
            description = "the scenario files to check: one or more HOCON files (.conf, see docs/SCENARIOS.md), "
                    + "paths relative to the current folder; required unless --keys is given. "
                    + "Example: scenarios/quickstart.conf scenarios/faults.conf")
    List<Path> scenarios = List.of();

    @Option(names = "--keys", description = "print every key a scenario file may hold, and the metrics assertions "
            + "may name (Markdown, as in docs/SCENARIOS.md), instead of checking files; takes no value and no "
            + "SCENARIO. Example: watchsim validate --keys > keys.md")
    boolean keys;

    @Override
    public Integer call() {
        if (keys) {
            if (!scenarios.isEmpty()) {
                throw new UserInputException("--keys takes no SCENARIO, found " + scenarios.size() + " ("
                        + scenarios.get(0) + (scenarios.size() > 1 ? ", ..." : "") + "); allowed: watchsim validate "
                        + "--keys, or watchsim validate SCENARIO... to check files");
            }
            System.out.print(ScenarioReference.markdown());
            return 0;
        }
        if (scenarios.isEmpty()) {
            throw new UserInputException("validate needs at least one scenario file; expected: watchsim validate "
                    + "SCENARIO... (for example scenarios/quickstart.conf)");
        }
        boolean mistakes = false;
        for (Path file : scenarios) {
            try {
                Scenario s = ScenarioLoader.load(file);
                System.out.println("ok " + s.summary());
            } catch (ScenarioException e) {
                mistakes = true;
                for (ScenarioProblem p : e.problems()) {
                    System.err.println(p);
                }
            }
        }
        return mistakes ? 2 : 0;
    }
}
