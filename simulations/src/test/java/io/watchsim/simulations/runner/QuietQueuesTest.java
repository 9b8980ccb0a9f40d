package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.ring.QueueStatistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a run looks at every queue, a slice of status requests at a time: every queue of
 * every group is counted whatever the slice, in id order; a queue holding a record is not quiet;
 * a queue that is gone is left out; queues that never fall quiet are counted as they stand.
 */
class QuietQueuesTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static List<Long> queues(Kernel k, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            QueueHandle q = k.await(k.createQueue());
            assertThat(k.await(k.setQueueSize(q.id(), 32)).isOk()).isTrue();
            ids.add(q.id());
        }
        return ids;
    }

    @Test
    void aLookCountsEveryQueueOfEveryGroupASliceAtATime() {
        Kernel k = Kernel.start(testKit.system(), "look", KernelSettings.DEFAULT.withHosts(2));
        List<Long> a = queues(k, 3);
        List<Long> b = queues(k, 4);
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("b", b, "a", a), List.of());
        k.postToQueue(b.get(2), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 5, 0), 1);

        Map<Long, QueueStatistics> seen = new LinkedHashMap<>();
        boolean empty = QuietQueues.look(k, world, seen, 2);
        assertThat(empty).as("one queue holds a record").isFalse();
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        assertThat(seen.keySet()).containsExactlyElementsOf(all);
        assertThat(seen.get(b.get(2)).inserted()).isEqualTo(1);

        assertThat(k.await(k.readQueue(b.get(2), 4096)).records()).isEqualTo(1);
        k.await(k.closeQueue(a.get(1)));
        seen.clear();
        assertThat(QuietQueues.look(k, world, seen, 2)).as("every queue read empty").isTrue();
        assertThat(seen.keySet()).as("a closed queue is gone").doesNotContain(a.get(1)).hasSize(6);
        k.await(k.stop());
    }

    @Test
    void queuesThatNeverFallQuietAreCountedAsTheyStand() {
        Kernel k = Kernel.start(testKit.system(), "never-quiet", KernelSettings.DEFAULT.withHosts(2));
        List<Long> q = queues(k, 2);
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", q), List.of());
        k.postToQueue(q.get(0), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 5, 0), 1);

        QuietQueues.Counts c = QuietQueues.await(k, world, Duration.ofMillis(200), Duration.ofMillis(20));
        assertThat(c.quiet()).isFalse();
        assertThat(c.stats()).hasSize(2);
        assertThat(c.stats().get(q.get(0)).inserted()).isEqualTo(1);

        assertThat(k.await(k.readQueue(q.get(0), 4096)).records()).isEqualTo(1);
        QuietQueues.Counts after = QuietQueues.await(k, world, Duration.ofSeconds(30), Duration.ofMillis(20));
        assertThat(after.quiet()).isTrue();
        k.await(k.stop());
    }

    /** A backlog that is still being read is waited for, however long past the bound for counts standing still. */
    @Test
    void aBacklogStillDrainingIsWaitedForPastTheBound() throws Exception {
        Kernel k = Kernel.start(testKit.system(), "draining", KernelSettings.DEFAULT.withHosts(2));
        List<Long> q = queues(k, 1);
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", q), List.of());
        for (int i = 0; i < 30; i++) {
            k.postToQueue(q.get(0), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 5, i), 1);
        }
        // a slow reader: one 16-byte record every 100 ms, 3 s in all, three times the bound below
        java.util.concurrent.ScheduledExecutorService reader = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            reader.scheduleWithFixedDelay(() -> k.readQueue(q.get(0), 16), 100, 100,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            QuietQueues.Counts c = QuietQueues.await(k, world, Duration.ofSeconds(1), Duration.ofMillis(20));
            assertThat(c.quiet()).isTrue();
            assertThat(c.stats().get(q.get(0)).recordsRead()).isEqualTo(30);
        } finally {
            reader.shutdownNow();
        }
        k.await(k.stop());
    }

    @Test
    void queuesStillBusyAtTheCapAreCountedAsTheyStand() {
        Kernel k = Kernel.start(testKit.system(), "capped", KernelSettings.DEFAULT.withHosts(2));
        List<Long> q = queues(k, 1);
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", q), List.of());
        java.util.concurrent.ScheduledExecutorService poster = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            poster.scheduleWithFixedDelay(() -> k.postToQueue(q.get(0), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 5, 0),
                    1), 0, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
            QuietQueues.Counts c = QuietQueues.await(k, world, Duration.ofSeconds(30), Duration.ofMillis(20),
                    Duration.ofMillis(300));
            assertThat(c.quiet()).as("still posted to at the cap").isFalse();
        } finally {
            poster.shutdownNow();
        }
        k.await(k.stop());
    }

    /**
     * The wait is on the run's clock and through {@link io.watchsim.actors.Waits}: here a waiter whose
     * sleep only moves a counter clock on, so the hour's bound for counts standing still passes
     * without the wall's; the looks stop as soon as the counter passes it (before the two hours' cap).
     */
    @Test
    void theWaitIsOnTheGivenClockAndSleepsThroughWaits() {
        Kernel k = Kernel.start(testKit.system(), "virtual", KernelSettings.DEFAULT.withHosts(2));
        List<Long> q = queues(k, 1);
        BuiltWorld world = new BuiltWorld(Map.of(), Map.of(), Map.of("q", q), List.of());
        k.postToQueue(q.get(0), KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 5, 0), 1);
        long[] now = {0};
        List<Duration> slept = new ArrayList<>();
        io.watchsim.actors.Waits.Waiter counting = new io.watchsim.actors.Waits.Waiter() {
            @Override
            public <T> T await(java.util.concurrent.CompletableFuture<T> f, Duration timeout)
                    throws java.util.concurrent.TimeoutException, java.util.concurrent.ExecutionException,
                    InterruptedException {
                return io.watchsim.actors.Waits.Waiter.REAL.await(f, timeout);
            }

            @Override
            public void sleep(Duration d) {
                slept.add(d);
                now[0] += d.toNanos();
            }
        };
        QuietQueues.Counts c = io.watchsim.actors.Waits.with(counting, () -> QuietQueues.await(k, world,
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofHours(2), () -> now[0]));
        assertThat(c.quiet()).as("a record stays unread").isFalse();
        // looks at 0, 10, ..., 60 min see the same counts; the one at 70 min is past the hour's bound
        assertThat(slept).hasSize(7).containsOnly(Duration.ofMinutes(10));
        k.await(k.stop());
    }
}
