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

/**
 * A closed-model generator: {@code clients} clients, each issuing its next operation {@code think}
 * after its last one was answered. A Pekko Streams graph whose {@code mapAsyncUnordered} holds one
 * slot per client: a slot is a call and then the think time, so at most {@code clients} calls are
 * ever outstanding. A client waits (without blocking) while the kernel's backlog is at the
 * generator's max-backlog ({@link BacklogGate}), since a load call is answered before its records
 * reach their objects, not once they are in the queues. A closed model intends exactly what it issues. New operations stop at the
 * run's end; the kill switch stands after the slots, so stopping does not wait for a client's think.
 */
final class ClosedGenerator {
    private ClosedGenerator() {
    }

    /** Materializes the generator's stream on the run's actor system. */
    static <O> RunningGenerator start(RunContext ctx, Injection.Closed closed, OperationSource<O> picker,
                                      CallsInFlight<O> calls, GeneratorLedger ledger, long maxBacklog) {
        long end = ctx.scenario().duration().toNanos();
        RunClock clock = ctx.clock();
        long think = closed.think().toNanos();
        Executor afterThink = think > 0
                ? ctx.timers().after(closed.think())
                : null;
        BacklogGate gate = new BacklogGate(ctx.kernel().recordsInTransit(), maxBacklog, ctx.timers(), () -> clock.elapsedNanos() >= end, ctx.counters().backlogPeak);
        Pair<UniqueKillSwitch, CompletionStage<Done>> run = Source.repeat(NotUsed.getInstance())
                .takeWhile(x -> clock.elapsedNanos() < end)
                .map(x -> picker.next())   // drawn here, in the stream's order: the picker has one caller
                .mapAsyncUnordered(closed.clients(), op -> gate.open().thenCompose(open -> {
                    if (clock.elapsedNanos() >= end) {
                        return CompletableFuture.completedFuture(null);
                    }
                    ledger.intended(1);
                    CompletableFuture<Void> call = calls.issue(op);
                    return afterThink == null ? call : call.thenRunAsync(() -> { }, afterThink);
                }))
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.ignore(), Keep.both())
                .run(ctx.system());
        return new RunningGenerator(ledger, calls, run.first(), run.second(), ctx.timers(),
                ctx.system().executionContext());
    }
}
