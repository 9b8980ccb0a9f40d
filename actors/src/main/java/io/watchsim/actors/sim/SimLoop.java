package io.watchsim.actors.sim;

import io.watchsim.actors.KernelFault;
import io.watchsim.actors.Waits;
import io.watchsim.queues.NanoClock;
import org.apache.pekko.actor.Cancellable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The run loop of a deterministic run: the one thread that runs every mailbox, task and timer of an actor
 * system, in an order its {@link SimSettings#seed()} decides, on a virtual clock.
 *
 * <p>Each {@linkplain #step step} first fires the timers that are due, then runs the runnable that ranks
 * first in the {@link SeededOrder} (a mailbox runs one message: the system's dispatchers have throughput 1),
 * and then moves the clock on by the step's cost. When nothing is runnable the clock jumps to the next
 * timer. The thread that owns the loop waits ({@link Waits}) by stepping it: an await steps until its
 * answer is there, or until its deadline passes on the virtual clock; a sleep steps until its time is up.
 *
 * <p>Everything runnable must come from the owner thread. A runnable submitted from another thread is not
 * lost (it runs at the next step) but makes the run depend on that thread's timing: it is counted
 * ({@link #foreignSubmissions()}), and a run that has any is not deterministic.
 */
public final class SimLoop implements NanoClock, Waits.Waiter {
    private static final Logger LOG = LoggerFactory.getLogger(SimLoop.class);
    private static final ThreadLocal<SimLoop> CURRENT = new ThreadLocal<>();
    /** Steps a wait inside Pekko's own start-up (a logger, the materializer) may take before it blocks really. */
    private static final int BLOCKING_PUMP_LIMIT = 1_000_000;

    private record Ready(long rank, String key, long seq, Runnable task) implements Comparable<Ready> {
        @Override
        public int compareTo(Ready o) {
            if (rank != o.rank) {
                return Long.compare(rank, o.rank);
            }
            int byKey = key.compareTo(o.key);
            return byKey != 0 ? byKey : Long.compare(seq, o.seq);
        }
    }

    private final Thread owner;
    private final SimSettings settings;
    private final SeededOrder order;
    private final TaskKeys keys = new TaskKeys();
    private final PriorityQueue<Ready> ready = new PriorityQueue<>();
    private final VirtualTimers timers = new VirtualTimers();
    private final ConcurrentLinkedQueue<Runnable> foreign = new ConcurrentLinkedQueue<>();
    private final AtomicLong foreignCount = new AtomicLong();
    private volatile String firstForeignThread;
    private long now;
    private long steps;
    private long seq;
    private long failures;
    private StepListener listener = StepListener.NONE;

    /** Hears of every step: for traces of what ran, and when. */
    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = (step, nanos, key, task) -> {
        };

        /** Step {@code step} at {@code nanos} runs {@code task}, named {@code key} (an actor's path for a mailbox). */
        void beforeStep(long step, long nanos, String key, Runnable task);
    }

    private SimLoop(SimSettings settings) {
        this.owner = Thread.currentThread();
        this.settings = settings;
        this.order = new SeededOrder(settings.seed(), settings.window());
    }

    /**
     * Runs {@code body} on this thread with a new loop of {@code settings}: while it runs, the loop is
     * {@linkplain #current() this thread's}, its waits step the loop, and Pekko's own blocking waits
     * (Scala's {@code Await}) run the loop's ready work first.
     */
    public static <T> T run(SimSettings settings, Function<SimLoop, T> body) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("this thread already runs a deterministic loop");
        }
        SimLoop loop = new SimLoop(settings);
        CURRENT.set(loop);
        try {
            return Waits.with(loop, () -> PumpingBlockContext.around(loop, () -> body.apply(loop)));
        } finally {
            CURRENT.remove();
        }
    }

    /** The loop this thread runs, or null on any ordinary thread. */
    public static SimLoop current() {
        return CURRENT.get();
    }

    public SimSettings settings() {
        return settings;
    }

    /** The virtual time: nanoseconds since the loop started. */
    @Override
    public long nanoTime() {
        return now;
    }

    /** The steps run so far. */
    public long steps() {
        return steps;
    }

    /** Runnables that came from another thread than the loop's: a run with any is not deterministic. */
    public long foreignSubmissions() {
        return foreignCount.get();
    }

    /** The first thread that submitted work from outside, or null. */
    public String firstForeignThread() {
        return firstForeignThread;
    }

    /** Tasks that threw out of their runnable (a mailbox's own failures are its actor's, not counted here). */
    public long failures() {
        return failures;
    }

    public void listen(StepListener l) {
        this.listener = l == null ? StepListener.NONE : l;
    }

    /** Makes {@code task} runnable: from the system's executor. */
    void submit(Runnable task) {
        if (Thread.currentThread() != owner) {
            if (foreignCount.getAndIncrement() == 0) {
                firstForeignThread = Thread.currentThread().getName();
                LOG.warn("deterministic run: work submitted from thread {} (not the loop's); the run is not"
                        + " deterministic", firstForeignThread);
            }
            foreign.add(task);
            return;
        }
        enqueue(task);
    }

    private void enqueue(Runnable task) {
        String key = keys.of(task);
        ready.add(new Ready(order.rank(key, steps), key, seq++, task));
    }

    /** Sets a timer {@code delayNanos} from now (periodic if {@code periodNanos > 0}); owner thread only. */
    Cancellable schedule(long delayNanos, long periodNanos, Runnable task) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a deterministic run's timer set from thread "
                    + Thread.currentThread().getName() + ", not the loop's");
        }
        return timers.add(task, now + Math.max(0, delayNanos), periodNanos);
    }

    /** The tasks of every timer not yet fired, taken off the clock (the scheduler closes). */
    java.util.List<Runnable> takeAllTimers() {
        return timers.takeAll();
    }

    /**
     * One step: fires the timers due, then runs the first runnable; when nothing is runnable, moves the clock
     * to the next timer if it is due by {@code until}. False when nothing could happen by {@code until}.
     */
    public boolean step(long until) {
        drainForeign();
        fireDue();
        if (ready.isEmpty()) {
            long due = timers.nextDue();
            if (due == Long.MAX_VALUE || due > until) {
                return false;
            }
            now = Math.max(now, due);
            fireDue();
            if (ready.isEmpty()) {
                return true;
            }
        }
        Ready r = ready.poll();
        listener.beforeStep(steps, now, r.key(), r.task());
        steps++;
        try {
            r.task().run();
        } catch (RuntimeException | Error e) {
            failures++;
            LOG.error("deterministic run: a task of {} failed at step {}", r.key(), steps, e);
        }
        now += settings.stepCostNanos();
        return true;
    }

    /** Whether nothing is runnable and no timer is set: the loop can never do anything again by itself. */
    public boolean idle() {
        return ready.isEmpty() && foreign.isEmpty() && timers.size() == 0;
    }

    /** Steps until the virtual clock reads {@code nanos} (or later, if a step ends past it). */
    public void runUntil(long nanos) {
        while (now < nanos && step(nanos)) {
            // stepping
        }
        now = Math.max(now, nanos);
    }

    /** Runs what is runnable now, without waiting for any timer; at most {@code limit} steps. */
    void runReady(int limit) {
        for (int i = 0; i < limit && (!ready.isEmpty() || !foreign.isEmpty()); i++) {
            step(now);
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException {
        checkOwner();
        long deadline = saturatedAdd(now, timeout.toNanos());
        while (!future.isDone()) {
            if (now > deadline) {
                throw new TimeoutException("no answer within " + timeout + " of virtual time");
            }
            if (!step(deadline)) {
                if (idle()) {
                    throw new KernelFault("deterministic run stuck at step " + steps + ": nothing is left to run"
                            + " and the awaited answer never came");
                }
                now = Math.max(now, deadline);
                throw new TimeoutException("no answer within " + timeout + " of virtual time");
            }
        }
        return future.get();
    }

    @Override
    public void sleep(Duration duration) {
        checkOwner();
        runUntil(saturatedAdd(now, duration.toNanos()));
    }

    private void fireDue() {
        if (timers.nextDue() <= now) {
            for (Runnable t : timers.takeDue(now)) {
                t.run();
            }
        }
    }

    private void drainForeign() {
        Runnable r;
        while ((r = foreign.poll()) != null) {
            enqueue(r);
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a deterministic loop is stepped by its own thread only, not "
                    + Thread.currentThread().getName());
        }
    }

    /** Runs the ready work before Pekko blocks this thread in one of its own waits. */
    void beforeBlocking() {
        runReady(BLOCKING_PUMP_LIMIT);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
