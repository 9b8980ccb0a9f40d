package io.watchsim.simulations.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.sim.SimSettings;
import io.watchsim.actors.sim.SimSystems;
import io.watchsim.actors.Waits;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/** Starts the actor system and the simulated kernel of one command, and always stops them. */
final class KernelRuntime {
    private KernelRuntime() {
    }

    /** The actor systems' configuration of every command: the application's, quiet at shutdown. */
    static Config config() {
        LoggerFactory.getILoggerFactory();
        return ConfigFactory.parseString("""
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.exit-jvm = off
                """).withFallback(ConfigFactory.load());
    }

    /** Runs {@code body} with a kernel: deterministically on one thread if {@code sim} is given, else concurrently. */
    static void withKernel(java.util.Optional<SimSettings> sim, Consumer<Kernel> body) {
        if (sim.isEmpty()) {
            withKernel(body);
            return;
        }
        SimSystems.run(sim.get(), "watchsim", config(), (loop, system) -> {
            body.accept(Kernel.start(system, "kernel", KernelSettings.DEFAULT.withClock(loop)));
            return null;
        });
    }

    static void withKernel(Consumer<Kernel> body) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "watchsim", config());
        try {
            body.accept(Kernel.start(system, "kernel", KernelSettings.DEFAULT));
        } finally {
            system.terminate();
            try {
                Waits.await(system.getWhenTerminated(), Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(KernelRuntime.class).warn("actor system did not stop cleanly: {}", e.toString());
            }
        }
    }
}
