package io.watchsim.simulations.bench;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner comparison's closed loop: at most {@code window} events are unread by the slowest
 * reader, the next goes out when the last reader of the oldest reads it, and a round is answered
 * once every reader has read every event; counts run on across rounds.
 */
class EventWindowTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void theSlowestReaderHoldsTheWindowAndTheRoundEndsWhenEveryReaderHasReadEveryEvent() {
        EventWindow w = new EventWindow(3, 2);
        AtomicLong issued = new AtomicLong();
        ActorRef<EventWindow.Command> pacer = testKit.spawn(w.pacer(issued::incrementAndGet));
        TestProbe<Long> done = testKit.createTestProbe();
        TestProbe<Void> probe = testKit.createTestProbe();

        pacer.tell(new EventWindow.Start(5, done.getRef()));
        probe.awaitAssert(() -> assertThat(issued.get()).isEqualTo(2));
        w.read(0, 2);
        w.read(1, 2);
        done.expectNoMessage(Duration.ofMillis(100));
        assertThat(issued.get()).as("reader 2 has read nothing: the window is full").isEqualTo(2);

        w.read(2, 1);   // event 0 read by all: one more
        probe.awaitAssert(() -> assertThat(issued.get()).isEqualTo(3));
        w.read(2, 1);   // event 1 too
        probe.awaitAssert(() -> assertThat(issued.get()).isEqualTo(4));
        for (int sink = 0; sink < 3; sink++) {
            w.read(sink, 2);   // events 2 and 3
        }
        probe.awaitAssert(() -> assertThat(issued.get()).isEqualTo(5));
        w.read(0, 1);
        w.read(1, 1);
        done.expectNoMessage(Duration.ofMillis(50));
        w.read(2, 1);
        assertThat(done.receiveMessage()).as("elapsed nanoseconds").isPositive();

        pacer.tell(new EventWindow.Start(1, done.getRef()));   // the next round numbers on from event 5
        probe.awaitAssert(() -> assertThat(issued.get()).isEqualTo(6));
        for (int sink = 0; sink < 3; sink++) {
            w.read(sink, 1);
        }
        assertThat(done.receiveMessage()).isPositive();
        assertThat(issued.get()).isEqualTo(6);
    }
}
