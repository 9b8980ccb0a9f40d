package io.watchsim.simulations.runner;

import org.apache.pekko.Done;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One generator's materialized stream and its calls: its stream ends on its own at the end of the
 * run (or when stopped through its kill switch), after which its outstanding calls are settled.
 */
final class RunningGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(RunningGenerator.class);
    private final GeneratorLedger ledger;
    private final CallsInFlight<?> calls;
    private final UniqueKillSwitch killSwitch;
    private final CompletableFuture<Void> streamEnded;
    private final RunTimers timers;

    RunningGenerator(GeneratorLedger ledger, CallsInFlight<?> calls, UniqueKillSwitch killSwitch,
                     CompletionStage<Done> streamDone, RunTimers timers, java.util.concurrent.Executor executor) {
        this.ledger = ledger;
        this.timers = timers;
        this.calls = calls;
        this.killSwitch = killSwitch;
        // a failed stream has stopped issuing all the same; its failure is the runner's bug, not the kernel's.
        // On the run's dispatcher: what Pekko completes runs plain continuations on the JDK's common pool.
        this.streamEnded = streamDone.handleAsync((done, failure) -> {
            if (failure != null) {
                LOG.error("generator {} stopped issuing: its stream failed", ledger.name(), failure);
            }
            return (Void) null;
        }, executor).toCompletableFuture();
    }

    /** Completes once the stream has ended: the run's end was reached, or the generator was stopped. */
    CompletableFuture<Void> streamEnded() {
        return streamEnded;
    }

    /**
     * Stops issuing now and settles every call: completes once each is answered or, after
     * {@code giveUpAfter}, given up on. Bounded: a stream that does not end within
     * {@code giveUpAfter} is left behind (it issues nothing more once the kill switch is thrown).
     */
    CompletableFuture<Void> stop(Duration giveUpAfter) {
        killSwitch.shutdown();
        return timers.completeOnTimeout(streamEnded, null, giveUpAfter).thenCompose(v -> calls.drain(giveUpAfter));
    }

    GeneratorStats stats() {
        return ledger.stats();
    }
}
