package io.watchsim.simulations.runner;

import io.watchsim.actors.KernelFault;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.Keys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One generator's kernel calls of operations {@code O} (key operations through
 * {@code Keys.callAsync}, mount operations through {@code Mounts.call}), each sent as the generator's process,
 * then settled exactly once: answered (a value or an errno, with its latency from issue to
 * answer), or unanswered (a kernel fault, an answer later than the kernel's bound, or no answer
 * when the workload gave up on it at its end). Calls are never retried. What is outstanding is
 * kept only while it is (at most max-in-flight calls for an open model, the clients for a closed
 * one), so that the calls still out when the workload stops can be named.
 */
final class CallsInFlight<O> {
    private final Function<O, CompletionStage<SysResult>> send;
    private final Function<O, String> describer;
    private final GeneratorLedger ledger;
    private final RunClock clock;
    private final long boundNanos;
    private final RunTimers timers;
    private final Consumer<O> onIssue;
    private final Set<PendingCall<O>> outstanding = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong issued = new AtomicLong();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    /**
     * @param send     sends one operation and answers its result
     * @param describe one operation as a line of a report
     * @param bound    how long a call may take before it counts as unanswered (the kernel's timeout)
     * @param timers   the run's timers: the give-up at the end runs on them
     * @param onIssue  told of every operation as it is sent, in order (tests record the sequence)
     */
    CallsInFlight(Function<O, CompletionStage<SysResult>> send, Function<O, String> describe, GeneratorLedger ledger,
                  RunClock clock, Duration bound, RunTimers timers, Consumer<O> onIssue) {
        this.send = send;
        this.describer = describe;
        this.ledger = ledger;
        this.clock = clock;
        this.boundNanos = bound.toNanos();
        this.timers = timers;
        this.onIssue = onIssue;
    }

    /** Key operations, sent with {@code Keys.callAsync} as the runner's process with {@code credentials}. */
    static CallsInFlight<KeyOp> keys(Keys keys, Credentials credentials, GeneratorLedger ledger, RunClock clock,
                                     Duration bound, RunTimers timers, Consumer<KeyOp> onIssue) {
        return new CallsInFlight<>(op -> keys.callAsync(RunContext.PID, credentials, op), OperationPicker::describe,
                ledger, clock, bound, timers, onIssue);
    }

    /** A call sent and not yet settled. Completes (never exceptionally) once it is settled. */
    @SuppressWarnings("rawtypes")
    static final class PendingCall<O> extends CompletableFuture<Void> {
        private static final AtomicIntegerFieldUpdater<PendingCall> SETTLED =
                AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "settled");
        final O op;
        final long issuedAt;
        /** The call's number in its generator's issue order. */
        final long sequence;
        private volatile int settled;

        PendingCall(O op, long issuedAt, long sequence) {
            this.op = op;
            this.issuedAt = issuedAt;
            this.sequence = sequence;
        }

        /** Whether this caller is the one that settles the call (an answer and a give-up may race). */
        boolean claim() {
            return SETTLED.compareAndSet(this, 0, 1);
        }
    }

    /** Calls sent and not yet settled. */
    int outstanding() {
        return inFlight.get();
    }

    /** Sends {@code op}; the answer settles it on whichever thread it arrives. */
    PendingCall<O> issue(O op) {
        PendingCall<O> call = new PendingCall<>(op, clock.elapsedNanos(), issued.incrementAndGet());
        outstanding.add(call);
        ledger.issued(inFlight.incrementAndGet());
        onIssue.accept(op);
        try {
            send.apply(op).whenComplete((r, failure) -> settle(call, r, failure));
        } catch (RuntimeException e) {
            settle(call, null, e);
        }
        return call;
    }

    private void settle(PendingCall<O> call, SysResult result, Throwable failure) {
        if (!call.claim()) {
            return;
        }
        long latency = clock.elapsedNanos() - call.issuedAt;
        if (failure != null) {
            ledger.unanswered(describe(call, why(failure)));
        } else if (latency > boundNanos) {
            ledger.unanswered(describe(call, "answered only after " + Duration.ofNanos(latency).toMillis()
                    + " ms, past the kernel's bound of " + Duration.ofNanos(boundNanos).toMillis() + " ms"));
        } else {
            ledger.answered(latency, !result.isOk());
        }
        release(call);
    }

    private void release(PendingCall<O> call) {
        outstanding.remove(call);
        if (inFlight.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
        call.complete(null);
    }

    /**
     * Once nothing more is issued: completes when every call is settled; calls still out after
     * {@code giveUpAfter} are settled then as unanswered, and their late answers ignored.
     */
    CompletableFuture<Void> drain(Duration giveUpAfter) {
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        } else {
            timers.after(giveUpAfter).execute(() -> giveUp(giveUpAfter));
        }
        return drained;
    }

    /** Settles the calls still out as unanswered, in the order they were issued (not the set's hash order). */
    private void giveUp(Duration after) {
        List<PendingCall<O>> left = new ArrayList<>(outstanding);
        left.sort(Comparator.comparingLong(c -> c.sequence));
        for (PendingCall<O> call : left) {
            if (call.claim()) {
                ledger.unanswered(describe(call, "no answer " + after.toMillis() + " ms after the workload stopped"));
                release(call);
            }
        }
        drained.complete(null);
    }

    private String describe(PendingCall<O> call, String why) {
        return "generator " + ledger.name() + ": " + describer.apply(call.op) + ", issued at "
                + Duration.ofNanos(call.issuedAt).toMillis() + " ms: " + why;
    }

    private static String why(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof KernelFault ? "kernel fault: " + cause.getMessage() : "failed: " + cause;
    }
}
