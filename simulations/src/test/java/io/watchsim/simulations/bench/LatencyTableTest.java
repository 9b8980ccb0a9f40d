package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.watchsim.simulations.bench.LatencyFiguresTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The latency report: collectors side by side, losses said, and the targets checked against the figures. */
class LatencyTableTest {
    private static LatencyFigures.Load load(int n, double share, long p99Nanos, long lost) {
        long[] v = new long[100];
        java.util.Arrays.fill(v, 100_000);
        v[99] = p99Nanos;
        v[98] = p99Nanos;
        return new LatencyFigures.Load(n, share, 1000, 100, 100L * n, 100L * n - lost, lost > 0 ? 1 : 0, lost, true, 0,
                new GcPauses.Summary(2, 1_500_000, 1_000_000), GcPauses.Summary.NONE, values(v), values(v),
                values(100_000, 100_000, 100_000));   // from the generator's call: 100 us, always within the targets
    }

    private static CollectorComparison.Report report(long g1SmallP99, long zgcBigP99, long zgcLost) {
        Map<Collector, List<LatencyFigures.Load>> loads = new LinkedHashMap<>();
        loads.put(Collector.G1, List.of(load(10, 0.5, g1SmallP99, 0), load(10, 0.9, 3_000_000, 0),
                load(1000, 0.5, 1_000_000, 0), load(1000, 0.9, 1_000_000, 0)));
        loads.put(Collector.ZGC, List.of(load(10, 0.5, 1_000_000, 0), load(10, 0.9, 1_000_000, 0),
                load(1000, 0.5, zgcBigP99, zgcLost), load(1000, 0.9, zgcBigP99, 0)));
        Map<Collector, List<LatencyFigures.FanOut>> fanOuts = new LinkedHashMap<>();
        // one event's fan-out at 1,000: median 800 us under both, so the second target's limit is 1,600 us
        // at 10, only under G1: median 90 us, p99 2 ms
        fanOuts.put(Collector.G1, List.of(new LatencyFigures.FanOut(10, values(90_000, 90_000, 2_000_000), 0,
                GcPauses.Summary.NONE, GcPauses.Summary.NONE), new LatencyFigures.FanOut(1000,
                values(800_000, 800_000, 900_000), 0, GcPauses.Summary.NONE, GcPauses.Summary.NONE)));
        fanOuts.put(Collector.ZGC, List.of(new LatencyFigures.FanOut(1000, values(800_000, 800_000, 900_000), 0,
                GcPauses.Summary.NONE, GcPauses.Summary.NONE)));
        Map<Collector, Map<Integer, Double>> saturation = new LinkedHashMap<>();
        saturation.put(Collector.G1, Map.of(10, 50_000.0, 1000, 900.0));
        saturation.put(Collector.ZGC, Map.of(10, 40_000.0, 1000, 1000.0));
        return new CollectorComparison.Report(List.of(Collector.G1, Collector.ZGC), saturation,
                CollectorComparison.offered(List.of(10, 1000), saturation), loads, fanOuts, 2,
                Map.of(Collector.G1, Map.of(CollectorComparison.Report.key(10, 0.5), List.of(900_000L, 3_100_000L))));
    }

    @Test
    void theCollectorsStandSideBySidePerFanoutAndLoad() {
        String table = LatencyTable.render(report(1_000_000, 1_000_000, 0));
        List<String> rows = table.lines().filter(l -> l.matches("^(10|1,000)\\s+\\d+%.*")).toList();
        assertThat(rows).hasSize(8);
        for (int i = 0; i < 8; i += 2) {
            assertThat(rows.get(i)).contains(" g1 ");
            assertThat(rows.get(i + 1)).contains(" zgc ");
            assertThat(rows.get(i).substring(0, 14)).isEqualTo(rows.get(i + 1).substring(0, 14));
        }
        assertThat(rows.get(0)).startsWith("10").contains("50%").contains("exact, 1,000").contains("2, 1.5 ms, 1.00 ms")
                .contains("0.9 / 3.1");
        assertThat(table).contains("p99 (call) p99 (post)");
        assertThat(table).contains("fan-out 10: g1 50,000; zgc 40,000; offered as 100%: 40,000 events/s")
                .contains("fan-out 1,000: g1 900; zgc 1,000; offered as 100%: 900 events/s")
                .contains("2 rounds merged");
    }

    /** The line after the one that starts with {@code prefix}. */
    private static String lineAfter(List<String> lines, String prefix) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i + 1);
            }
        }
        throw new AssertionError("no line after one starting with " + prefix + " in " + lines);
    }

    @Test
    void theTargetsAreCheckedAgainstTheFigures() {
        List<String> targets = LatencyTable.targets(report(2_500_000, 1_000_000, 0));
        assertThat(targets).anySatisfy(t -> assertThat(t).startsWith("g1, fan-out 10 at 50%")
                .contains("(from the call 100.0 us)").endsWith("not met (from the call: met)"));
        assertThat(targets).anySatisfy(t -> assertThat(t).startsWith("zgc, fan-out 10 at 50%")
                .endsWith(": met (from the call: met)"));
        assertThat(targets).anySatisfy(t -> assertThat(t).startsWith("g1, fan-out 1,000 at 50%")
                .contains("median 800.").endsWith(": met (from the call: met)"));
        String idleAt1000 = "    for scale: one event alone on the idle world at fan-out 1,000, p99 900.";
        assertThat(lineAfter(targets, "g1, fan-out 1,000 at 90%")).startsWith(idleAt1000).contains("(median 800.");
        assertThat(lineAfter(targets, "zgc, fan-out 1,000 at 90%")).startsWith(idleAt1000).contains("(median 800.");
        assertThat(lineAfter(targets, "g1, fan-out 10 at 50%"))
                .startsWith("    for scale: one event alone on the idle world at fan-out 10, p99 2,00").contains("(median 90.");
        assertThat(lineAfter(targets, "zgc, fan-out 10 at 50%")).as("no probe at 10 under ZGC").doesNotContain("for scale");
        List<String> slow = LatencyTable.targets(report(1_000_000, 2_000_000, 0));
        assertThat(slow).anySatisfy(t -> assertThat(t).startsWith("zgc, fan-out 1,000 at 90%")
                .endsWith("not met (from the call: met)"));
    }

    @Test
    void aLossIsSaidInTheTableAndBesideTheTarget() {
        CollectorComparison.Report r = report(1_000_000, 1_000_000, 7);
        String table = LatencyTable.render(r);
        assertThat(table.lines().filter(l -> l.startsWith("1,000") && l.contains(" zgc ") && l.contains("50%")))
                .singleElement().asString().contains("99,993 of 100,000, 7 LOST");
        assertThat(LatencyTable.targets(r)).anySatisfy(t -> assertThat(t).startsWith("zgc, fan-out 1,000 at 50%")
                .endsWith("(from the call: met); deliveries were lost or unread: see the table"));
    }

    @Test
    void aFanoutWhereACollectorSustainedNothingEndsTheRun() {
        Map<Collector, Map<Integer, Double>> saturation = new LinkedHashMap<>();
        saturation.put(Collector.G1, Map.of(10, 50_000.0));
        saturation.put(Collector.ZGC, Map.of(10, 0.0));
        assertThatThrownBy(() -> CollectorComparison.offered(List.of(10), saturation))
                .hasMessageContaining("under zgc no open-loop rate was sustained at fan-out 10");
    }
}
