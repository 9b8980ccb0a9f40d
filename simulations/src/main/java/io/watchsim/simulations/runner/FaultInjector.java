package io.watchsim.simulations.runner;

import io.watchsim.actors.ActorNames;
import io.watchsim.simulations.scenario.Fault;
import io.watchsim.simulations.scenario.RandomStreams;
import io.watchsim.simulations.scenario.Trigger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out a scenario's fault plan against a running kernel: an actor of its own that fires
 * each fault on time and records it.
 *
 * <ul>
 *   <li>An {@code at} fault fires once at that run time ({@link RunClock}); an {@code every} fault
 *       is due at each multiple of its period before the run's end and fires with its probability,
 *       drawn from its stream ({@code fault:NAME}). Timers aim at run times, so periods do not drift.</li>
 *   <li>A firing picks its members at once, on this actor, from the fault's stream
 *       ({@link ArmedFault}), then makes its calls through the kernel's public API only
 *       ({@link FaultActions}); firings overlap freely and never block this actor.</li>
 *   <li>Each firing increments {@link RunCounters#faults} as it fires and, once every call it made
 *       is answered, adds one {@link FaultLog.Fired} with its run time and a detail of what it
 *       touched and how the kernel answered (ok and each errno, counted). Entries are added in
 *       firing order. A call that fails with a kernel fault or gets no answer within the kernel's
 *       timeout (and one second more, for a call made of two) is reported to
 *       {@link RunCounters#unanswered} and the injector goes on.</li>
 * </ul>
 *
 * <p>{@link RunningFaults#stop()} stops the timers, makes no more calls, and completes once every
 * call already made is answered or past its bound.
 */
public final class FaultInjector extends AbstractBehavior<FaultInjector.Command> {
    /** What the injector's actor takes. */
    interface Command {
    }

    /** A fault's timer: fault {@code index} of the plan is due. */
    private record Due(int index) implements Command {
    }

    /** A firing's calls are all answered: its log entry, by firing sequence number. */
    private record Finished(long sequence, FaultLog.Fired fired) implements Command {
    }

    /** From {@link RunningFaults#stop()}. */
    enum Stop implements Command {
        INSTANCE
    }

    private final RunContext ctx;
    private final TimerScheduler<Command> timers;
    private final AtomicBoolean stopping;
    private final CompletableFuture<Void> stopped;
    private final Duration bound;
    private final FaultActions actions;
    private final List<ArmedFault> armed = new ArrayList<>();
    /** Firings answered but not yet logged, because one fired before them is still running. */
    private final TreeMap<Long, FaultLog.Fired> unlogged = new TreeMap<>();
    private long fired;
    private long logged;

    private FaultInjector(ActorContext<Command> context, TimerScheduler<Command> timers, RunContext ctx,
                          AtomicBoolean stopping, CompletableFuture<Void> stopped, Duration bound) {
        super(context);
        this.ctx = ctx;
        this.timers = timers;
        this.stopping = stopping;
        this.stopped = stopped;
        this.bound = bound;
        this.actions = new FaultActions(ctx, context.getSystem().dispatchers().lookup(DispatcherSelector.blocking()));
        for (Fault f : ctx.scenario().faults().faults()) {
            armed.add(new ArmedFault(f, ctx.random(RandomStreams.fault(f.name()))));
        }
        for (int i = 0; i < armed.size(); i++) {
            Trigger t = armed.get(i).fault().trigger();
            if (t instanceof Trigger.At at) {
                dueAt(i, at.at());
            } else {
                scheduleNextPeriod(i);
            }
        }
    }

    /**
     * Starts the fault plan of {@code ctx}'s scenario, timed by its clock: call it once the world
     * is built and the clock started.
     */
    public static RunningFaults start(RunContext ctx) {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Duration bound = callBound(ctx);
        Behavior<Command> behavior = Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new FaultInjector(context, timers, ctx, stopping, stopped, bound)));
        ActorRef<Command> ref = ctx.system().systemActorOf(behavior, ActorNames.of(ctx.system()).next("fault-injector"),
                Props.empty());
        return new RunningFaults(ref, stopped, bound.multipliedBy(2).plusSeconds(5), ctx.timers());
    }

    /** How long one call of a fault may take: the kernel's timeout, and a second more. */
    static Duration callBound(RunContext ctx) {
        return ctx.kernel().timeout().plusSeconds(1);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Due.class, this::onDue)
                .onMessage(Finished.class, this::onFinished)
                .onMessageEquals(Stop.INSTANCE, this::onStop)
                .onSignal(PostStop.class, s -> {
                    stopped.completeExceptionally(new IllegalStateException(
                            "the fault injector stopped before it was asked to (" + (fired - logged) + " firings running)"));
                    return this;
                })
                .build();
    }

    private void dueAt(int index, Duration runTime) {
        long delay = Math.max(0, runTime.toNanos() - ctx.clock().elapsedNanos());
        timers.startSingleTimer(index, new Due(index), Duration.ofNanos(delay));
    }

    /** An every fault's next period, if it begins before the run's end. */
    private void scheduleNextPeriod(int index) {
        ArmedFault a = armed.get(index);
        Trigger.Every every = (Trigger.Every) a.fault().trigger();
        Duration due = every.period().multipliedBy(a.nextPeriod());
        if (due.compareTo(ctx.scenario().duration()) < 0) {
            dueAt(index, due);
        }
    }

    private Behavior<Command> onDue(Due due) {
        if (stopping.get()) {
            return this;
        }
        ArmedFault a = armed.get(due.index());
        if (a.fault().trigger() instanceof Trigger.Every every) {
            boolean fires = a.fires(every.probability());
            scheduleNextPeriod(due.index());
            if (!fires) {
                return this;
            }
        }
        fire(a);
        return this;
    }

    private void fire(ArmedFault a) {
        Fault f = a.fault();
        Duration at = ctx.clock().elapsed();
        long sequence = fired++;
        ctx.counters().faults.increment();
        Firing firing = new Firing(ctx, f.name(), stopping, bound, getContext().getSystem().executionContext());
        CompletionStage<String> work;
        try {
            work = actions.prepare(a).run(firing);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        ActorRef<Command> self = getContext().getSelf();
        work.handle((detail, failure) -> detail != null ? detail : "failed: " + failure)
                .thenAccept(detail -> self.tell(new Finished(sequence, new FaultLog.Fired(at, f.name(),
                        f.action().kind(), detail))));
    }

    private Behavior<Command> onFinished(Finished done) {
        unlogged.put(done.sequence(), done.fired());
        while (!unlogged.isEmpty() && unlogged.firstKey() == logged) {
            ctx.faults().add(unlogged.pollFirstEntry().getValue());
            logged++;
        }
        return stopIfIdle();
    }

    private Behavior<Command> onStop() {
        stopping.set(true);
        timers.cancelAll();
        return stopIfIdle();
    }

    private Behavior<Command> stopIfIdle() {
        if (stopping.get() && logged == fired) {
            stopped.complete(null);
            return Behaviors.stopped();
        }
        return this;
    }
}
