package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Rate;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

import java.time.Duration;
import java.util.Set;

/**
 * A {@link ReaderControl} test double: every call is sent to a probe as a {@link Call}; queues in
 * {@code withReaders} have a reader (true), others not (false).
 */
final class RecordingReaders implements ReaderControl {
    /** One call: which control, which queue, with what ({@code 2s}, {@code 20/s for 3s}, {@code 24}, or empty). */
    record Call(String control, long queueId, String argument) {
    }

    private final TestProbe<Call> probe;
    private final Set<Long> withReaders;

    RecordingReaders(TestProbe<Call> probe, Set<Long> withReaders) {
        this.probe = probe;
        this.withReaders = Set.copyOf(withReaders);
    }

    private boolean record(String control, long queueId, String argument) {
        probe.ref().tell(new Call(control, queueId, argument));
        return withReaders.contains(queueId);
    }

    @Override
    public boolean stall(long queueId, Duration length) {
        return record("stall", queueId, length.toString());
    }

    @Override
    public boolean slow(long queueId, Rate pace, Duration length) {
        return record("slow", queueId, pace + " for " + length);
    }

    @Override
    public boolean shrinkBuffer(long queueId, int bytes) {
        return record("shrink", queueId, Integer.toString(bytes));
    }

    @Override
    public boolean queueClosed(long queueId) {
        return record("closed", queueId, "");
    }
}
