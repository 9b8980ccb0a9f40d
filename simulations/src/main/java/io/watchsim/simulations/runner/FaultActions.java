package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.FaultAction;

import java.util.concurrent.Executor;

/**
 * Turns a firing fault into its work: picks the members now, on the injector's actor and from the
 * fault's own stream, and hands back what the firing then does with them through the kernel.
 */
final class FaultActions {
    private final ObjectFaults objects;
    private final QueueFaults queues;
    private final ReaderFaults readers;
    private final PolicyFaults policies;
    private final MountFaults mounts;
    private final RunContext ctx;

    FaultActions(RunContext ctx, Executor blocking) {
        this.objects = new ObjectFaults(ctx);
        this.queues = new QueueFaults(ctx);
        this.readers = new ReaderFaults(ctx);
        this.policies = new PolicyFaults(ctx, blocking);
        this.mounts = new MountFaults(ctx);
        this.ctx = ctx;
    }

    FaultWork prepare(ArmedFault armed) {
        FaultAction a = armed.fault().action();
        if (a instanceof FaultAction.DestroyObjects d) {
            return objects.destroy(armed, d);
        } else if (a instanceof FaultAction.CrashObjects c) {
            return ctx.world().mountTree(c.objects()).isPresent() ? mounts.crash(armed, c) : objects.crash(armed, c);
        } else if (a instanceof FaultAction.DetachMounts d) {
            return mounts.detach(armed, d);
        } else if (a instanceof FaultAction.ExpireAutomounts e) {
            return mounts.expire(armed, e);
        } else if (a instanceof FaultAction.CrashWatches c) {
            return queues.crashWatches(armed, c);
        } else if (a instanceof FaultAction.CloseQueues c) {
            return queues.close(armed, c);
        } else if (a instanceof FaultAction.FloodQueue f) {
            return queues.flood(armed, f);
        } else if (a instanceof FaultAction.StallReaders s) {
            return readers.stall(armed, s);
        } else if (a instanceof FaultAction.SlowReaders s) {
            return readers.slow(armed, s);
        } else if (a instanceof FaultAction.ShrinkBuffer s) {
            return readers.shrink(armed, s);
        } else if (a instanceof FaultAction.SwapPolicy s) {
            return policies.swap(s);
        } else if (a instanceof FaultAction.ReloadPolicy) {
            return policies.reload();
        }
        throw new IllegalArgumentException("no work for fault action " + a.kind());
    }
}
