package io.watchsim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchsim.policies.Hook;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.runner.FaultLog;
import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Units;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's report as data: the JSON that {@code report.html} embeds and its script draws. Rates
 * are per second of the bucket they stand for, latencies in milliseconds; a value not measured
 * (no read in the interval, a queue that did not answer) is null.
 */
public final class ReportData {
    /** The percentiles of the whole run's latency distribution, as the report draws it. */
    static final double[] DISTRIBUTION = {0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96.25, 97.5,
            98.125, 98.75, 99, 99.375, 99.5, 99.6875, 99.75, 99.84375, 99.9, 99.921875, 99.95, 99.96875, 99.98,
            99.990234375, 99.99, 99.9951171875, 99.999, 100};
    /** The queues whose depth the report draws: the busiest of those sampled. */
    static final int BUSIEST = 8;
    /** Fault kinds that change the policy: drawn on the denials chart too. */
    static final List<String> POLICY_KINDS = List.of("swap-policy", "reload-policy");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportData() {
    }

    /** The report's data for {@code in}. */
    public static ObjectNode of(ReportInputs in) {
        RunResult r = in.result();
        ObjectNode root = F.objectNode();
        ObjectNode meta = root.putObject("meta");
        meta.put("scenario", r.scenario());
        meta.put("seed", r.seed());
        meta.put("started", r.started());
        meta.put("passed", r.passed());
        meta.put("scale", in.scale());
        meta.put("duration", Units.format(in.scenario().duration()));
        meta.put("workloadSeconds", r.workloadSeconds());
        meta.put("buildSeconds", r.buildSeconds());
        meta.put("objects", r.world().objects());
        meta.put("queues", r.world().queues());
        meta.put("watches", r.world().watches());
        meta.put("sampleInterval", Units.format(in.scenario().output().sampleInterval()));
        meta.put("trackedQueues", in.trackedQueues().size());
        in.timeline().ifPresent(t -> meta.put("samplesPerBucket", t.samplesPerBucket()));
        ObjectNode machine = root.putObject("machine");
        in.machine().forEach(machine::put);
        root.put("scenarioText", in.scenarioText());
        root.put("summary", ResultWriter.summary(r));
        root.set("result", JSON.valueToTree(nanFree(r)));
        root.set("marks", marks(r.faults()));
        ArrayNode busiest = F.arrayNode();
        in.finalCounts().ifPresent(c -> {
            busiest.addAll(busiest(in.timeline().orElse(null), in.trackedQueues(), c));
            root.set("latency", distribution(c.latency()));
            root.set("busiest", busiest);
            root.set("lossBySize", lossBySize(in, c));
            root.set("denials", denials(c));
        });
        java.util.Set<String> drawn = new java.util.HashSet<>();
        busiest.forEach(b -> drawn.add(b.get("column").asText()));
        in.timeline().ifPresent(t -> root.set("timeline", timeline(t, drawn)));
        return root;
    }

    /** {@code report.html}'s data as JSON text, safe inside a script element. */
    public static String json(ObjectNode data) {
        try {
            return JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result's metrics with NaN (not measured) as null, as result.json writes them. */
    private static JsonNode nanFree(RunResult r) {
        try {
            return JSON.readTree(ResultWriter.json(r));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Columns: time, rates per second, latency percentiles in ms, denials per second, and the depths
     * of the queues in {@code depths} (the busiest; the others' are not drawn, so not written); each
     * value to 5 significant digits, which keeps an hour's report well under 2 MB.
     */
    private static ObjectNode timeline(Timeline t, java.util.Set<String> depths) {
        ObjectNode out = F.objectNode();
        double[] width = t.column("width");
        for (String name : t.names()) {
            if (name.startsWith("depth.") && !depths.contains(name)) {
                continue;
            }
            double[] v = t.column(name);
            ArrayNode a = out.putArray(name);
            boolean rate = switch (name) {
                case "operations", "posts", "deliveries", "lossRecords", "lostSampled" -> true;
                default -> name.startsWith("denied.");
            };
            boolean latency = name.matches("p[0-9]+");
            for (int i = 0; i < v.length; i++) {
                double x = rate ? (width[i] > 0 ? v[i] / width[i] : Double.NaN) : latency ? v[i] / 1e6 : v[i];
                number(a, x);
            }
        }
        return out;
    }

    private static ArrayNode marks(List<FaultLog.Fired> faults) {
        ArrayNode a = F.arrayNode();
        for (FaultLog.Fired f : faults) {
            ObjectNode m = a.addObject();
            m.put("t", f.at().toNanos() / 1e9);
            m.put("name", f.name());
            m.put("kind", f.kind());
            m.put("policy", POLICY_KINDS.contains(f.kind()));
            m.put("detail", f.detail());
        }
        return a;
    }

    /** The whole run's post-to-read latency at {@link #DISTRIBUTION}'s percentiles, in ms. */
    static ObjectNode distribution(Histogram h) {
        ObjectNode out = F.objectNode();
        out.put("count", h.getTotalCount());
        ArrayNode p = out.putArray("percentile");
        ArrayNode nines = out.putArray("nines");
        ArrayNode ms = out.putArray("ms");
        if (h.getTotalCount() == 0) {
            return out;
        }
        for (double q : DISTRIBUTION) {
            p.add(q);
            nines.add(q >= 100 ? 6 : Math.min(6, -Math.log10(1 - q / 100)));
            ms.add((q >= 100 ? h.getMaxValue() : h.getValueAtPercentile(q)) / 1e6);
        }
        return out;
    }

    /** The sampled queues with the deepest queue at any sample (then the most lost), at most {@link #BUSIEST}. */
    private static ArrayNode busiest(Timeline t, List<Long> tracked, TimelineSampler.FinalCounts c) {
        ArrayNode a = F.arrayNode();
        if (t == null) {
            return a;
        }
        Map<Long, String> groupOf = groupOf(c.groups());
        List<long[]> ranked = new ArrayList<>();
        for (Long q : tracked) {
            double max = 0;
            for (double d : t.column("depth." + q)) {
                max = Double.isNaN(d) ? max : Math.max(max, d);
            }
            QueueStatistics s = c.queues().get(q);
            ranked.add(new long[]{q, (long) max, s == null ? 0 : s.lost()});
        }
        ranked.sort(Comparator.<long[]>comparingLong(x -> -x[1]).thenComparingLong(x -> -x[2]).thenComparingLong(x -> x[0]));
        for (long[] q : ranked.subList(0, Math.min(BUSIEST, ranked.size()))) {
            ObjectNode o = a.addObject();
            o.put("queue", q[0]);
            o.put("group", groupOf.getOrDefault(q[0], "?"));
            o.put("maxDepth", q[1]);
            o.put("lost", q[2]);
            o.put("column", "depth." + q[0]);
        }
        return a;
    }

    /** Per queue size (in notes): queues, records posted and lost, and the loss rate (lost / posted). */
    private static ArrayNode lossBySize(ReportInputs in, TimelineSampler.FinalCounts c) {
        Map<Integer, long[]> bySize = new TreeMap<>();
        for (QueueGroup g : in.scenario().queues()) {
            long[] sum = bySize.computeIfAbsent(g.size(), k -> new long[3]);
            for (Long q : c.groups().getOrDefault(g.name(), List.of())) {
                QueueStatistics s = c.queues().get(q);
                sum[0]++;
                if (s != null) {
                    sum[1] += s.posted();
                    sum[2] += s.lost();
                }
            }
        }
        ArrayNode a = F.arrayNode();
        bySize.forEach((size, sum) -> {
            ObjectNode o = a.addObject();
            o.put("size", size);
            o.put("queues", sum[0]);
            o.put("posted", sum[1]);
            o.put("lost", sum[2]);
            o.put("rate", sum[1] == 0 ? 0 : (double) sum[2] / sum[1]);
        });
        return a;
    }

    /** Checks and denials per hook, and denials per pair of labels (most first). */
    private static ObjectNode denials(TimelineSampler.FinalCounts c) {
        ObjectNode out = F.objectNode();
        ArrayNode hooks = out.putArray("byHook");
        for (Hook h : Hook.values()) {
            ObjectNode o = hooks.addObject();
            o.put("hook", h.kernelName());
            o.put("checks", c.policy().of(h).checks());
            o.put("denials", c.policy().of(h).denials());
        }
        ArrayNode pairs = out.putArray("byLabels");
        List<Map.Entry<PolicyMetrics.LabelPair, Long>> sorted = new ArrayList<>(c.deniedByLabels().entrySet());
        sorted.sort(Comparator.<Map.Entry<PolicyMetrics.LabelPair, Long>>comparingLong(e -> -e.getValue())
                .thenComparing(e -> e.getKey().toString()));
        for (Map.Entry<PolicyMetrics.LabelPair, Long> e : sorted) {
            ObjectNode o = pairs.addObject();
            o.put("hook", e.getKey().hook().kernelName());
            o.put("subject", e.getKey().subject());
            o.put("object", e.getKey().object());
            o.put("denials", e.getValue());
        }
        return out;
    }

    private static Map<Long, String> groupOf(Map<String, List<Long>> groups) {
        Map<Long, String> m = new HashMap<>();
        groups.forEach((g, ids) -> ids.forEach(id -> m.put(id, g)));
        return m;
    }

    private static void number(ArrayNode a, double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            a.addNull();
        } else if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            a.add((long) x);
        } else {
            a.add(new java.math.BigDecimal(x).round(new java.math.MathContext(5)).doubleValue());
        }
    }
}
