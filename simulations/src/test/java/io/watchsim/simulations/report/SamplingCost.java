package io.watchsim.simulations.report;

import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A measurement run by hand, never by the tests (docs/PERFORMANCE.md, "What sampling costs"): runs a
 * scenario alternately without and with the report's sampler, ROUNDS times, and prints each run's
 * deliveries per second, records delivered, p99 latency, CPU and wall-clock time. Arguments:
 * SCENARIO SCALE ROUNDS DURATION. Run from the project's root once the jar is built:
 * {@code java -Xmx4g -cp simulations/target/watchsim.jar
 * simulations/src/test/java/io/watchsim/simulations/report/SamplingCost.java scenarios/fanout.conf 0.1 3 10s}.
 */
public final class SamplingCost {
    private SamplingCost() {
    }

    public static void main(String[] a) {
        Path file = Path.of(a[0]);
        double scale = Double.parseDouble(a[1]);
        int rounds = Integer.parseInt(a[2]);
        Scenario s = ScenarioScaling.scale(ScenarioLoader.load(file, Map.of("duration", a[3])), scale);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            for (boolean sampled : new boolean[]{false, true}) {
                ScenarioRunner.Options o = ScenarioRunner.Options.standard();
                if (sampled) {
                    TimelineSampler sampler = new TimelineSampler(Duration.ofMillis(100));
                    o = o.withFirstPart(sampler::start);
                }
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                RunResult res = ScenarioRunner.run(s, o);
                System.out.printf("round %d %-11s deliveries/s %,.0f  records.delivered %,.0f  latency.p99 %.2f ms  cpu %.1f s  wall %.1f s%n",
                        r + 1, sampled ? "sampled" : "not sampled", res.metrics().get("throughput.deliveries"),
                        res.metrics().get("records.delivered"), res.metrics().get("latency.p99") / 1e6,
                        (os.getProcessCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
            }
        }
        System.exit(0);
    }
}
