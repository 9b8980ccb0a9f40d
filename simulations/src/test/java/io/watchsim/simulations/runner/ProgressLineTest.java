package io.watchsim.simulations.runner;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress line follows the scheduler it is given and the run's clock, not the wall's: on
 * manual time a line comes only once the interval has passed, and it shows the run's time and the
 * deliveries per second of that time.
 */
class ProgressLineTest {
    static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(testKit.system());

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void aLineComesEachIntervalOfTheSchedulersTimeWithTheRunsTime() {
        long[] now = {0};
        RunClock clock = RunClock.startingNow(() -> now[0]);
        RunCounters counters = new RunCounters();
        TestProbe<String> lines = testKit.createTestProbe();
        ProgressLine progress = ProgressLine.start(testKit.system().scheduler(), testKit.system().executionContext(),
                counters, clock, Duration.ofSeconds(2), lines.getRef()::tell);
        counters.delivered.add(500);
        now[0] = Duration.ofSeconds(2).toNanos();
        time.timePasses(Duration.ofMillis(1_990));
        lines.expectNoMessage(Duration.ofMillis(50));
        time.timePasses(Duration.ofMillis(10));
        assertThat(lines.receiveMessage()).startsWith("   2.0s").contains("250 deliveries/s");
        progress.stop();
        time.timePasses(Duration.ofSeconds(4));
        lines.expectNoMessage(Duration.ofMillis(50));
    }
}
