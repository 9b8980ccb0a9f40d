package io.watchsim.actors;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actors started many times are numbered per actor system, so two systems in one JVM (two runs)
 * name their actors alike, whatever ran before.
 */
class ActorNamesTest {
    private final ActorTestKit first = ActorTestKit.create("first");
    private final ActorTestKit second = ActorTestKit.create("second");

    @AfterEach
    void cleanup() {
        first.shutdownTestKit();
        second.shutdownTestKit();
    }

    @Test
    void eachSystemCountsEachPrefixFromOne() {
        ActorNames a = ActorNames.of(first.system());
        assertThat(a.next("stopping")).isEqualTo("stopping-1");
        assertThat(a.next("stopping")).isEqualTo("stopping-2");
        assertThat(a.nextNumber("reader")).isEqualTo(1);
        assertThat(ActorNames.of(first.system())).isSameAs(a);
        assertThat(ActorNames.of(second.system()).next("stopping")).as("another system starts again at 1")
                .isEqualTo("stopping-1");
    }

    @Test
    void stoppingNamesItsWatchersPerSystem() {
        for (ActorTestKit kit : java.util.List.of(first, second)) {
            ActorRef<String> target = kit.spawn(Behaviors.receiveMessage(m -> Behaviors.stopped()));
            Waits.await(Stopping.stop(kit.system(), target, "stop"), java.time.Duration.ofSeconds(10));
            // the first watcher of each system was stopping-1: the next name is the second
            assertThat(ActorNames.of(kit.system()).next("stopping")).isEqualTo("stopping-2");
        }
    }
}
