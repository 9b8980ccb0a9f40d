package io.watchsim.simulations.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data of {@code comparison.html} (and {@code experiment.json}): the runs compared, grouped
 * into the points of a sweep or side by side, their metrics, verdicts and scenario differences.
 * Figures are the runs' own, as {@link RunSummary} read them; NaN (not measured) is null.
 */
final class ComparisonData {
    /** The metrics each comparison draws, where the runs have them. */
    static final List<String> CHARTED = List.of("throughput.deliveries", "throughput.posts", "throughput.operations",
            "loss.rate", "denied.rate", "latency.p50", "latency.p99", "latency.p999", "records.lost",
            "operations.achieved");

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ComparisonData() {
    }

    /** One run as the page lists it; {@code base} the folder its report link is relative to. */
    static ObjectNode run(RunSummary r, Path base) {
        ObjectNode o = F.objectNode();
        o.put("dir", r.dir().toString());
        o.put("report", link(base, r.dir().resolve("report.html")));
        o.put("scenario", r.scenario());
        o.put("seed", r.seed());
        o.put("passed", r.passed());
        ObjectNode m = o.putObject("metrics");
        r.metrics().forEach((k, v) -> number(m, k, v));
        ArrayNode inv = o.putArray("invariants");
        r.invariants().forEach(v -> inv.addObject().put("name", v.name()).put("status", v.status()));
        ArrayNode as = o.putArray("assertions");
        r.assertions().forEach(v -> as.addObject().put("name", v.name()).put("status", v.status()));
        return o;
    }

    /** The charted metrics that at least one of {@code runs} has. */
    static ArrayNode charted(List<RunSummary> runs) {
        ArrayNode a = F.arrayNode();
        for (String k : CHARTED) {
            if (runs.stream().anyMatch(r -> r.metrics().containsKey(k))) {
                a.add(k);
            }
        }
        return a;
    }

    static ArrayNode differences(List<RunSummary> runs) {
        List<java.util.Optional<String>> texts = new ArrayList<>();
        runs.forEach(r -> texts.add(r.scenarioText()));
        ArrayNode a = F.arrayNode();
        for (ScenarioDifferences.Difference d : ScenarioDifferences.of(texts)) {
            ObjectNode o = a.addObject();
            o.put("key", d.key());
            ArrayNode v = o.putArray("values");
            d.values().forEach(v::add);
        }
        return a;
    }

    static ObjectNode spread(Spread s) {
        ObjectNode o = F.objectNode();
        o.put("measured", s.measured());
        number(o, "mean", s.mean());
        number(o, "sd", s.sd());
        number(o, "min", s.min());
        number(o, "max", s.max());
        return o;
    }

    static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    static void machine(ObjectNode root) {
        ObjectNode m = root.putObject("machine");
        io.watchsim.simulations.report.Machine.describe().forEach(m::put);
    }

    private static String link(Path base, Path target) {
        try {
            return base.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return target.toAbsolutePath().toUri().toString();
        }
    }

    /** Each metric's values over {@code runs}, in order (NaN where a run did not measure it). */
    static Map<String, List<Double>> byMetric(List<RunSummary> runs) {
        Map<String, List<Double>> m = new java.util.TreeMap<>();
        for (RunSummary r : runs) {
            r.metrics().keySet().forEach(k -> m.putIfAbsent(k, new ArrayList<>()));
        }
        m.forEach((k, values) -> runs.forEach(r -> values.add(r.metrics().getOrDefault(k, Double.NaN))));
        return m;
    }
}
