package io.watchsim.simulations.bench;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency child's work in this JVM at a toy size: the search finds a sustained rate, and a
 * measurement at a low rate reads every event's N deliveries exactly once, each timed from its
 * intended send time and from its post stamp, and times every fan-out probe. No figure is asserted.
 */
@ExtendWith(LogCapturingExtension.class)
class LatencyUnderLoadTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "LatencyUnderLoadTest",
                ConfigFactory.parseString("pekko.log-dead-letters = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        ActorTestKit.shutdown(system);
    }

    @Test
    void theSearchFindsASustainedRate() {
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        LatencyUnderLoad bench = new LatencyUnderLoad(system, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(results, true, StandardCharsets.UTF_8));
        List<LatencyFigures.Saturation> found = bench.search(new LatencyUnderLoad.Plan(List.of(3), 100, 1, 300, 256, 3));
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.fanout()).isEqualTo(3);
            assertThat(s.eventsPerSecond()).isPositive();
        });
        assertThat(results.toString(StandardCharsets.UTF_8).lines().map(LatencyFigures::parse))
                .containsExactly(found.get(0));
    }

    @Test
    void everyEventsDeliveriesAreReadAndTimedExactlyOnce() {
        ByteArrayOutputStream results = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LatencyUnderLoad bench = new LatencyUnderLoad(system, new PrintStream(log, true, StandardCharsets.UTF_8),
                new PrintStream(results, true, StandardCharsets.UTF_8));
        int n = 7;
        List<Object> figures = bench.measure(new LatencyUnderLoad.Plan(List.of(n), 100, 1, 300, 512, 4),
                Map.of(n, 2000.0));
        assertThat(figures).hasSize(LatencyUnderLoad.LOADS.size() + 1);
        for (int i = 0; i < LatencyUnderLoad.LOADS.size(); i++) {
            LatencyFigures.Load l = (LatencyFigures.Load) figures.get(i);
            assertThat(l.fanout()).isEqualTo(n);
            assertThat(l.load()).isEqualTo(LatencyUnderLoad.LOADS.get(i));
            assertThat(l.sent()).as("%.1f s at %.0f events/s", 0.3, l.eventsPerSecond())
                    .isEqualTo((long) Math.floor(0.3 * l.eventsPerSecond()));
            assertThat(l.expected()).isEqualTo(l.sent() * n);
            assertThat(l.counted()).as("every event's %d deliveries read", n).isEqualTo(l.expected());
            assertThat(l.readersOff()).isZero();
            assertThat(l.lost()).isZero();
            assertThat(l.drained()).isTrue();
            assertThat(l.fromIntended().getTotalCount()).as("each delivery timed from its intended send time")
                    .isEqualTo(l.expected());
            assertThat(l.fromPost().getTotalCount()).as("and from its post stamp").isEqualTo(l.expected());
            assertThat(l.exact()).isTrue();
        }
        LatencyFigures.FanOut f = (LatencyFigures.FanOut) figures.get(figures.size() - 1);
        assertThat(f.times().getTotalCount()).isEqualTo(4);
        assertThat(f.missed()).isZero();
        assertThat(results.toString(StandardCharsets.UTF_8).lines().toList()).as("a result line per figure")
                .hasSize(figures.size()).allSatisfy(line -> assertThat(line).startsWith(LatencyFigures.PREFIX));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up at 90%").contains("every delivery read");
    }
}
