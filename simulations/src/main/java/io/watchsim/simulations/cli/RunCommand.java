package io.watchsim.simulations.cli;

import io.watchsim.simulations.script.ScriptRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code watchsim run [SCENARIO]}: the main job. Until the scenario runner exists it runs a
 * kernel script scenario, by default the bundled {@code scenarios/quickstart.wqs}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario; without one, the bundled default scenarios/quickstart.wqs.",
                "Kernel script scenarios (.wqs) are supported; HOCON scenarios arrive with the scenario runner.",
                "Example: watchsim run"})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_SCENARIO = "scenarios/quickstart.wqs";

    @Parameters(paramLabel = "SCENARIO", arity = "0..1",
            description = "the scenario file (default: ${DEFAULT-VALUE} under WATCHSIM_HOME or the current folder)",
            defaultValue = DEFAULT_SCENARIO)
    Path scenario;

    @Override
    public Integer call() {
        Path file = resolve(scenario);
        if (!file.getFileName().toString().endsWith(".wqs")) {
            throw new UserInputException("scenario '" + file + "' is not a kernel script (.wqs); "
                    + "HOCON scenarios (.conf) arrive with the scenario runner");
        }
        ScriptCommand.runScript(file, "a scenario: a kernel script (.wqs)", ScriptRunner.DEFAULT_NOFILE);
        return 0;
    }

    private static Path resolve(Path scenario) {
        String home = System.getenv("WATCHSIM_HOME");
        if (!scenario.isAbsolute() && home != null && !scenario.toFile().exists()) {
            return Path.of(home).resolve(scenario);
        }
        return scenario;
    }
}
