package io.watchsim.simulations.bench;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bench's relays: every event reaches every sink once and in sequence, over several rounds,
 * unbatched and batched, through one hop and through two; and a sink reports once per read (what
 * has reached it since its last report), not once per event.
 */
class NaiveRelayTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @ParameterizedTest
    @CsvSource({"1,1,8", "2,1,8", "1,16,2", "2,16,2"})
    void everyEventReachesEverySinkOnceAndInSequence(int hops, int burst, int windowBursts) {
        int n = 7;
        DeliveryTally tally = new DeliveryTally(n);
        ActorRef<NaiveRelay.SenderCommand> sender = KIT.spawn(NaiveRelay.sender(n, hops, tally));
        TestProbe<Long> done = KIT.createTestProbe();
        long events = 160;
        for (int round = 1; round <= 3; round++) {
            sender.tell(new NaiveRelay.Start(events, burst, windowBursts, done.getRef()));
            assertThat(done.receiveMessage(Duration.ofSeconds(30))).isPositive();
            for (int sink = 0; sink < n; sink++) {
                assertThat(tally.counted(sink)).as("sink %d after round %d", sink, round).isEqualTo(round * events);
            }
        }
        assertThat(tally.outOfSequenceCount()).isZero();
        sender.tell(NaiveRelay.Stop.INSTANCE);
        TestProbe<Object> watcher = KIT.createTestProbe();
        watcher.expectTerminated(sender, Duration.ofSeconds(10));
    }

    @Test
    void aSinkReportsOncePerReadWhatReachedItSinceItsLastReport() {
        TestInbox<NaiveRelay.SenderCommand> sender = TestInbox.create();
        DeliveryTally tally = new DeliveryTally(1);
        BehaviorTestKit<NaiveRelay.SinkMessage> sink = BehaviorTestKit.create(NaiveRelay.sink(sender.getRef(), 0, tally));
        for (long e = 0; e < 5; e++) {
            sink.run(new NaiveRelay.Burst(e, 1));
        }
        // five events in its mailbox before its read: one read, one report of five
        NaiveRelay.SinkMessage read = sink.selfInbox().receiveMessage();
        assertThat(sink.selfInbox().hasMessages()).as("one read pending, not one per event").isFalse();
        sink.run(read);
        assertThat(sender.getAllReceived()).containsExactly(new NaiveRelay.Consumed(0, 5));
        sink.run(new NaiveRelay.Burst(5, 64));
        sink.run(sink.selfInbox().receiveMessage());
        assertThat(sender.getAllReceived()).containsExactly(new NaiveRelay.Consumed(0, 64));
        assertThat(tally.counted(0)).isEqualTo(69);
        assertThat(tally.outOfSequenceCount()).isZero();
    }

    @Test
    void aSinkNotesAnEventOutOfSequence() {
        TestInbox<NaiveRelay.SenderCommand> sender = TestInbox.create();
        DeliveryTally tally = new DeliveryTally(1);
        BehaviorTestKit<NaiveRelay.SinkMessage> sink = BehaviorTestKit.create(NaiveRelay.sink(sender.getRef(), 0, tally));
        sink.run(new NaiveRelay.Burst(0, 1));
        sink.run(new NaiveRelay.Burst(2, 1));   // event 1 skipped
        sink.run(new NaiveRelay.Burst(2, 1));   // event 2 again
        assertThat(tally.outOfSequenceCount()).isEqualTo(2);
    }

    @Test
    void aRelayHasOneHopOrTwo() {
        assertThatThrownBy(() -> NaiveRelay.sender(3, 3, new DeliveryTally(3))).hasMessageContaining("1 or 2 hops");
    }
}
