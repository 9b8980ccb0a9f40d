package io.watchsim.simulations.runner;

import io.watchsim.actors.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The world builder's window of outstanding calls waits through {@link Waits} (so a deterministic
 * run's thread can run its system meanwhile): a free place is taken without waiting, a full window
 * waits until an answer frees a place, and {@code awaitAll} waits for every place. The test's waiter
 * notes whether each wait found its place already free, and plays the answer when it did not.
 */
class CallWindowTest {
    /** Notes each wait; a wait for a place not yet free first frees one, as an answer would. */
    private static final class AnsweringWaiter implements Waits.Waiter {
        final List<Boolean> freeWhenAsked = new ArrayList<>();
        CallWindow window;

        @Override
        public <T> T await(CompletableFuture<T> future, Duration timeout)
                throws TimeoutException, ExecutionException, InterruptedException {
            freeWhenAsked.add(future.isDone());
            if (!future.isDone()) {
                window.leave();
            }
            return Waits.Waiter.REAL.await(future, timeout);
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("the window never sleeps");
        }
    }

    @Test
    void aFullWindowWaitsForAnAnswerAndAwaitAllWaitsForEveryOutstandingCall() {
        AnsweringWaiter waiter = new AnsweringWaiter();
        CallWindow window = new CallWindow(2);
        waiter.window = window;
        Waits.with(waiter, () -> {
            window.enter();
            window.enter();
            window.enter();   // full: waits until the waiter's answer hands it a place
            window.awaitAll();   // two calls out: each place waited for
            return null;
        });
        assertThat(waiter.freeWhenAsked).containsExactly(true, true, false, false, false);
    }

    @Test
    void aPlaceFreedWhileNobodyWaitsIsTakenWithoutWaiting() {
        AnsweringWaiter waiter = new AnsweringWaiter();
        CallWindow window = new CallWindow(1);
        waiter.window = window;
        Waits.with(waiter, () -> {
            window.enter();
            window.leave();
            window.enter();
            window.leave();
            window.awaitAll();
            return null;
        });
        assertThat(waiter.freeWhenAsked).containsExactly(true, true, true);
    }
}
