package io.watchsim.simulations.runner;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One generator's counts, kept beside the run's totals: every event is counted here and in
 * {@link RunCounters} at once, so that the run's totals are the sum of its generators'. Thread-safe
 * (the generator's stream counts what it issues, dispatcher threads count the answers).
 */
final class GeneratorLedger {
    private final String name;
    private final String profile;
    private final RunCounters run;
    private final LongAdder intended = new LongAdder();
    private final LongAdder issued = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final AtomicInteger maxOutstanding = new AtomicInteger();

    GeneratorLedger(String name, String profile, RunCounters run) {
        this.name = name;
        this.profile = profile;
        this.run = run;
    }

    String name() {
        return name;
    }

    void intended(long n) {
        intended.add(n);
        run.intended.add(n);
    }

    void unsent(long n) {
        unsent.add(n);
        run.unsent.add(n);
    }

    /** A call sent, with {@code outstanding} calls now waiting for an answer (this one included). */
    void issued(int outstanding) {
        issued.increment();
        run.issued.increment();
        if (outstanding > maxOutstanding.get()) {
            maxOutstanding.accumulateAndGet(outstanding, Math::max);
        }
    }

    /** A call answered after {@code latencyNanos}; {@code errno} when the answer was an errno. */
    void answered(long latencyNanos, boolean errno) {
        answered.increment();
        run.answered.increment();
        if (errno) {
            errors.increment();
            run.errors.increment();
        }
        run.callLatency.recordValue(Math.max(0, latencyNanos));
    }

    /** A call with no answer within its bound, or failed as a kernel fault: a liveness violation. */
    void unanswered(String description) {
        unanswered.increment();
        run.unanswered(description);
    }

    GeneratorStats stats() {
        return new GeneratorStats(name, profile, intended.sum(), issued.sum(), unsent.sum(), answered.sum(),
                errors.sum(), unanswered.sum(), maxOutstanding.get());
    }
}
