package io.watchsim.simulations.runner;

import io.watchsim.actors.KernelSettings;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.Scenario;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;

/**
 * Measures, not a test: how many operations a second one open-model generator issues and gets
 * answered, issuing {@code update} through {@code Keys.callAsync} on 1,000 unwatched keys, at a
 * rising constant rate. For each rate it prints what was intended, issued, unsent and answered
 * per second and the calls' latency. Run it against the fat jar:
 *
 * <pre>
 *   mvn -B -o -q -DskipTests package       (compiles the test classes too)
 *   java -Dlogback.configurationFile=logback.xml -cp simulations/target/watchsim.jar:simulations/target/test-classes \
 *       io.watchsim.simulations.runner.WorkloadRateProbe [SECONDS] [RATE...]
 * </pre>
 */
public final class WorkloadRateProbe {
    private WorkloadRateProbe() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String[] rates = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[]{"10k/s", "20k/s", "40k/s", "60k/s", "80k/s", "100k/s", "150k/s", "200k/s", "1M/s"};
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "probe");
        try {
            System.out.printf("%-8s %10s %10s %10s %10s %9s %10s %10s%n", "rate", "intended/s", "issued/s",
                    "unsent/s", "answered/s", "achieved", "p50", "p99");
            int n = 0;
            for (String rate : rates) {
                TinyRun run = TinyRun.start(system, "probe-" + n++, KernelSettings.DEFAULT, 10, 1000, 32);
                Scenario s = Scenario.builder("probe").duration(Duration.ofSeconds(seconds))
                        .group(ObjectGroup.keyrings("rings", 10))
                        .group(ObjectGroup.keys("keys", 1000).withLinkedInto("rings"))
                        .generator(Generator.of("updates", "keys", Injection.constant(rate)).with(KeyOperation.UPDATE, 1))
                        .build();
                RunContext ctx = run.context(s);
                RunningWorkload w = WorkloadDriver.start(ctx);
                TinyRun.await(w.issuingEnded());
                TinyRun.await(w.stop());
                GeneratorStats g = w.stats().get(0);
                Histogram latency = ctx.counters().callLatency.getIntervalHistogram();
                System.out.printf("%-8s %10d %10d %10d %10d %9.3f %8.2fms %8.2fms%n", rate, g.intended() / seconds,
                        g.issued() / seconds, g.unsent() / seconds, g.answered() / seconds,
                        g.issued() / (double) g.intended(), latency.getValueAtPercentile(50) / 1e6,
                        latency.getValueAtPercentile(99) / 1e6);
                run.stop();
            }
        } finally {
            system.terminate();
        }
    }
}
