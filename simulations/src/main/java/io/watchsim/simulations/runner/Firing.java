package io.watchsim.simulations.runner;

import io.watchsim.queues.SysResult;
import io.watchsim.simulations.scenario.Units;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One firing of a fault while it runs: the kernel calls it makes and how each was answered. Calls
 * over many members are made at most {@link #WINDOW} at a time (a fault on a million keys does not
 * flood the kernel's mailboxes at once), and once the injector is stopping the rest are not made.
 * Every call is bounded: one that fails with a {@code KernelFault} or gets no answer within
 * {@link #bound()} is tallied as unanswered and reported to {@link RunCounters#unanswered} (a
 * liveness violation), and the firing goes on. Thread-safe; answers arrive on dispatcher threads,
 * and what follows an answer runs on {@code executor}, never on the caller's stack.
 */
final class Firing {
    /** Calls of one firing in flight at once, at most. */
    static final int WINDOW = 256;

    private final RunContext ctx;
    private final String fault;
    private final AtomicBoolean stopping;
    private final Duration bound;
    private final Executor executor;
    private final Map<String, CallTally> tallies = new LinkedHashMap<>();

    Firing(RunContext ctx, String fault, AtomicBoolean stopping, Duration bound, Executor executor) {
        this.ctx = ctx;
        this.fault = fault;
        this.stopping = stopping;
        this.bound = bound;
        this.executor = executor;
    }

    /** How long a call may take before it counts as unanswered. */
    Duration bound() {
        return bound;
    }

    Executor executor() {
        return executor;
    }

    /** Whether the injector is stopping: calls not yet made are not made. */
    boolean stopping() {
        return stopping.get();
    }

    /** The tally of the calls named {@code call}, made on first use; tallies keep the order they were made in. */
    CallTally tally(String call) {
        synchronized (tallies) {
            return tallies.computeIfAbsent(call, c -> new CallTally());
        }
    }

    /** {@code KEYCTL_INVALIDATE: 18 ok, 2 ENOKEY; gc pass: 1 ok}: every tally, in the order they were made. */
    String answers() {
        List<String> parts = new ArrayList<>();
        synchronized (tallies) {
            tallies.forEach((call, tally) -> parts.add(call + ": " + tally.summary()));
        }
        return parts.isEmpty() ? "no calls" : String.join("; ", parts);
    }

    /**
     * Makes {@code call} for each member, at most {@link #WINDOW} at a time, and completes once every
     * one is answered, unanswered or not made. {@code answered} sees each answer (on a dispatcher
     * thread); {@code what} names a member in a liveness report.
     */
    <T> CompletableFuture<Void> each(String call, List<T> members, Function<T, String> what,
                                     Function<T, CompletionStage<SysResult>> issue, BiConsumer<T, SysResult> answered) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (members.isEmpty()) {
            done.complete(null);
            return done;
        }
        Pump<T> pump = new Pump<>(call, tally(call), members, what, issue, answered, done);
        for (int i = 0; i < Math.min(WINDOW, members.size()); i++) {
            pump.next();
        }
        return done;
    }

    /** Makes one call; the answer, or null when it got none (already tallied and reported). */
    CompletableFuture<SysResult> one(String call, String what, Supplier<CompletionStage<SysResult>> issue) {
        return bounded(call, tally(call), () -> what, issue);
    }

    private CompletableFuture<SysResult> bounded(String call, CallTally tally, Supplier<String> what,
                                                 Supplier<CompletionStage<SysResult>> issue) {
        CompletableFuture<SysResult> answer;
        try {
            answer = issue.get().toCompletableFuture().copy();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return ctx.timers().within(answer, bound).handle((result, failure) -> {
            if (failure == null) {
                tally.answered(result);
                return result;
            }
            Throwable cause = unwrap(failure);
            String why = cause instanceof TimeoutException ? "no answer within " + Units.format(bound)
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            ctx.counters().unanswered("fault " + fault + ": " + call + " " + what.get() + ": " + why);
            tally.add(CallTally.UNANSWERED, 1);
            return null;
        });
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Makes one member's call at a time, up to the window, each answer making the next. */
    private final class Pump<T> {
        private final String call;
        private final CallTally tally;
        private final List<T> members;
        private final Function<T, String> what;
        private final Function<T, CompletionStage<SysResult>> issue;
        private final BiConsumer<T, SysResult> answered;
        private final CompletableFuture<Void> done;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();

        Pump(String call, CallTally tally, List<T> members, Function<T, String> what,
             Function<T, CompletionStage<SysResult>> issue, BiConsumer<T, SysResult> answered,
             CompletableFuture<Void> done) {
            this.call = call;
            this.tally = tally;
            this.members = members;
            this.what = what;
            this.issue = issue;
            this.answered = answered;
            this.done = done;
        }

        void next() {
            while (true) {
                int i = next.getAndIncrement();
                if (i >= members.size()) {
                    return;
                }
                if (stopping.get()) {
                    tally.add(CallTally.NOT_ISSUED, 1);
                    finish();
                    continue;
                }
                T member = members.get(i);
                bounded(call, tally, () -> what.apply(member), () -> issue.apply(member))
                        .whenCompleteAsync((result, failure) -> {
                            try {
                                if (result != null) {
                                    answered.accept(member, result);
                                }
                            } finally {
                                finish();
                                next();
                            }
                        }, executor);
                return;
            }
        }

        private void finish() {
            if (finished.incrementAndGet() == members.size()) {
                done.complete(null);
            }
        }
    }
}
