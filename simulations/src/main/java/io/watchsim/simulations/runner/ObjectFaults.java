package io.watchsim.simulations.runner;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.SysResult;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.sources.keys.KeyOp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults on objects. destroy-objects invalidates keys through {@code Keys}
 * (KEYCTL_INVALIDATE, as the group's owner): the garbage collector, whose pass the fault then
 * runs ({@code Keys.advance(0)}, as key_invalidate() schedules the gc work at once in
 * security/keys/key.c), destroys them and each of their watches sends its removal record.
 * crash-objects makes the objects' actors fail ({@code Kernel.crash}): an exception, not a clean
 * stop; their watches send their removal records too. Each object the kernel accepted is recorded
 * in the run's {@link FaultEffects}.
 */
final class ObjectFaults {
    /** The call that runs the key garbage collector's pending work. */
    static final String GC_PASS = "gc pass";

    private final RunContext ctx;

    ObjectFaults(RunContext ctx) {
        this.ctx = ctx;
    }

    FaultWork destroy(ArmedFault armed, FaultAction.DestroyObjects d) {
        List<Integer> group = ctx.world().objects(d.objects());
        List<Integer> picked = armed.pickFresh(group, d.share());
        Credentials owner = ctx.scenario().world().group(d.objects()).map(ObjectGroup::owner).orElse(Credentials.root());
        AtomicInteger invalidated = new AtomicInteger();
        return firing -> firing.each("KEYCTL_INVALIDATE", picked, s -> "key " + s,
                        s -> ctx.keys().call(RunContext.PID, owner, new KeyOp.Invalidate(s)),
                        (s, r) -> {
                            if (r.isOk()) {
                                invalidated.incrementAndGet();
                                ctx.effects().destroyed(s);
                            }
                        })
                .thenCompose(v -> invalidated.get() == 0
                        ? CompletableFuture.<SysResult>completedFuture(null)
                        : firing.one(GC_PASS, "(the key garbage collector's pending work)", () -> ctx.keys().advance(0)))
                .thenApply(v -> FaultWork.picked(d.objects(), "objects", picked, Shares.count(d.share(), group.size()),
                        group.size(), s -> "key " + s) + "; "
                        + firing.answers());
    }

    FaultWork crash(ArmedFault armed, FaultAction.CrashObjects c) {
        List<Integer> group = ctx.world().objects(c.objects());
        List<Integer> picked = armed.pickFresh(group, c.share());
        return firing -> firing.each("crash", picked, s -> "key " + s,
                        s -> CompletableFuture.completedFuture(ctx.kernel().crash(Integer.toUnsignedLong(s))),
                        (s, r) -> {
                            if (r.isOk()) {
                                ctx.effects().crashed(s);
                            }
                        })
                .thenApply(v -> FaultWork.picked(c.objects(), "objects", picked, Shares.count(c.share(), group.size()),
                        group.size(), s -> "key " + s) + "; "
                        + firing.answers());
    }
}
