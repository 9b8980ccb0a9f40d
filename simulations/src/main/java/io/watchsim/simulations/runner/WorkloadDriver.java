package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.RandomStreams;
import io.watchsim.sources.keys.KeyOp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Starts a run's workload: one Pekko Streams graph per generator of the scenario, materialized on
 * the run's actor system, each issuing key operations drawn from its mix through
 * {@code Keys.callAsync} as its credentials' process ({@link RunContext#PID}). Open profiles
 * (constant, ramp, stairs, spike, poisson) issue on a schedule and count what they could not send
 * ({@link OpenGenerator}); a closed profile runs N clients ({@link ClosedGenerator}).
 *
 * <p>Each generator draws from its own named stream ({@link RandomStreams#generator}): its
 * operations and their targets from the stream itself ({@link OperationPicker}), a Poisson
 * profile's gaps from a stream split off it at the start, so that timing never shifts the choices
 * and two runs with one seed issue the same operations in the same order.
 */
public final class WorkloadDriver {
    private WorkloadDriver() {
    }

    /** Starts every generator of {@code ctx}'s scenario now, against its run clock. */
    public static RunningWorkload start(RunContext ctx) {
        return start(ctx, (generator, op) -> { });
    }

    /** The same, telling {@code onIssue} of every operation as it is sent (per generator, in order). */
    static RunningWorkload start(RunContext ctx, BiConsumer<String, KeyOp> onIssue) {
        List<Runnable> starts = new ArrayList<>();
        List<RunningGenerator> running = new ArrayList<>();
        for (Generator g : ctx.scenario().workload().generators()) {
            SplittableRandom stream = ctx.random(RandomStreams.generator(g.name()));
            SplittableRandom gaps = stream.split();
            // every picker is built (and the world checked) before any generator starts
            OperationPicker picker = new OperationPicker(g, ctx.scenario().world(), ctx.world(), stream);
            GeneratorLedger ledger = new GeneratorLedger(g.name(), g.injection().profile(), ctx.counters());
            CallsInFlight calls = new CallsInFlight(ctx.keys(), g.credentials(), ledger, ctx.clock(),
                    ctx.kernel().timeout(), ctx.system().executionContext(), op -> onIssue.accept(g.name(), op));
            if (g.injection() instanceof Injection.Closed closed) {
                starts.add(() -> running.add(ClosedGenerator.start(ctx, closed, picker, calls, ledger,
                        g.maxBacklog())));
            } else {
                Injection.Open open = (Injection.Open) g.injection();
                starts.add(() -> running.add(OpenGenerator.start(ctx, RateProfile.of(open), Arrivals.of(open, gaps),
                        picker, calls, ledger, g.maxInFlight(), g.maxBacklog())));
            }
        }
        starts.forEach(Runnable::run);
        return new RunningWorkload(running, ctx.kernel().timeout());
    }
}
