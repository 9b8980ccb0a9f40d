package io.watchsim.simulations.bench;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The garbage collection bench at a toy size: each path makes its timed keys and one sleep
 * collects every one of them (the harness refuses a figure that collected fewer). It asserts no
 * speed.
 */
@ExtendWith(LogCapturingExtension.class)
class GcBenchTest {
    private static final int KEYS = 1_500;
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "GcBenchTest",
                ConfigFactory.parseString("pekko.log-dead-letters = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        ActorTestKit.shutdown(system);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GcBench.Timeouts.class)
    void oneSleepCollectsEveryTimedKeyThroughTheTableAndThroughTheKeysApi(GcBench.Timeouts timeouts) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        GcBench bench = new GcBench(system, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(bench.table(KEYS, timeouts).collected()).isEqualTo(KEYS);
        assertThat(bench.keysApi(KEYS, timeouts).collected()).isEqualTo(KEYS);
        assertThat(bench.callMicros(KEYS, 1_000)).hasSize(3);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("through the KeyTable").contains("through the Keys API")
                .contains("1,500 timed keys waiting");
    }
}
