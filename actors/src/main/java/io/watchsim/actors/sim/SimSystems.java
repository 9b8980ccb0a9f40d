package io.watchsim.actors.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.dispatch.ExecutionContexts;
import io.watchsim.actors.Waits;

import java.time.Duration;

/**
 * Actor systems that run on a {@link SimLoop}: the default dispatcher's executor is the loop (throughput 1:
 * one message per step), Pekko's internal and blocking dispatchers run on the loop too, and the scheduler is
 * the loop's {@link VirtualScheduler}. Nothing of such a system runs on another thread.
 */
public final class SimSystems {
    private SimSystems() {
    }

    /** The configuration a deterministic system runs with, in front of {@code config}. */
    public static Config config(Config config) {
        return ConfigFactory.parseString("""
                pekko.scheduler.implementation = "io.watchsim.actors.sim.VirtualScheduler"
                pekko.actor.default-dispatcher {
                  executor = "default-executor"
                  throughput = 1
                  throughput-deadline-time = 0ms
                }
                pekko.actor.internal-dispatcher { executor = "default-executor", throughput = 1 }
                pekko.actor.default-blocking-io-dispatcher { executor = "default-executor", throughput = 1 }
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                pekko.coordinated-shutdown.exit-jvm = off
                """).withFallback(config);
    }

    /** An actor system named {@code name} with {@code guardian}, run by {@code loop} (its own thread must call this). */
    public static <T> ActorSystem<T> create(SimLoop loop, Behavior<T> guardian, String name, Config config) {
        if (SimLoop.current() != loop) {
            throw new IllegalStateException("create a deterministic actor system inside its SimLoop.run");
        }
        BootstrapSetup setup = BootstrapSetup.create(config(config))
                .withDefaultExecutionContext(ExecutionContexts.fromExecutor(loop::submit));
        return ActorSystem.create(guardian, name, setup);
    }

    /** How long, on the virtual clock, a deterministic system may take to stop before its run gives up on it. */
    static final Duration STOP_BOUND = Duration.ofMinutes(1);

    /** The body of a deterministic run: what it does with its loop and its actor system. */
    @FunctionalInterface
    public interface Body<T> {
        T run(SimLoop loop, ActorSystem<Void> system);
    }

    /**
     * Runs {@code body} on this thread with a new loop of {@code settings} and an actor system named
     * {@code name} on it; then stops the system (stepping the loop until it has). A run in which work came
     * from another thread than the loop's was not deterministic: it fails with a {@link DeterminismViolation}.
     */
    public static <T> T run(SimSettings settings, String name, Config config, Body<T> body) {
        return run(settings, SimLoop.StepListener.NONE, name, config, body);
    }

    /** The same, {@code listener} hearing of every step from the first (for a trace of the whole run). */
    public static <T> T run(SimSettings settings, SimLoop.StepListener listener, String name, Config config,
                            Body<T> body) {
        return SimLoop.run(settings, loop -> {
            loop.listen(listener);
            ActorSystem<Void> system = create(loop, Behaviors.empty(), name, config);
            T value;
            try {
                value = body.run(loop, system);
            } finally {
                system.terminate();
                Waits.await(system.getWhenTerminated(), STOP_BOUND);
            }
            if (loop.foreignSubmissions() > 0) {
                throw new DeterminismViolation(loop.foreignSubmissions() + " runnables came from other threads than"
                        + " the loop's (the first from " + loop.firstForeignThread() + ")");
            }
            return value;
        });
    }
}
