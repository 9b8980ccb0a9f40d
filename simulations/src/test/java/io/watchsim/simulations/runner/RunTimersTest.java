package io.watchsim.simulations.runner;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run's timers: the JDK's ({@link RunTimers#real}, what a concurrent run uses) and a Pekko
 * scheduler's ({@link RunTimers#on}, what a deterministic run will use), each delaying a task, bounding
 * a stage and completing a late stage with a value. The scheduler's are tried on manual time, so the
 * test says when time passes, and shows that they follow the scheduler's time, not the wall's.
 */
class RunTimersTest {
    static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config().withFallback(ConfigFactory.load()));
    static final ManualTime time = ManualTime.get(testKit.system());

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static <T> T answer(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no failure: " + e, e);
        }
        throw new AssertionError("completed normally");
    }

    @Nested
    class Real {
        private final RunTimers timers = RunTimers.real(testKit.system().executionContext());

        @Test
        void aDelayedTaskRunsOnTheGivenExecutorNoEarlierThanItsDelay() throws Exception {
            Executor later = timers.after(Duration.ofMillis(30));
            long start = System.nanoTime();
            CompletableFuture<String> ran = new CompletableFuture<>();
            later.execute(() -> ran.complete(Thread.currentThread().getName()));
            String thread = answer(ran);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
            assertThat(thread).contains(testKit.system().name());   // the system's dispatcher, not the JDK's delayer
        }

        @Test
        void aStageWithoutAnAnswerFailsWithTheGivenFailureOnceItsBoundHasPassed() {
            CompletableFuture<String> never = new CompletableFuture<>();
            CompletableFuture<String> bounded = timers.within(never, Duration.ofMillis(20),
                    () -> new IllegalStateException("too late"));
            assertThat(failureOf(bounded)).isInstanceOf(IllegalStateException.class).hasMessage("too late");
            assertThat(never).isNotDone();
            assertThat(failureOf(timers.within(new CompletableFuture<>(), Duration.ofMillis(1))))
                    .isInstanceOf(TimeoutException.class);
        }

        @Test
        void aStageAnsweredInTimeKeepsItsAnswerOrItsOwnFailure() throws Exception {
            assertThat(answer(timers.within(CompletableFuture.completedFuture("yes"), Duration.ofHours(1),
                    IllegalStateException::new))).isEqualTo("yes");
            // the stage's own timeout is not taken for the bound's
            Throwable own = failureOf(timers.within(CompletableFuture.failedFuture(new TimeoutException("own")),
                    Duration.ofHours(1), () -> new IllegalStateException("bound")));
            assertThat(own).isInstanceOf(TimeoutException.class).hasMessage("own");
        }

        @Test
        void aLateStageCompletesWithTheValueGivenAndAnEarlyOneWithItsOwn() throws Exception {
            assertThat(answer(timers.completeOnTimeout(new CompletableFuture<>(), "default", Duration.ofMillis(10))))
                    .isEqualTo("default");
            assertThat(answer(timers.completeOnTimeout(CompletableFuture.completedFuture("own"), "default",
                    Duration.ofHours(1)))).isEqualTo("own");
        }
    }

    @Nested
    class OnScheduler {
        private final RunTimers timers = RunTimers.on(testKit.system());

        @Test
        void aDelayedTaskRunsOnlyOnceTheSchedulersTimeHasPassedItsDelay() {
            TestProbe<String> probe = testKit.createTestProbe();
            timers.after(Duration.ofSeconds(5)).execute(() -> probe.getRef().tell("ran"));
            time.timePasses(Duration.ofMillis(4_990));
            probe.expectNoMessage(Duration.ofMillis(50));
            time.timePasses(Duration.ofMillis(10));
            probe.expectMessage("ran");
        }

        @Test
        void aStageWithoutAnAnswerFailsOnlyOnceTheSchedulersTimeHasPassedItsBound() {
            CompletableFuture<String> never = new CompletableFuture<>();
            CompletableFuture<String> bounded = timers.within(never, Duration.ofSeconds(30),
                    () -> new IllegalStateException("too late"));
            time.timePasses(Duration.ofMillis(29_990));
            assertThat(bounded).isNotDone();
            time.timePasses(Duration.ofMillis(10));
            assertThat(failureOf(bounded)).isInstanceOf(IllegalStateException.class).hasMessage("too late");
            assertThat(never).isNotDone();
        }

        @Test
        void aStageAnsweredInTimeKeepsItsAnswerOrItsFailureWhenTheBoundPasses() throws Exception {
            CompletableFuture<String> answered = new CompletableFuture<>();
            CompletableFuture<String> bounded = timers.within(answered, Duration.ofSeconds(1));
            CompletableFuture<String> failing = new CompletableFuture<>();
            CompletableFuture<String> boundedFailing = timers.within(failing, Duration.ofSeconds(1));
            answered.complete("yes");
            failing.completeExceptionally(new IllegalArgumentException("own"));
            time.timePasses(Duration.ofSeconds(2));
            assertThat(answer(bounded)).isEqualTo("yes");
            assertThat(failureOf(boundedFailing)).isInstanceOf(IllegalArgumentException.class).hasMessage("own");
        }

        @Test
        void aLateStageCompletesWithTheValueGivenOnlyOnceTheSchedulersTimeHasPassedTheBound() throws Exception {
            CompletableFuture<String> late = timers.completeOnTimeout(new CompletableFuture<>(), "default",
                    Duration.ofSeconds(3));
            CompletableFuture<String> early = new CompletableFuture<>();
            CompletableFuture<String> answered = timers.completeOnTimeout(early, "default", Duration.ofSeconds(3));
            time.timePasses(Duration.ofMillis(2_990));
            assertThat(late).isNotDone();
            early.complete("own");
            time.timePasses(Duration.ofMillis(10));
            assertThat(answer(late)).isEqualTo("default");
            assertThat(answer(answered)).isEqualTo("own");
        }
    }
}
