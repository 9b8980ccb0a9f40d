package io.watchsim.simulations.cli;

import io.watchsim.simulations.experiment.SweepAxis;
import io.watchsim.simulations.report.ReportedRun;
import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioException;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioProblem;
import io.watchsim.simulations.scenario.ScenarioScaling;
import io.watchsim.simulations.scenario.Units;
import io.watchsim.simulations.script.ScriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
                + "mistake in the scenario or on the command line), and writes result.json, scenario.conf and "
                + "report.html (charts; opens without a network, see docs/REPORTS.md) into its output folder; a kernel "
                + "script (.wqs) runs as 'watchsim script' runs it, and takes none of the options.",
                "Without a SCENARIO: the bundled default, " + RunCommand.DEFAULT_SCENARIO + ".",
                "Example: watchsim run scenarios/faults.conf --seed 7 --duration 20s --scale 0.1 --out runs/faults"})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_SCENARIO = "scenarios/quickstart.conf";

    @Parameters(paramLabel = "SCENARIO", arity = "0..1", defaultValue = DEFAULT_SCENARIO,
            description = "a scenario file (.conf) or a kernel script (.wqs); a relative path is looked for in the "
                    + "current folder, then under WATCHSIM_HOME; default ${DEFAULT-VALUE}. "
                    + "Example: scenarios/faults.conf")
    Path scenario;

    // The values are taken as text: RunOptions says in one line what is wrong with a bad one.
    @Option(names = "--out", paramLabel = "DIR",
            description = "the folder result.json, scenario.conf and report.html are written into (an experiment's "
                    + "runs and comparison, with --sweep or --replications): one that exists or can be made; default the "
                    + "scenario's output.directory, else runs/NAME-yyyyMMdd-HHmmss. Example: --out runs/faults")
    String out;

    @Option(names = "--seed", paramLabel = "N",
            description = "the seed of the run's random streams, in place of the scenario's: a whole number "
                    + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ". Example: --seed 42")
    String seed;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "how long the workload runs, in place of the scenario's duration: a number above 0 and a "
                    + "unit ns, us, ms, s, m or h; every time the scenario names must still fall before its end. "
                    + "Example: --duration 30s")
    String duration;

    @Option(names = "--scale", paramLabel = "F",
            description = "run at a fraction F of the scenario's size: object and queue counts, rates, closed "
                    + "clients and floods times F (at least one of each; a flood that overfills its queues keeps "
                    + "twice their size), queue sizes, times and faults unchanged; 0 < F <= 1, default 1. "
                    + "Example: --scale 0.1")
    String scale;

    @Option(names = "--history", paramLabel = "FILE",
            description = "keep the run's history (every post, fate and read), check every invariant per watch with "
                    + "it, and write it to FILE (JSON lines; gzip if FILE ends in .gz) for 'watchsim check FILE': a "
                    + "file path whose folder exists or can be made; slows the run. Without it (and without output.history in the "
                    + "scenario) per-watch conservation and security are not checked. Example: --history runs/h.jsonl.gz")
    String history;

    @Option(names = "--sample-interval", paramLabel = "TIME",
            description = "how often the report's time series are sampled, in run time, in place of the scenario's "
                    + "output.sample-interval (default 100ms): 1ms..1h. Example: --sample-interval 250ms")
    String sampleInterval;

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2",
            description = "run every value of a scenario key (repeat for a grid of several keys): one run per point "
                    + "and replication, each into OUT/point-NN/rep-R with its own report, and one comparison "
                    + "(OUT/comparison.html, OUT/experiment.json); exit code 0 when every run passed. KEY a scenario key as "
                    + "'watchsim validate --keys' lists them. Example: --sweep queues.main.size=32,128,512")
    List<String> sweep = new ArrayList<>();

    @Option(names = "--replications", paramLabel = "N",
            description = "run each point (or the scenario, without --sweep) N times, replication 1 with the "
                    + "scenario's seed, replication r with the seed derived for 'replication-r' "
                    + "(docs/REPORTS.md): 1..1000, default 1. Example: --replications 3")
    String replications;

    @picocli.CommandLine.Mixin
    ScheduleOptions schedule = new ScheduleOptions();

    @Option(names = "--plant-bug", paramLabel = "NAME",
            description = "with --deterministic: plant a known bug that fires only under one rare interleaving, as "
                    + "'watchsim explore --plant-bug' does, to reproduce what explore found: "
                    + "reorder-on-race or drop-reply-on-close-race. Example: --plant-bug reorder-on-race")
    String plantBug;

    @Override
    public Integer call() {
        Long seedValue = seed == null ? null : RunOptions.seed(seed);
        Duration durationValue = duration == null ? null : RunOptions.duration(duration);
        double factor = scale == null ? 1 : RunOptions.scale(scale);
        Duration sampleValue = sampleInterval == null ? null : RunOptions.sampleInterval(sampleInterval);
        Path historyValue = history == null ? null : historyFile(history);
        List<SweepAxis> axes = SweepRun.axes(sweep);
        int replicationCount = replications == null ? 1 : SweepRun.replications(replications);
        boolean experiment = !axes.isEmpty() || replications != null;
        if (experiment && schedule.deterministic) {
            throw new UserInputException("--deterministic applies to one run, not yet to an experiment (--sweep, "
                    + "--replications); allowed: --deterministic without --sweep and --replications (or 'watchsim "
                    + "explore' for many seeds)");
        }
        if (experiment && history != null) {
            throw new UserInputException("--history applies to one run, not to an experiment (--sweep, --replications); "
                    + "allowed: --history without --sweep and --replications");
        }
        Path file = ScenarioFile.resolve(scenario, ScenarioFile.SCENARIO_OR_SCRIPT);
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".wqs")) {
            refuseScenarioOptions(file);
            ScriptCommand.runScript(file, "a scenario: a kernel script (.wqs)", ScriptRunner.DEFAULT_NOFILE,
                    io.watchsim.sources.mounts.V5Bugs.none(), schedule.settings(ScriptCommand.DEFAULT_SEED));
            return 0;
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (seedValue != null) {
            overrides.put("seed", seedValue);
        }
        if (durationValue != null) {
            overrides.put("duration", Units.format(durationValue));
        }
        if (sampleValue != null) {
            overrides.put("output.sample-interval", Units.format(sampleValue));
        }
        Scenario s;
        try {
            s = ScenarioScaling.scale(ScenarioLoader.load(file, overrides), factor);
        } catch (ScenarioException e) {
            for (ScenarioProblem p : e.problems()) {
                System.err.println(p);
            }
            if (durationValue != null) {
                System.err.println("watchsim: " + file + " was checked with --duration " + Units.format(durationValue)
                        + " in place of its own duration");
            }
            return 2;
        }
        Path dir;
        if (out != null) {
            dir = Path.of(out);
            RunOptions.makeFolder(dir, "--out");
        } else if (s.output().directory().isPresent()) {
            dir = s.output().directory().get();
            RunOptions.makeFolder(dir, "output.directory of " + file);
        } else {
            dir = Path.of("runs", s.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            RunOptions.makeFolder(dir, "the default output folder");
        }
        if (experiment) {
            return SweepRun.run(file, overrides, factor, axes, replicationCount, dir, System.console() != null);
        }
        Path historyFile = historyValue;
        if (historyFile == null && s.output().history()) {
            historyFile = dir.resolve("history.jsonl.gz");   // the scenario keeps its history: beside result.json
        }
        boolean terminal = System.console() != null;
        // The process exits once the result is written: it need not wait for the world to stop.
        ScenarioRunner.Options options = ScenarioRunner.Options.standard().withoutAwaitingStop();
        if (historyFile != null) {
            options = options.withHistory(historyFile);
        }
        java.util.Optional<io.watchsim.actors.sim.SimSettings> sim = schedule.settings(s.seed());
        // No progress line in a deterministic run: its ticks would be steps of the run, and a run must not
        // depend on whether a terminal watches it.
        if (terminal && sim.isEmpty()) {
            options = options.withProgress(line -> System.err.print("\r" + line));
        }
        if (sim.isPresent()) {
            // The history's first event holds the scenario as run, seed included: replay needs nothing else.
            Map<String, Object> seeded = new LinkedHashMap<>(overrides);
            seeded.put("seed", s.seed());
            options = options.withDeterministic(sim.get()).withSource(ScenarioLoader.portableText(file, seeded), factor);
            if (plantBug != null) {
                options = options.withPlantedFault(PlantBugOption.parse(plantBug));
            }
        } else if (plantBug != null) {
            throw new UserInputException("--plant-bug " + plantBug + " needs --deterministic (a planted bug is for "
                    + "reproducing what explore found)");
        }
        System.err.println("watchsim run: " + s.summary());
        ReportedRun run = ReportedRun.run(s, ScenarioLoader.resolvedText(file, overrides), factor, dir, options);
        RunResult result = run.result();
        if (terminal) {
            System.err.println();
        }
        Path written = run.resultFile();
        System.out.print(ResultWriter.summary(result));
        if (result.history() != null) {
            result.history().describe().forEach(System.out::println);
            System.out.println("history: " + historyFile);
        }
        System.out.println("result: " + written);
        System.out.println("report: " + run.report());
        if (result.fingerprint() != null) {
            System.out.println("fingerprint: " + result.fingerprint());
        }
        if (sim.isPresent() && !result.passed()) {
            System.out.println("reproduce: " + reproduceCommand(file, s.seed(), sim.get().window()));
            if (historyFile != null) {
                System.out.println("replay: watchsim replay " + historyFile + " --trace");
            }
        }
        return result.exitCode();
    }

    /** The command that runs this deterministic run again: the same scenario, seed, window and options. */
    private String reproduceCommand(Path file, long seedValue, int window) {
        StringBuilder sb = new StringBuilder("watchsim run ").append(file).append(" --deterministic --seed ")
                .append(seedValue).append(" --schedule-window ").append(window);
        if (plantBug != null) {
            sb.append(" --plant-bug ").append(plantBug.strip());
        }
        if (duration != null) {
            sb.append(" --duration ").append(duration.strip());
        }
        if (scale != null) {
            sb.append(" --scale ").append(scale.strip());
        }
        if (sampleInterval != null) {
            sb.append(" --sample-interval ").append(sampleInterval.strip());
        }
        return sb.toString();
    }

    /** The --history file: a file path, not a folder; its folder is made if need be. */
    private static Path historyFile(String value) {
        Path file = Path.of(value);
        if (Files.isDirectory(file)) {
            throw new UserInputException("--history " + RunOptions.quoted(value) + " is a folder; allowed a file path "
                    + "whose folder exists or can be made (e.g. --history runs/h.jsonl.gz)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            RunOptions.makeFolder(parent, "--history's folder");
        }
        return file;
    }

    /** A kernel script has no seed, duration, size or result file: an option given for one is refused, not ignored. */
    private void refuseScenarioOptions(Path file) {
        String given = out != null ? "--out" : seed != null ? "--seed" : duration != null ? "--duration"
                : scale != null ? "--scale" : history != null ? "--history" : sampleInterval != null ? "--sample-interval"
                : !sweep.isEmpty() ? "--sweep" : replications != null ? "--replications" : null;
        if (given != null) {
            throw new UserInputException(given + " applies to a scenario (.conf), not to a kernel script (.wqs) such as "
                    + file + ", which runs as written; allowed: no option (watchsim run " + file + ")");
        }
    }
}
