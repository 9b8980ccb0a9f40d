package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Injection;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A closed-model generator: {@code clients} clients, each issuing its next operation {@code think}
 * after its last one was answered. A Pekko Streams graph whose {@code mapAsyncUnordered} holds one
 * slot per client: a slot is a call and then the think time, so at most {@code clients} calls are
 * ever outstanding. A closed model intends exactly what it issues. New operations stop at the run's
 * end; the kill switch stands after the slots, so stopping does not wait for a client's think.
 */
final class ClosedGenerator {
    private ClosedGenerator() {
    }

    /** Materializes the generator's stream on the run's actor system. */
    static <O> RunningGenerator start(RunContext ctx, Injection.Closed closed, OperationSource<O> picker,
                                      CallsInFlight<O> calls, GeneratorLedger ledger) {
        long end = ctx.scenario().duration().toNanos();
        RunClock clock = ctx.clock();
        long think = closed.think().toNanos();
        Executor afterThink = think > 0
                ? CompletableFuture.delayedExecutor(think, TimeUnit.NANOSECONDS, ctx.system().executionContext())
                : null;
        Pair<UniqueKillSwitch, CompletionStage<Done>> run = Source.repeat(NotUsed.getInstance())
                .takeWhile(x -> clock.elapsedNanos() < end)
                .mapAsyncUnordered(closed.clients(), x -> {
                    ledger.intended(1);
                    CompletableFuture<Void> call = calls.issue(picker.next());
                    return afterThink == null ? call : call.thenRunAsync(() -> { }, afterThink);
                })
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.ignore(), Keep.both())
                .run(ctx.system());
        return new RunningGenerator(ledger, calls, run.first(), run.second());
    }
}
