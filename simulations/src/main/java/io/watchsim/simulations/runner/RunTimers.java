package io.watchsim.simulations.runner;

import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import scala.concurrent.ExecutionContextExecutor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Every delayed action and every time bound of a run goes through one service, so that a run can
 * choose what time its timers follow: {@link #real} keeps the JDK's own timers (microsecond
 * resolution: a closed client's 500 µs backlog poll stays 500 µs), {@link #on} puts them on a Pekko
 * {@link Scheduler} (the one a deterministic run makes virtual, so that its timers fire in virtual
 * time and on the run's own thread). The parts of a run reach it through {@link RunContext#timers()}.
 */
public interface RunTimers {
    /** An executor that runs each task given to it {@code delay} later, on the run's dispatcher. */
    Executor after(Duration delay);

    /**
     * A copy of {@code stage} that fails with {@code onTimeout}'s throwable if {@code stage} has not
     * completed within {@code bound} (then {@code stage}'s own late answer is ignored). Replaces
     * {@link CompletableFuture#orTimeout}.
     */
    <T> CompletableFuture<T> within(CompletionStage<T> stage, Duration bound, Supplier<? extends Throwable> onTimeout);

    /** {@link #within}, failing with a bare {@link TimeoutException} (what {@code orTimeout} fails with). */
    default <T> CompletableFuture<T> within(CompletionStage<T> stage, Duration bound) {
        return within(stage, bound, TimeoutException::new);
    }

    /**
     * A copy of {@code stage} that completes with {@code value} if {@code stage} has not completed
     * within {@code bound}. Replaces {@link CompletableFuture#completeOnTimeout}.
     */
    <T> CompletableFuture<T> completeOnTimeout(CompletionStage<T> stage, T value, Duration bound);

    /**
     * Today's timers of a concurrent run: {@link CompletableFuture#delayedExecutor},
     * {@link CompletableFuture#orTimeout} and {@link CompletableFuture#completeOnTimeout} on the JDK's
     * delayer thread; delayed tasks run on {@code executor} (the run's dispatcher).
     */
    static RunTimers real(Executor executor) {
        return new Real(executor);
    }

    /** Timers on {@code system}'s scheduler, their tasks on its dispatcher. */
    static RunTimers on(ActorSystem<?> system) {
        return on(system.scheduler(), system.executionContext());
    }

    /**
     * Timers on a Pekko {@code scheduler} (virtual in a deterministic run), their tasks on
     * {@code executor}. The scheduler's resolution is its tick (LARS: 10 ms by default).
     */
    static RunTimers on(Scheduler scheduler, ExecutionContextExecutor executor) {
        return new OnScheduler(scheduler, executor);
    }

    /** {@link #real}. */
    final class Real implements RunTimers {
        private final Executor executor;

        private Real(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
        }

        @Override
        public Executor after(Duration delay) {
            return CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor);
        }

        @Override
        public <T> CompletableFuture<T> within(CompletionStage<T> stage, Duration bound,
                                               Supplier<? extends Throwable> onTimeout) {
            // copy() wraps the stage's own failure in a CompletionException; orTimeout's is a bare TimeoutException
            CompletableFuture<T> timed = stage.toCompletableFuture().copy().orTimeout(bound.toNanos(),
                    TimeUnit.NANOSECONDS);
            CompletableFuture<T> out = new CompletableFuture<>();
            timed.whenComplete((value, failure) -> {
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(failure instanceof TimeoutException ? onTimeout.get() : failure);
                }
            });
            return out;
        }

        @Override
        public <T> CompletableFuture<T> completeOnTimeout(CompletionStage<T> stage, T value, Duration bound) {
            return stage.toCompletableFuture().copy().completeOnTimeout(value, bound.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** {@link #on}. */
    final class OnScheduler implements RunTimers {
        private final Scheduler scheduler;
        private final ExecutionContextExecutor executor;

        private OnScheduler(Scheduler scheduler, ExecutionContextExecutor executor) {
            this.scheduler = Objects.requireNonNull(scheduler);
            this.executor = Objects.requireNonNull(executor);
        }

        @Override
        public Executor after(Duration delay) {
            return task -> scheduler.scheduleOnce(delay, task, executor);
        }

        @Override
        public <T> CompletableFuture<T> within(CompletionStage<T> stage, Duration bound,
                                               Supplier<? extends Throwable> onTimeout) {
            CompletableFuture<T> out = new CompletableFuture<>();
            Cancellable timer = scheduler.scheduleOnce(bound, () -> out.completeExceptionally(onTimeout.get()),
                    executor);
            stage.whenComplete((value, failure) -> {
                timer.cancel();
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(failure);
                }
            });
            return out;
        }

        @Override
        public <T> CompletableFuture<T> completeOnTimeout(CompletionStage<T> stage, T value, Duration bound) {
            CompletableFuture<T> out = new CompletableFuture<>();
            Cancellable timer = scheduler.scheduleOnce(bound, () -> out.complete(value), executor);
            stage.whenComplete((v, failure) -> {
                timer.cancel();
                if (failure == null) {
                    out.complete(v);
                } else {
                    out.completeExceptionally(failure);
                }
            });
            return out;
        }
    }
}
