package io.watchsim.simulations.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchsim.simulations.report.HtmlReport;
import io.watchsim.simulations.report.ReportedRun;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioException;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An experiment: every point of a grid of scenario keys ({@link SweepAxis}, {@link GridPoint}),
 * each run {@code replications} times with its own seed ({@link Replications}), one after the
 * other. Each run writes its own folder ({@code OUT/point-NN/rep-R}: result.json, report.html,
 * scenario.conf); the experiment writes {@code OUT/experiment.json} and {@code OUT/comparison.html}:
 * each metric by point with its spread over the replications, read back from the runs' own
 * result.json, and the verdicts per point. Every point is loaded and checked before any runs, so
 * a bad key or value stops the experiment at once.
 */
public final class Sweep {
    /** One run of the experiment, ready: its point, replication, seed, scenario and folder. */
    public record PlannedRun(GridPoint point, int replication, long seed, Scenario scenario, String scenarioText,
                             Path dir) {
    }

    /** What the experiment came to: its runs, read back, and the files it wrote. */
    public record Outcome(List<RunSummary> runs, Path json, Path report) {
        /** 0 when every run passed, 1 otherwise. */
        public int exitCode() {
            return runs.stream().allMatch(RunSummary::passed) ? 0 : 1;
        }
    }

    private final Path file;
    private final double scale;
    private final List<SweepAxis> axes;
    private final int replications;
    private final Path out;
    private final List<PlannedRun> runs;

    /**
     * Plans the experiment: {@code file} with {@code overrides} (the command line's --seed, --duration,
     * ...) under each point's values, at {@code scale}, each point {@code replications} times, into
     * {@code out}; every run's scenario loaded and checked.
     *
     * @throws ExperimentException when a key or value is refused (the first, in one line)
     */
    public Sweep(Path file, Map<String, Object> overrides, double scale, List<SweepAxis> axes, int replications,
                 Path out) {
        if (replications < 1 || replications > Replications.MAX) {
            throw new ExperimentException("--replications " + replications + " is outside 1.." + Replications.MAX
                    + "; allowed a whole number 1.." + Replications.MAX + " (e.g. --replications 3)");
        }
        List<String> keys = new ArrayList<>();
        for (SweepAxis a : axes) {
            if (keys.contains(a.key())) {
                throw new ExperimentException("--sweep " + a.key() + " is given twice; allowed each key once, with "
                        + "all its values (e.g. --sweep " + a.key() + "=" + String.join(",", a.values()) + ")");
            }
            if (overrides.containsKey(a.key())) {
                throw new ExperimentException("--sweep " + a.key() + " is also set by another option; allowed a key "
                        + "that no other option sets");
            }
            keys.add(a.key());
        }
        this.file = file;
        this.scale = scale;
        this.axes = List.copyOf(axes);
        this.replications = replications;
        this.out = out;
        this.runs = plan(overrides);
    }

    private List<PlannedRun> plan(Map<String, Object> overrides) {
        List<PlannedRun> planned = new ArrayList<>();
        List<GridPoint> grid = GridPoint.grid(axes);
        int width = String.valueOf(grid.size()).length();
        for (GridPoint p : grid) {
            Map<String, Object> at = new LinkedHashMap<>(overrides);
            p.values().forEach((k, v) -> at.put(k, typed(v)));
            Scenario point = load(at, p);
            for (int r = 1; r <= replications; r++) {
                long seed = Replications.seed(point.seed(), r);
                Map<String, Object> withSeed = new LinkedHashMap<>(at);
                withSeed.put("seed", seed);
                Scenario s = ScenarioScaling.scale(load(withSeed, p), scale);
                Path dir = out.resolve(String.format(Locale.ROOT, "point-%0" + Math.max(2, width) + "d", p.number()))
                        .resolve("rep-" + r);
                planned.add(new PlannedRun(p, r, seed, s, ScenarioLoader.resolvedText(file, withSeed), dir));
            }
        }
        return planned;
    }

    /** The point's scenario, or one line naming the swept value the scenario's checks refused. */
    private Scenario load(Map<String, Object> overrides, GridPoint p) {
        try {
            return ScenarioLoader.load(file, overrides);
        } catch (ScenarioException e) {
            String problem = e.problems().get(0).toString().replaceFirst("^overrides: ", "");
            for (Map.Entry<String, String> v : p.values().entrySet()) {
                if (problem.contains(v.getKey())) {
                    throw new ExperimentException("--sweep " + v.getKey() + "=" + v.getValue() + " is refused (" + file
                            + "): " + problem);
                }
            }
            throw new ExperimentException("point " + p.label() + " of --sweep is refused by " + file + ": " + problem);
        }
    }

    /** A value as HOCON would read it in a file: a number or a boolean as such, anything else as text. */
    static Object typed(String value) {
        if (value.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
            return Double.parseDouble(value);
        }
        return value.equals("true") || value.equals("false") ? (Object) Boolean.parseBoolean(value) : value;
    }

    public List<PlannedRun> runs() {
        return runs;
    }

    /**
     * Runs every planned run in order with {@code options} (a fresh set for each, from
     * {@code options}), telling {@code progress} which run starts, how many are done and the time
     * left; then writes experiment.json and comparison.html.
     */
    public Outcome execute(Supplier<ScenarioRunner.Options> options, Consumer<String> progress) {
        List<RunSummary> done = new ArrayList<>();
        long start = System.nanoTime();
        int points = runs.isEmpty() ? 0 : runs.get(runs.size() - 1).point().number();
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            String left = i == 0 ? "" : "; about " + seconds((System.nanoTime() - start) / 1e9 / i * (runs.size() - i))
                    + " left";
            progress.accept(String.format(Locale.ROOT, "sweep: run %d of %d: point %d of %d (%s), replication %d of %d"
                            + " (seed %d); %d done%s", i + 1, runs.size(), run.point().number(), points,
                    run.point().label(), run.replication(), replications, run.seed(), i, left));
            ReportedRun.run(run.scenario(), run.scenarioText(), scale, run.dir(), options.get());
            done.add(RunSummary.read(run.dir()));
        }
        ObjectNode data = data(done);
        Path json = out.resolve("experiment.json");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
        }
        Path html = HtmlReport.write(out.resolve("comparison.html"),
                HtmlReport.page("WatchSim experiment", "comparison.js", data));
        progress.accept(String.format(Locale.ROOT, "sweep: %d runs done in %s", runs.size(),
                seconds((System.nanoTime() - start) / 1e9)));
        return new Outcome(done, json, html);
    }

    /** The comparison's data: each point's runs, each metric's spread over them, and the verdicts. */
    ObjectNode data(List<RunSummary> done) {
        ObjectNode root = ComparisonData.F.objectNode();
        root.put("kind", "sweep");
        root.put("scenario", runs.isEmpty() ? "" : runs.get(0).scenario().name());
        root.put("file", file.toString());
        root.put("scale", scale);
        root.put("replications", replications);
        ArrayNode ax = root.putArray("axes");
        axes.forEach(a -> {
            ObjectNode o = ax.addObject().put("key", a.key());
            ArrayNode v = o.putArray("values");
            a.values().forEach(v::add);
        });
        ComparisonData.machine(root);
        root.set("charted", ComparisonData.charted(done));
        ArrayNode points = root.putArray("points");
        int i = 0;
        while (i < done.size()) {
            GridPoint p = runs.get(i).point();
            List<RunSummary> mine = new ArrayList<>();
            ObjectNode po = points.addObject();
            po.put("number", p.number());
            po.put("label", p.label());
            ObjectNode values = po.putObject("values");
            p.values().forEach(values::put);
            ArrayNode rs = po.putArray("runs");
            while (i < done.size() && runs.get(i).point().number() == p.number()) {
                mine.add(done.get(i));
                rs.add(ComparisonData.run(done.get(i), out).put("replication", runs.get(i).replication()));
                i++;
            }
            po.put("passed", mine.stream().filter(RunSummary::passed).count());
            po.put("total", mine.size());
            ObjectNode spreads = po.putObject("spreads");
            ComparisonData.byMetric(mine).forEach((k, v) -> spreads.set(k, ComparisonData.spread(Spread.of(v))));
            po.set("verdicts", verdicts(mine));
        }
        return root;
    }

    /** Each invariant's and assertion's statuses over a point's runs: {name, kind, counts by status}. */
    private static ArrayNode verdicts(List<RunSummary> runs) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            r.invariants().forEach(v -> counts.computeIfAbsent("invariant " + v.name(), k -> new LinkedHashMap<>())
                    .merge(v.status(), 1, Integer::sum));
            r.assertions().forEach(v -> counts.computeIfAbsent("assertion " + v.name(), k -> new LinkedHashMap<>())
                    .merge(v.status(), 1, Integer::sum));
        }
        ArrayNode a = ComparisonData.F.arrayNode();
        counts.forEach((name, byStatus) -> {
            ObjectNode o = a.addObject().put("name", name);
            ObjectNode c = o.putObject("counts");
            byStatus.forEach(c::put);
        });
        return a;
    }

    static String seconds(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%dm%02ds",
                (long) s / 60, (long) s % 60);
    }
}
