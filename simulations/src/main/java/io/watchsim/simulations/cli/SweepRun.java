package io.watchsim.simulations.cli;

import io.watchsim.simulations.experiment.ExperimentException;
import io.watchsim.simulations.experiment.RunSummary;
import io.watchsim.simulations.experiment.Spread;
import io.watchsim.simulations.experiment.Sweep;
import io.watchsim.simulations.experiment.SweepAxis;
import io.watchsim.simulations.runner.ScenarioRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code watchsim run SCENARIO --sweep KEY=V1,V2 ... --replications N}: the experiment's side of the
 * run command. Reads the options (one line and exit code 2 for a bad one), plans every run (every
 * point loaded and checked first), runs them with progress on standard error, prints each point's
 * verdicts and main figures, and names the comparison.
 */
final class SweepRun {
    /** What --replications takes. */
    static final String REPLICATIONS_ALLOWED = "a whole number 1..1000 (e.g. --replications 3)";

    private SweepRun() {
    }

    /** The axes of the --sweep values, or one line about the first bad one. */
    static List<SweepAxis> axes(List<String> sweeps) {
        List<SweepAxis> axes = new ArrayList<>();
        try {
            sweeps.forEach(s -> axes.add(SweepAxis.parse(s)));
        } catch (ExperimentException e) {
            throw new UserInputException(e.getMessage());
        }
        return axes;
    }

    /** A --replications value. */
    static int replications(String text) {
        String t = text.strip();
        if (!t.matches("[0-9]{1,9}") || Integer.parseInt(t) < 1 || Integer.parseInt(t) > 1000) {
            throw new UserInputException("--replications " + RunOptions.quoted(text) + " is " + (t.matches("[0-9]+")
                    ? "outside 1..1000" : "not a whole number") + "; allowed " + REPLICATIONS_ALLOWED);
        }
        return Integer.parseInt(t);
    }

    /** Plans and runs the experiment into {@code out}; the exit code (0: every run passed, 1: one did not). */
    static int run(Path file, Map<String, Object> overrides, double scale, List<SweepAxis> axes, int replications,
                   Path out, boolean terminal) {
        Sweep sweep;
        try {
            sweep = new Sweep(file, overrides, scale, axes, replications, out);
        } catch (ExperimentException e) {
            throw new UserInputException(e.getMessage());
        }
        System.err.println("watchsim run: an experiment of " + sweep.runs().size() + " runs of " + file + " into " + out);
        Sweep.Outcome outcome = sweep.execute(() -> {
            ScenarioRunner.Options o = ScenarioRunner.Options.standard().withoutAwaitingStop();
            return terminal ? o.withProgress(line -> System.err.print("\r" + line)) : o;
        }, line -> System.err.println((terminal ? "\n" : "") + line));
        int i = 0;
        for (Sweep.PlannedRun first : sweep.runs()) {
            if (first.replication() != 1) {
                continue;
            }
            List<RunSummary> mine = outcome.runs().subList(i, i + replications);
            i += replications;
            long passed = mine.stream().filter(RunSummary::passed).count();
            System.out.printf(Locale.ROOT, "point %d (%s): %d of %d passed; deliveries/s %s, loss.rate %s, "
                            + "latency.p99 %s ms%n", first.point().number(), first.point().label(), passed, mine.size(),
                    mean(mine, "throughput.deliveries", 1), mean(mine, "loss.rate", 1), mean(mine, "latency.p99", 1e6));
        }
        System.out.println("experiment: " + outcome.json());
        System.out.println("comparison: " + outcome.report());
        return outcome.exitCode();
    }

    private static String mean(List<RunSummary> runs, String metric, double unit) {
        Spread s = Spread.of(runs.stream().map(r -> r.metrics().getOrDefault(metric, Double.NaN) / unit).toList());
        return s.measured() == 0 ? "not measured" : String.format(Locale.ROOT, "%.4g", s.mean());
    }
}
