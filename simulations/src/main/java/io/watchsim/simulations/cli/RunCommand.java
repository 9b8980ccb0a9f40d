package io.watchsim.simulations.cli;

import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioException;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioProblem;
import io.watchsim.simulations.scenario.ScenarioScaling;
import io.watchsim.simulations.script.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code watchsim run [SCENARIO]}: the main job. A HOCON scenario ({@code .conf}) is built, run,
 * checked and judged: a progress line on a terminal, a summary, {@code result.json} in the output
 * folder, exit code 0 when every assertion held and 1 when one did not. A kernel script
 * ({@code .wqs}) runs as {@code watchsim script} runs it. Without an argument: the bundled
 * default scenario.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a scenario: a HOCON scenario (.conf, see docs/SCENARIOS.md) is built, run, checked against "
                + "the invariants and judged by its assertions (exit code 0 when all held, 1 when one failed, 2 for a "
                + "mistake in the scenario); a kernel script (.wqs) runs as 'watchsim script' runs it.",
                "Without a SCENARIO: the bundled default, ${DEFAULT-VALUE}.",
                "Example: watchsim run scenarios/fanout.conf --out runs/fanout"})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_SCENARIO = "scenarios/quickstart.conf";

    @Parameters(paramLabel = "SCENARIO", arity = "0..1",
            description = "the scenario file (default: ${DEFAULT-VALUE} under WATCHSIM_HOME or the current folder)",
            defaultValue = DEFAULT_SCENARIO)
    Path scenario;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where result.json goes (default: the scenario's output.directory, else runs/NAME-TIME)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "the seed, instead of the scenario's")
    Long seed;

    @Option(names = "--duration", paramLabel = "TIME", description = "how long the workload runs (10s, 2m), "
            + "instead of the scenario's duration")
    String duration;

    @Option(names = "--scale", paramLabel = "F", defaultValue = "1",
            description = "run at a fraction F (0 < F <= 1) of the scenario's size: object and queue counts, rates, "
                    + "closed clients and floods times F, times and faults unchanged; default ${DEFAULT-VALUE}")
    double scale;

    @Override
    public Integer call() {
        Path file = resolve(scenario);
        String name = file.getFileName().toString();
        if (name.endsWith(".wqs")) {
            ScriptCommand.runScript(file, "a scenario: a kernel script (.wqs)", ScriptRunner.DEFAULT_NOFILE);
            return 0;
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserInputException("scenario '" + file + "' does not exist or is not a regular file; expected a "
                    + "scenario (.conf, see docs/SCENARIOS.md) or a kernel script (.wqs)");
        }
        if (!(scale > 0 && scale <= 1)) {
            throw new UserInputException("--scale " + scale + " is out of range; allowed a fraction 0 < F <= 1 (0.1 "
                    + "runs a tenth of the scenario)");
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (seed != null) {
            overrides.put("seed", seed);
        }
        if (duration != null) {
            overrides.put("duration", duration);
        }
        Scenario s;
        try {
            s = ScenarioScaling.scale(ScenarioLoader.load(file, overrides), scale);
        } catch (ScenarioException e) {
            for (ScenarioProblem p : e.problems()) {
                System.err.println(p);
            }
            return 2;
        }
        Path dir = out != null ? out : s.output().directory().orElseGet(() -> Path.of("runs",
                s.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        try {
            java.nio.file.Files.createDirectories(dir);   // before the run: a folder we cannot write is found at once
        } catch (java.io.IOException | SecurityException e) {
            throw new UserInputException("output folder '" + dir + "' cannot be made (" + e.getMessage()
                    + "); expected a folder watchsim may create and write (--out DIR)");
        }
        boolean terminal = System.console() != null;
        // The process exits once the result is written: it need not wait for the world to stop.
        ScenarioRunner.Options options = ScenarioRunner.Options.standard().withoutAwaitingStop();
        if (terminal) {
            options = options.withProgress(line -> System.err.print("\r" + line));
        }
        System.err.println("watchsim run: " + s.summary());
        RunResult result = ScenarioRunner.run(s, options);
        if (terminal) {
            System.err.println();
        }
        Path written = ResultWriter.write(result, dir);
        System.out.print(ResultWriter.summary(result));
        System.out.println("result: " + written);
        return result.exitCode();
    }

    private static Path resolve(Path scenario) {
        String home = System.getenv("WATCHSIM_HOME");
        if (!scenario.isAbsolute() && home != null && !scenario.toFile().exists()) {
            return Path.of(home).resolve(scenario);
        }
        return scenario;
    }
}
