package io.watchsim.simulations.runner;

import org.HdrHistogram.Recorder;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a run counts while it runs, from many threads at once (generators on stream threads,
 * readers on dispatcher threads): contention-free adders, read at the end and by the progress
 * line. The queues count their own records' fates; these are the runner's side of the ledger.
 */
public final class RunCounters {
    /** Operations the injection profiles asked for. */
    public final LongAdder intended = new LongAdder();
    /** Operations the generators issued to the kernel. */
    public final LongAdder issued = new LongAdder();
    /** Operations not issued because the generator was at its max-in-flight. */
    public final LongAdder unsent = new LongAdder();
    /** Operations the kernel answered (with a value or an errno). */
    public final LongAdder answered = new LongAdder();
    /** Operations answered with an errno. */
    public final LongAdder errors = new LongAdder();
    /** Operations that got no answer within their bound, or failed as a kernel fault: liveness violations. */
    public final LongAdder unanswered = new LongAdder();
    /** Records readers read (key and other records, not meta). */
    public final LongAdder delivered = new LongAdder();
    /** Removal records readers read. */
    public final LongAdder removals = new LongAdder();
    /** Loss records readers read. */
    public final LongAdder lossMarks = new LongAdder();
    /** The kernel's backlog (records posted that their object has not yet posted) at its highest as generators saw it. */
    public final LongAccumulator backlogPeak = new LongAccumulator(Long::max, 0);
    /** Faults fired. */
    public final LongAdder faults = new LongAdder();
    /**
     * Post to read: from the object's fan-out to the reader's read, in nanoseconds, per record read;
     * read in intervals by the report's sampler, whole at the end.
     */
    public final LatencyRecorder postToRead = new LatencyRecorder();
    /** A generator's kernel call, issue to answer, in nanoseconds. */
    public final Recorder callLatency = new Recorder(3);
    /** The first calls that got no answer within their bound (liveness violations), described. */
    public final ConcurrentLinkedQueue<String> unansweredCalls = new ConcurrentLinkedQueue<>();

    /** Notes a call that got no answer within its bound: counted, and described if among the first ten. */
    public void unanswered(String call) {
        unanswered.increment();
        if (unansweredCalls.size() < 10) {
            unansweredCalls.add(call);
        }
    }
}
