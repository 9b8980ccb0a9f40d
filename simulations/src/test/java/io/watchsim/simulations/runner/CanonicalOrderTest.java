package io.watchsim.simulations.runner;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the runner iterates a set to send messages or to write a report, it does so in an order
 * that depends on the run alone, never on identity hashes or on the JVM: calls given up on at the
 * end are settled in the order they were issued; what the faults did is answered sorted.
 */
class CanonicalOrderTest {
    /** Timers that run every delayed task at once, on the caller's thread. */
    private static final RunTimers AT_ONCE = new RunTimers() {
        @Override
        public Executor after(Duration delay) {
            return Runnable::run;
        }

        @Override
        public <T> CompletableFuture<T> within(CompletionStage<T> stage, Duration bound,
                                               Supplier<? extends Throwable> onTimeout) {
            return stage.toCompletableFuture();
        }

        @Override
        public <T> CompletableFuture<T> completeOnTimeout(CompletionStage<T> stage, T value, Duration bound) {
            return stage.toCompletableFuture();
        }
    };

    @Test
    void callsGivenUpOnAreSettledInTheOrderTheyWereIssued() {
        RunCounters counters = new RunCounters();
        GeneratorLedger ledger = new GeneratorLedger("g", "constant", counters);
        CallsInFlight<String> calls = new CallsInFlight<>(op -> new CompletableFuture<>(), op -> op, ledger,
                RunClock.startingNow(), Duration.ofHours(1), AT_ONCE, op -> { });
        List<String> issued = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {   // the counters keep the first ten descriptions
            issued.add("op-" + i);
            calls.issue("op-" + i);
        }
        assertThat(calls.drain(Duration.ofSeconds(1))).isDone();
        assertThat(counters.unansweredCalls.stream().map(d -> d.substring("generator g: ".length(), d.indexOf(','))))
                .containsExactlyElementsOf(issued);
    }

    @Test
    void whatTheFaultsDidIsAnsweredSorted() {
        FaultEffects e = new FaultEffects();
        for (int serial : new int[]{30, 1, 20, 7}) {
            e.destroyed(serial);
            e.crashed(serial);
            e.watchCrashed(100 - serial, serial);
        }
        e.watchCrashed(70, 2);
        for (long q : new long[]{9, 3, 5}) {
            e.queueClosed(q);
            e.mountEnded(q * 10);
        }
        assertThat(e.destroyedObjects()).containsExactly(1, 7, 20, 30);
        assertThat(e.crashedObjects()).containsExactly(1, 7, 20, 30);
        assertThat(e.closedQueues()).containsExactly(3L, 5L, 9L);
        assertThat(e.endedMounts()).containsExactly(30L, 50L, 90L);
        assertThat(e.crashedWatches()).containsExactly(new FaultEffects.WatchKey(70, 2), new FaultEffects.WatchKey(70, 30),
                new FaultEffects.WatchKey(80, 20), new FaultEffects.WatchKey(93, 7), new FaultEffects.WatchKey(99, 1));
    }
}
