package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Rate;
import io.watchsim.simulations.scenario.Scenario;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's readers under the faults that steer them, on manual time (the readers' timers move
 * only when the test says): a stalled reader reads nothing more until its stall ends, whatever
 * else happens meanwhile (a slow spell ending does not end the stall), and it counts what it read.
 */
class QueueReadersTest {
    static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(
            com.typesafe.config.ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(testKit.system());

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static QueueStatistics stats(Kernel k, long q) {
        return k.await(k.queueStatistics(q)).orElseThrow();
    }

    @Test
    void aStalledReaderReadsNothingMoreUntilItsStallEndsEvenWhenASlowSpellEnds() {
        Kernel k = Kernel.start(testKit.system(), "readers", KernelSettings.DEFAULT.withHosts(2));
        QueueHandle q = k.await(k.createQueue());
        assertThat(k.await(k.setQueueSize(q.id(), 32)).isOk()).isTrue();
        Scenario scenario = Scenario.builder("readers").duration("1h").group(ObjectGroup.keys("keys", 1))
                .queues(QueueGroup.of("q", 1)).build();
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", List.of(q.id())), List.of());
        QueueReaders readers = QueueReaders.start(testKit.system(), k, scenario, world, RunClock.startingNow(),
                new RunCounters());
        TestProbe<Void> probe = testKit.createTestProbe();

        assertThat(readers.stall(q.id(), Duration.ofHours(1))).isTrue();
        k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1), 1);
        // The read the reader had out before the stall takes this record; no read follows it.
        probe.awaitAssert(() -> {
            assertThat(stats(k, q.id()).recordsRead()).isEqualTo(1);
            return null;
        });
        k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 2), 1);
        assertThat(readers.slow(q.id(), Rate.perSecond(1), Duration.ofMillis(1))).isTrue();
        time.timePasses(Duration.ofSeconds(1));   // the slow spell ends; the stall does not

        QueueReaders.Tally t = readers.tallies().get(q.id());
        assertThat(t.records()).isEqualTo(1);
        assertThat(t.recordsByObject()).containsEntry(42L, 1L);
        // Any read the reader sent before it handed in its tally is in the queue's mailbox by now.
        assertThat(stats(k, q.id()).recordsRead()).as("still stalled: the second record was not read").isEqualTo(1);
        assertThat(stats(k, q.id()).queued()).isEqualTo(1);
        k.await(k.stop());
    }

    /**
     * A reader counts every record where it reads it, whatever runs of objects the reads hold (its
     * per-object counts are kept a run at a time), and tells an observer of each read's records,
     * loss and removal records left out; a record after its object's removal record is a violation.
     */
    @Test
    void aReaderCountsInterleavedObjectsAndTellsItsObserverOfEachRead() {
        Kernel k = Kernel.start(testKit.system(), "counting", KernelSettings.DEFAULT.withHosts(2));
        QueueHandle q = k.await(k.createQueue());
        assertThat(k.await(k.setQueueSize(q.id(), 32)).isOk()).isTrue();
        Scenario scenario = Scenario.builder("counting").duration("1h").group(ObjectGroup.keys("keys", 1))
                .queues(QueueGroup.of("q", 1)).build();
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", List.of(q.id())), List.of());
        RunCounters counters = new RunCounters();
        java.util.concurrent.atomic.AtomicLong told = new java.util.concurrent.atomic.AtomicLong();
        java.util.Set<Long> queuesTold = java.util.concurrent.ConcurrentHashMap.newKeySet();
        QueueReaders readers = QueueReaders.start(testKit.system(), k, scenario, world, RunClock.startingNow(),
                counters, (queue, records) -> {
                    queuesTold.add(queue);
                    told.addAndGet(records);
                });
        TestProbe<Void> probe = testKit.createTestProbe();
        int[] objects = {7, 7, 9, 7, 9, 9, 7};
        for (int i = 0; i < objects.length; i++) {
            k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, objects[i], i), 1);
        }
        k.postToQueue(q.id(), io.watchsim.queues.record.MetaNotify.removal(9), 1);
        k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 9, 99), 1);
        probe.awaitAssert(() -> {
            assertThat(stats(k, q.id()).recordsRead()).isEqualTo(9);
            return null;
        });

        QueueReaders.Tally t = readers.tallies().get(q.id());
        assertThat(t.records()).isEqualTo(8);
        assertThat(t.recordsByObject()).isEqualTo(Map.of(7L, 4L, 9L, 4L));
        assertThat(t.removals()).isEqualTo(1);
        assertThat(t.removalsByObject()).isEqualTo(Map.of(9L, 1));
        assertThat(t.removalViolations()).containsExactly("queue " + q.id() + ": a record of object 9 after its"
                + " removal record");
        assertThat(counters.delivered.sum()).isEqualTo(8);
        assertThat(told.get()).as("records the observer was told of").isEqualTo(8);
        assertThat(queuesTold).containsExactly(q.id());
        k.await(k.stop());
    }

    /** One queue with a record already taken by the reader's outstanding read and a second one waiting, stalled. */
    private record Stalled(Kernel kernel, long queue, QueueReaders readers) {
        static Stalled start(String name, Duration stall) {
            Kernel k = Kernel.start(testKit.system(), name, KernelSettings.DEFAULT.withHosts(2));
            QueueHandle q = k.await(k.createQueue());
            assertThat(k.await(k.setQueueSize(q.id(), 32)).isOk()).isTrue();
            Scenario scenario = Scenario.builder(name).duration("1h").group(ObjectGroup.keys("keys", 1))
                    .queues(QueueGroup.of("q", 1)).build();
            BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", List.of(q.id())), List.of());
            QueueReaders readers = QueueReaders.start(testKit.system(), k, scenario, world, RunClock.startingNow(),
                    new RunCounters());
            assertThat(readers.stall(q.id(), stall)).isTrue();
            k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1), 1);
            testKit.createTestProbe().awaitAssert(() -> {
                assertThat(stats(k, q.id()).recordsRead()).isEqualTo(1);
                return null;
            });
            k.postToQueue(q.id(), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 2), 1);
            return new Stalled(k, q.id(), readers);
        }

        long read() {
            return stats(kernel, queue).recordsRead();
        }
    }

    @Test
    void aStallStartedAgainBeforeItEndsLastsFromItsNewStart() {
        Stalled s = Stalled.start("restarted", Duration.ofSeconds(10));
        time.timePasses(Duration.ofSeconds(5));
        assertThat(s.readers().stall(s.queue(), Duration.ofSeconds(10))).isTrue();
        time.timePasses(Duration.ofSeconds(6));   // the first stall's end comes, and does not count
        assertThat(s.readers().tallies().get(s.queue()).records()).isEqualTo(1);
        assertThat(s.read()).as("still stalled 11 s in").isEqualTo(1);
        s.kernel().await(s.kernel().stop());
    }

    @Test
    void aStallStartedAgainEndsAtItsOwnEnd() {
        Stalled s = Stalled.start("restarted-ends", Duration.ofSeconds(10));
        time.timePasses(Duration.ofSeconds(5));
        assertThat(s.readers().stall(s.queue(), Duration.ofSeconds(10))).isTrue();
        time.timePasses(Duration.ofSeconds(11));   // 16 s in: the second stall ended at 15 s
        testKit.createTestProbe().awaitAssert(() -> {
            assertThat(s.read()).isEqualTo(2);
            return null;
        });
        assertThat(s.readers().tallies().get(s.queue()).records()).isEqualTo(2);
        s.kernel().await(s.kernel().stop());
    }

    @Test
    void theDrainEndsAStallAtOnce() {
        Stalled s = Stalled.start("drained", Duration.ofHours(1));
        s.readers().drain();
        testKit.createTestProbe().awaitAssert(() -> {
            assertThat(s.read()).isEqualTo(2);
            return null;
        });
        time.timePasses(Duration.ofHours(2));   // the stall's end, cancelled, changes nothing
        assertThat(s.readers().tallies().get(s.queue()).records()).isEqualTo(2);
        s.kernel().await(s.kernel().stop());
    }
}
