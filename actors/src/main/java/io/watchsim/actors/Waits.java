package io.watchsim.actors;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a plain thread (the runner's, a script's, a test's; never a dispatcher's) waits: for an answer, or
 * for time to pass. Every such wait in WatchSim goes through here, so that a thread that runs a
 * deterministic kernel itself (it is the only thread of its actor system) can keep running that system
 * while it waits, on its virtual clock, instead of blocking the work it waits for.
 *
 * <p>A thread waits {@linkplain Waiter#REAL really} unless it has been given another {@link Waiter} for the
 * extent of a call ({@link #with}).
 */
public final class Waits {
    private static final ThreadLocal<Waiter> CURRENT = new ThreadLocal<>();

    private Waits() {
    }

    /** How one thread waits. */
    public interface Waiter {
        /** Blocks this thread until {@code future} is done or {@code timeout} has passed; then returns its value. */
        <T> T await(CompletableFuture<T> future, Duration timeout)
                throws TimeoutException, ExecutionException, InterruptedException;

        /** Lets {@code duration} pass. */
        void sleep(Duration duration) throws InterruptedException;

        /** The thread's own blocking waits on the wall clock. */
        Waiter REAL = new Waiter() {
            @Override
            public <T> T await(CompletableFuture<T> future, Duration timeout)
                    throws TimeoutException, ExecutionException, InterruptedException {
                return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(duration.toNanos());
            }
        };
    }

    /** The way this thread waits now. */
    public static Waiter current() {
        Waiter w = CURRENT.get();
        return w == null ? Waiter.REAL : w;
    }

    /** Runs {@code body} with this thread waiting through {@code waiter}; the earlier way is restored after. */
    public static <T> T with(Waiter waiter, java.util.function.Supplier<T> body) {
        Waiter before = CURRENT.get();
        CURRENT.set(waiter);
        try {
            return body.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /**
     * The answer of {@code stage}, waited for at most {@code timeout}. The call's own failure is thrown as it
     * is (a {@link KernelFault} for a fault of the simulation); no answer in time is a {@link KernelFault} too.
     */
    public static <T> T await(CompletionStage<T> stage, Duration timeout) {
        try {
            return current().await(stage.toCompletableFuture(), timeout);
        } catch (TimeoutException e) {
            throw new KernelFault("no answer within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new KernelFault("the call failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelFault("interrupted while waiting for an answer", e);
        }
    }

    /**
     * Lets {@code duration} pass on this thread; false if the thread was interrupted meanwhile (its
     * interrupt flag is set again).
     */
    public static boolean sleep(Duration duration) {
        try {
            current().sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
