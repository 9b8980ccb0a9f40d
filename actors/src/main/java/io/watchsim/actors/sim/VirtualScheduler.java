package io.watchsim.actors.sim;

import com.typesafe.config.Config;
import org.apache.pekko.actor.AbstractScheduler;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

import java.io.Closeable;
import java.util.concurrent.ThreadFactory;

/**
 * Pekko's scheduler in a deterministic run ({@code pekko.scheduler.implementation}): every timer of the
 * actor system (typed timers, asks' timeouts, stream ticks, the dispatchers' shutdown) is set on the
 * {@link SimLoop} of the thread that creates the system, with nanosecond resolution; a timer that is due
 * hands its task to the executor it was given, so it runs in the loop's order like any other work.
 */
public final class VirtualScheduler extends AbstractScheduler implements Closeable {
    private final SimLoop loop;
    private boolean closed;

    /** The constructor Pekko calls (config, log, thread factory); the loop is the creating thread's. */
    public VirtualScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
        this.loop = SimLoop.current();
        if (loop == null) {
            throw new IllegalStateException("the virtual scheduler belongs to a deterministic run: create its"
                    + " actor system inside SimLoop.run");
        }
    }

    @Override
    public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext executor) {
        checkOpen();
        return loop.schedule(delay.toNanos(), 0, () -> executor.execute(runnable));
    }

    @Override
    @SuppressWarnings("deprecation")
    public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
                                ExecutionContext executor) {
        checkOpen();
        if (interval.toNanos() <= 0) {
            throw new IllegalArgumentException("a periodic timer's interval is positive, not " + interval);
        }
        return loop.schedule(initialDelay.toNanos(), interval.toNanos(), () -> executor.execute(runnable));
    }

    @Override
    public double maxFrequency() {
        return 1.0e9;
    }

    /** Pekko's contract: a closing scheduler runs every task still set, so the dispatchers can stop. */
    @Override
    public void close() {
        closed = true;
        for (Runnable task : loop.takeAllTimers()) {
            task.run();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the scheduler is closed");
        }
    }
}
