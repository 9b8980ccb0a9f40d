package io.watchsim.simulations.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchsim.simulations.report.HtmlReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code watchsim compare RUN_DIR RUN_DIR...}: earlier runs side by side, read back from their
 * folders ({@link RunSummary}): each metric, each verdict, and where their scenarios differ;
 * printed as text and written as {@code comparison.html}.
 */
public final class Comparison {
    private final List<RunSummary> runs;

    private Comparison(List<RunSummary> runs) {
        this.runs = List.copyOf(runs);
    }

    /** Reads the runs in {@code dirs} (at least two), or says in one line why one cannot be read. */
    public static Comparison of(List<Path> dirs) {
        if (dirs.size() < 2) {
            throw new ExperimentException("compare takes at least two run folders, found " + dirs.size()
                    + "; allowed two or more folders that 'watchsim run' wrote (e.g. watchsim compare runs/a runs/b)");
        }
        List<RunSummary> runs = new ArrayList<>();
        dirs.forEach(d -> runs.add(RunSummary.read(d)));
        return new Comparison(runs);
    }

    public List<RunSummary> runs() {
        return runs;
    }

    /** The page's data; report links relative to {@code out}, the folder comparison.html goes into. */
    public ObjectNode data(Path out) {
        ObjectNode root = ComparisonData.F.objectNode();
        root.put("kind", "compare");
        ComparisonData.machine(root);
        root.set("charted", ComparisonData.charted(runs));
        ArrayNode rs = root.putArray("runs");
        runs.forEach(r -> rs.add(ComparisonData.run(r, out)));
        root.set("differences", ComparisonData.differences(runs));
        return root;
    }

    /** Writes {@code OUT/comparison.html}; returns it. */
    public Path write(Path out) {
        return HtmlReport.write(out.resolve("comparison.html"), HtmlReport.page("WatchSim comparison",
                "comparison.js", data(out)));
    }

    /** The comparison as text: verdicts, every metric, the scenario differences; one column per run. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RunSummary r = runs.get(i);
            sb.append(String.format(Locale.ROOT, "run %d: %s (%s, seed %d): %s%n", i + 1, r.dir(), r.scenario(),
                    r.seed(), r.passed() ? "passed" : "FAILED"));
        }
        String head = String.format(Locale.ROOT, "%-28s", "");
        StringBuilder cols = new StringBuilder(head);
        for (int i = 0; i < runs.size(); i++) {
            cols.append(String.format(Locale.ROOT, " %16s", "run " + (i + 1)));
        }
        sb.append("verdicts\n").append(cols).append('\n');
        List<String> names = new ArrayList<>();
        runs.forEach(r -> r.invariants().forEach(v -> add(names, "invariant " + v.name())));
        runs.forEach(r -> r.assertions().forEach(v -> add(names, v.name())));
        for (String name : names) {
            sb.append(String.format(Locale.ROOT, "%-28s", cut(name, 28)));
            for (RunSummary r : runs) {
                String status = "-";
                for (RunSummary.Verdict v : r.invariants()) {
                    status = ("invariant " + v.name()).equals(name) ? v.status() : status;
                }
                for (RunSummary.Verdict v : r.assertions()) {
                    status = v.name().equals(name) ? v.status() : status;
                }
                sb.append(String.format(Locale.ROOT, " %16s", status));
            }
            sb.append('\n');
        }
        sb.append("metrics\n").append(cols).append('\n');
        for (Map.Entry<String, List<Double>> e : ComparisonData.byMetric(runs).entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-28s", cut(e.getKey(), 28)));
            e.getValue().forEach(v -> sb.append(String.format(Locale.ROOT, " %16s", figure(v))));
            sb.append('\n');
        }
        List<Path> none = new ArrayList<>();
        runs.forEach(r -> r.scenarioText().ifPresentOrElse(t -> { }, () -> none.add(r.dir())));
        List<ScenarioDifferences.Difference> diffs = ScenarioDifferences.of(runs.stream().map(RunSummary::scenarioText)
                .toList());
        sb.append("scenario differences").append(diffs.isEmpty() ? ": none" : "").append('\n');
        for (ScenarioDifferences.Difference d : diffs) {
            sb.append("  ").append(d.key()).append(": ");
            for (int i = 0; i < d.values().size(); i++) {
                sb.append(i == 0 ? "" : " | ").append(d.values().get(i) == null ? "(none)" : d.values().get(i));
            }
            sb.append('\n');
        }
        none.forEach(d -> sb.append("  note: ").append(d).append(" has no scenario.conf (a run from before reports)\n"));
        return sb.toString();
    }

    private static void add(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    /** A figure as the text shows it: whole numbers in full, others to 6 significant digits. */
    static String figure(double v) {
        if (Double.isNaN(v)) {
            return "not measured";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
