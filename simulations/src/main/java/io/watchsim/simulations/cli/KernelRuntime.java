package io.watchsim.simulations.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Starts the actor system of one simulated kernel for a command and always stops it. */
final class KernelRuntime {
    private KernelRuntime() {
    }

    static void withSystem(Consumer<ActorSystem<SpawnProtocol.Command>> body) {
        LoggerFactory.getILoggerFactory();
        Config config = ConfigFactory.parseString("""
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.exit-jvm = off
                """).withFallback(ConfigFactory.load());
        ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "watchsim", config);
        try {
            body.accept(system);
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LoggerFactory.getLogger(KernelRuntime.class).warn("actor system did not stop cleanly: {}", e.toString());
            }
        }
    }
}
