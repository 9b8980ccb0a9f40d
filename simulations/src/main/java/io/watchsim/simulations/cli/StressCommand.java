package io.watchsim.simulations.cli;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.DispatcherSettings;
import io.watchsim.simulations.stress.StressOutcome;
import io.watchsim.simulations.stress.StressRunner;
import io.watchsim.simulations.stress.StressScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code watchsim stress}: runs kernel scripts many times, several at once, under each dispatcher
 * setting, and reports every script whose output varied, that failed or that did not finish.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Runs kernel scripts (.wqs) many times, several at once, under several dispatcher settings "
                + "(one thread, throughput 1, many threads), compares every run's output with the first run's, "
                + "and lists each script whose output varied, that failed or that did not finish, with the seed "
                + "of a generated script. Exit code 0 when every run agreed, 1 otherwise.",
                "Examples: watchsim stress --runs 200 scenarios/keys.wqs",
                "          watchsim stress --generated 100 --seed 7"})
final class StressCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCRIPT", arity = "0..*", description = "scripts to run (none: generated scripts only)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20",
            description = "runs of each script under each dispatcher setting, default ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "runs at once, default ${DEFAULT-VALUE}")
    int parallel;

    @Option(names = "--generated", paramLabel = "N",
            description = "random scripts to generate and run (default 20 when no SCRIPT is given, else 0)")
    Integer generated;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of the first generated script (the next ones take S+1, S+2, ...), default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--dispatchers", paramLabel = "LIST", split = ",", defaultValue = "one-thread,throughput-1,many-threads",
            description = "dispatcher settings to run under, default ${DEFAULT-VALUE}")
    List<String> dispatchers;

    @Option(names = "--run-bound", paramLabel = "SECONDS", defaultValue = "60",
            description = "a run that takes longer counts as not finished, default ${DEFAULT-VALUE}")
    int runBoundSeconds;

    @Override
    public Integer call() throws IOException {
        StressRunner.Settings settings = settings();
        List<StressScript> scripts = scripts();
        PrintStream out = System.out;
        List<StressOutcome> outcomes;
        try (StressRunner runner = new StressRunner(settings, KernelRuntime.config())) {
            outcomes = runner.run(scripts, line -> System.err.println("watchsim stress: " + line));
        }
        int failed = 0;
        for (StressOutcome o : outcomes) {
            if (o.passed()) {
                out.println("SAME   " + o.script().name() + ": " + o.runs() + " run(s)");
                continue;
            }
            failed++;
            out.printf("%-6s %s: %d of %d run(s) printed the first run's output; replay: %s%n", o.verdict(),
                    o.script().name(), o.same(), o.runs(), o.script().replay());
            o.problems().forEach(p -> out.println("    " + p));
        }
        out.println(failed == 0 ? "stress: all " + outcomes.size() + " script(s) gave the same output in every run"
                : "stress: " + failed + " of " + outcomes.size() + " script(s) did not");
        return failed == 0 ? 0 : 1;
    }

    private StressRunner.Settings settings() {
        if (runs < 1) {
            throw new UserInputException("--runs " + runs + " must be at least 1");
        }
        if (parallel < 1 || parallel > 64) {
            throw new UserInputException("--parallel " + parallel + " must be 1..64");
        }
        if (generated != null && generated < 0) {
            throw new UserInputException("--generated " + generated + " must be 0 or more");
        }
        if (runBoundSeconds < 1) {
            throw new UserInputException("--run-bound " + runBoundSeconds + " must be at least 1 second");
        }
        List<DispatcherSettings> chosen = new ArrayList<>();
        for (String label : dispatchers) {
            chosen.add(DispatcherSettings.byLabel(label.trim()).orElseThrow(() -> new UserInputException(
                    "--dispatchers: unknown setting '" + label + "'; allowed: one-thread, throughput-1, many-threads")));
        }
        Duration bound = Duration.ofSeconds(runBoundSeconds);
        return new StressRunner.Settings(chosen, runs, parallel, bound, bound.dividedBy(2));
    }

    private List<StressScript> scripts() throws IOException {
        List<StressScript> scripts = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserInputException("script file '" + f + "' does not exist or is not a regular file");
            }
            scripts.add(new StressScript(f.toString(), Files.readString(f, StandardCharsets.UTF_8), null));
        }
        int n = generated != null ? generated : files.isEmpty() ? 20 : 0;
        for (int i = 0; i < n; i++) {
            scripts.add(StressScript.generated(seed + i));
        }
        if (scripts.isEmpty()) {
            throw new UserInputException("nothing to run: give SCRIPT files or --generated N with N at least 1");
        }
        return scripts;
    }
}
