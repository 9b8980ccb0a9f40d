package io.watchsim.simulations.cli;

import io.watchsim.simulations.experiment.Comparison;
import io.watchsim.simulations.experiment.ExperimentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code watchsim compare RUN_DIR RUN_DIR...}: earlier runs side by side (their metrics, verdicts and
 * scenario differences) as text and as {@code comparison.html}, so that a change to a design can be
 * judged on identical inputs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Puts earlier runs side by side: every metric, every verdict, and the keys where their "
                + "scenarios differ; prints them and writes comparison.html (exit code 0; 2 when a folder is not a "
                + "run's).",
                "Example: watchsim compare runs/a runs/b --out runs/a-vs-b"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", arity = "1..*",
            description = "folders 'watchsim run' wrote (result.json, and scenario.conf for the differences); two or more")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the folder comparison.html is written into: one that exists or can be made; default "
                    + "runs/compare-yyyyMMdd-HHmmss. Example: --out runs/a-vs-b")
    String out;

    @Override
    public Integer call() {
        Comparison c;
        try {
            c = Comparison.of(runs);
        } catch (ExperimentException e) {
            throw new UserInputException(e.getMessage());
        }
        Path dir = out != null ? Path.of(out)
                : Path.of("runs", "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunOptions.makeFolder(dir, out != null ? "--out" : "the default output folder");
        System.out.print(c.text());
        System.out.println("comparison: " + c.write(dir));
        return 0;
    }
}
