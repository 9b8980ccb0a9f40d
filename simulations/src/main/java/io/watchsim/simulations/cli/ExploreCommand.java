package io.watchsim.simulations.cli;

import io.watchsim.simulations.explore.DeterministicRuns;
import io.watchsim.simulations.explore.ExploreReport;
import io.watchsim.simulations.explore.Explorer;
import io.watchsim.simulations.explore.SeedOutcome;
import io.watchsim.simulations.explore.SeedRange;
import io.watchsim.simulations.explore.SeedRunner;
import io.watchsim.simulations.explore.Shrinker;
import io.watchsim.simulations.scenario.ScenarioException;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@code watchsim explore SCENARIO --seeds A..B}: many deterministic runs, the failing seeds, a shrunk reproducer. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Runs a scenario deterministically under every seed of a range (in parallel, one thread per "
                + "run), lists the seeds whose run violated an invariant, failed an assertion or left a call "
                + "unanswered (liveness), grouped by what failed, and shrinks the first failure: fewer faults, "
                + "generators, watch rules, operations, objects and queues, a shorter run, while it still fails the "
                + "same way. The smallest scenario is written as OUT/shrunk.conf with the command that reproduces it.",
                "Exit 0 when every seed passed, 1 when one failed, 2 for a mistake in the scenario or the arguments.",
                "Example: watchsim explore scenarios/faults.conf --seeds 1..200 --scale 0.05"})
final class ExploreCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "a scenario file (.conf)")
    Path scenario;

    @Option(names = "--seeds", paramLabel = "A..B", required = true,
            description = "the seeds to run, A..B inclusive (at most " + SeedRange.MAX_SEEDS + "). Example: 1..500")
    String seeds;

    @Option(names = "--jobs", paramLabel = "J",
            description = "runs at a time, 1..256; default the number of cores")
    String jobs;

    @Option(names = "--scale", paramLabel = "F", description = "run at a fraction F of the scenario's size, 0 < F <= 1")
    String scale;

    @Option(names = "--plant-bug", paramLabel = "NAME",
            description = "plant a known bug that fires only under one rare interleaving (to see explore find it): "
                    + "reorder-on-race (an object swaps a watch's records when a post meets a queue's end) or "
                    + "drop-reply-on-close-race (an object never answers a crash-watch request that meets a queue's end)")
    String plantBug;

    @Option(names = "--no-shrink", description = "list the failing seeds only")
    boolean noShrink;

    @Option(names = "--shrink-runs", paramLabel = "N",
            description = "at most N runs spent shrinking, 1..100000; default 300")
    String shrinkRuns;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where shrinking writes its candidates and shrunk.conf; default runs/explore-NAME-yyyyMMdd-HHmmss")
    String out;

    /** Seeds tried after the failing one for each shrinking candidate. */
    static final int EXTRA_SEEDS = 8;

    @Override
    public Integer call() throws IOException {
        SeedRange range;
        try {
            range = SeedRange.parse(seeds);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        int j = jobs == null ? Runtime.getRuntime().availableProcessors() : RunOptions.wholeNumber("--jobs", jobs, 1, 256);
        double factor = scale == null ? 1 : RunOptions.scale(scale);
        int budget = shrinkRuns == null ? 300 : RunOptions.wholeNumber("--shrink-runs", shrinkRuns, 1, 100_000);
        scenario = ScenarioFile.resolve(scenario, ScenarioFile.SCENARIO);
        String name;
        try {
            name = ScenarioLoader.load(scenario).name();
        } catch (ScenarioException e) {
            for (ScenarioProblem p : e.problems()) {
                System.err.println(p);
            }
            return 2;
        }
        io.watchsim.actors.PlantedFault planted = plantBug == null ? io.watchsim.actors.PlantedFault.NONE
                : PlantBugOption.parse(plantBug);
        SeedRunner runner = DeterministicRuns.seedRunner(factor, planted);
        AtomicLong done = new AtomicLong();
        boolean terminal = System.console() != null;
        System.err.println("watchsim explore: " + scenario + ", seeds " + range + ", " + j + " at a time");
        ExploreReport report = new Explorer(runner, j).explore(scenario, range, o -> {
            long n = done.incrementAndGet();
            if (terminal) {
                System.err.print("\r" + n + "/" + range.count() + " seeds run");
            }
        });
        if (terminal) {
            System.err.println();
        }
        report.lines().forEach(System.out::println);
        if (report.failures().isEmpty()) {
            return 0;
        }
        SeedOutcome first = report.failures().get(0);
        String scaleOption = (scale == null ? "" : " --scale " + scale.strip())
                + (plantBug == null ? "" : " --plant-bug " + PlantBugOption.name(planted));
        System.out.println("reproduce: watchsim run " + scenario + " --deterministic --seed " + first.seed()
                + scaleOption + " --history history.jsonl.gz");
        if (!noShrink) {
            Path dir = out != null ? Path.of(out) : Path.of("runs", "explore-" + name + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            RunOptions.makeFolder(dir, "--out");
            Path candidates = Files.createDirectories(dir.resolve("candidates"));
            // Shrinks the scenario as written; every candidate runs at the same scale as the explore.
            String text = ScenarioLoader.portableText(scenario, Map.of("seed", first.seed()));
            Shrinker.Result shrunk = new Shrinker(runner, EXTRA_SEEDS, budget, candidates)
                    .shrink(text, first);
            Path file = dir.resolve("shrunk.conf");
            Files.writeString(file, shrunk.text(), StandardCharsets.UTF_8);
            System.out.println("shrunk in " + shrunk.runs() + " runs: " + (shrunk.changes().isEmpty()
                    ? "no smaller scenario failed the same way" : shrunk.changes().size() + " changes: "
                    + String.join("; ", shrunk.changes())));
            System.out.println("shrunk: " + file + " fails with " + shrunk.outcome().signature() + " under seed "
                    + shrunk.seed());
            System.out.println("reproduce: watchsim run " + file + " --deterministic --seed " + shrunk.seed()
                    + scaleOption + " --history history.jsonl.gz");
        }
        return 1;
    }
}
