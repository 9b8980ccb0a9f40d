package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.RandomStreams;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.mounts.MountOp;
import io.watchsim.sources.mounts.Mounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Starts a run's workload: one Pekko Streams graph per generator of the scenario, materialized on
 * the run's actor system, each issuing key operations drawn from its mix through
 * {@code Keys.callAsync} as its credentials' process ({@link RunContext#PID}), or, on a mount tree,
 * mount operations through {@code Mounts.call} ({@link MountOperationPicker}). Open profiles
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

    /** The same, telling {@code onIssue} of every key operation as it is sent (per generator, in order). */
    static RunningWorkload start(RunContext ctx, BiConsumer<String, KeyOp> onIssue) {
        return start(ctx, onIssue, (generator, op) -> { });
    }

    /**
     * The same, telling {@code onMountIssue} of every mount operation as it is sent. A generator on a
     * mount tree draws its operations with a {@link MountOperationPicker} and sends them through
     * {@code Mounts.call}, as the generator's credentials; its errnos are counted like a key call's.
     */
    static RunningWorkload start(RunContext ctx, BiConsumer<String, KeyOp> onIssue,
                                 BiConsumer<String, MountOp> onMountIssue) {
        List<Runnable> starts = new ArrayList<>();
        List<RunningGenerator> running = new ArrayList<>();
        for (Generator g : ctx.scenario().workload().generators()) {
            SplittableRandom stream = ctx.random(RandomStreams.generator(g.name()));
            SplittableRandom gaps = stream.split();
            GeneratorLedger ledger = new GeneratorLedger(g.name(), g.injection().profile(), ctx.counters());
            // every picker is built (and the world checked) before any generator starts
            Optional<BuiltMountTree> tree = ctx.world().mountTree(g.objects());
            if (tree.isPresent()) {
                MountOperationPicker picker = new MountOperationPicker(g, tree.get(), stream);
                Mounts mounts = ctx.mounts();
                CallsInFlight<MountOp> calls = new CallsInFlight<>(op -> mounts.call(g.credentials(), op),
                        MountOperationPicker::describe, ledger, ctx.clock(), ctx.kernel().timeout(),
                        ctx.timers(), op -> onMountIssue.accept(g.name(), op));
                starts.add(() -> running.add(start(ctx, g, gaps, picker, calls, ledger)));
            } else {
                OperationPicker picker = new OperationPicker(g, ctx.scenario().world(), ctx.world(), stream);
                CallsInFlight<KeyOp> calls = CallsInFlight.keys(ctx.keys(), g.credentials(), ledger, ctx.clock(),
                        ctx.kernel().timeout(), ctx.timers(), op -> onIssue.accept(g.name(), op));
                starts.add(() -> running.add(start(ctx, g, gaps, picker, calls, ledger)));
            }
        }
        starts.forEach(Runnable::run);
        return new RunningWorkload(running, ctx.kernel().timeout(), ctx.timers());
    }

    /** One generator's stream: a closed model's clients, or an open model's schedule. */
    private static <O> RunningGenerator start(RunContext ctx, Generator g, SplittableRandom gaps,
                                              OperationSource<O> picker, CallsInFlight<O> calls,
                                              GeneratorLedger ledger) {
        if (g.injection() instanceof Injection.Closed closed) {
            return ClosedGenerator.start(ctx, closed, picker, calls, ledger, g.maxBacklog());
        }
        Injection.Open open = (Injection.Open) g.injection();
        return OpenGenerator.start(ctx, RateProfile.of(open), Arrivals.of(open, gaps), picker, calls, ledger,
                g.maxInFlight(), g.maxBacklog());
    }
}
