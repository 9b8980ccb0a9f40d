package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.Units;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * The faults on the run's queue readers, through {@link ReaderControl}: stall-readers,
 * slow-readers and shrink-buffer, each for a share of a queue group's readers (drawn afresh each
 * firing). A reader control call returns at once; a queue without a reader (closed) counts as
 * such.
 */
final class ReaderFaults {
    private final RunContext ctx;

    ReaderFaults(RunContext ctx) {
        this.ctx = ctx;
    }

    FaultWork stall(ArmedFault armed, FaultAction.StallReaders s) {
        return apply(armed, s.queues(), s.share(), "stall for " + Units.format(s.length()),
                q -> ctx.readers().stall(q, s.length()));
    }

    FaultWork slow(ArmedFault armed, FaultAction.SlowReaders s) {
        return apply(armed, s.queues(), s.share(), "slow to " + s.pace() + " for " + Units.format(s.length()),
                q -> ctx.readers().slow(q, s.pace(), s.length()));
    }

    FaultWork shrink(ArmedFault armed, FaultAction.ShrinkBuffer s) {
        return apply(armed, s.queues(), s.share(), "buffer " + s.buffer() + " bytes",
                q -> ctx.readers().shrinkBuffer(q, s.buffer()));
    }

    private FaultWork apply(ArmedFault armed, String queueGroup, double share, String what, LongPredicate control) {
        List<Long> group = ctx.world().queues(queueGroup);
        List<Long> picked = armed.pickAny(group, share);
        return firing -> {
            CallTally tally = firing.tally(what);
            for (long q : picked) {
                tally.add(control.test(q) ? "applied" : "no reader", 1);
            }
            return CompletableFuture.completedFuture(FaultWork.picked(queueGroup, "readers", picked, picked.size(),
                    group.size(), q -> "queue " + q) + "; " + firing.answers());
        };
    }
}
