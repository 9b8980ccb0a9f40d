package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.policies.Credentials;
import io.watchsim.simulations.scenario.Rate;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;
import org.apache.pekko.actor.typed.ActorSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A real kernel and key subsystem with a tiny world made by hand through {@code Keys}: keyrings
 * {@code rings} in the session keyring, user keys {@code keys} linked into them in turn, as the
 * world builder would make groups {@code rings} and {@code keys} (linked-into rings).
 */
final class TinyRun {
    final Kernel kernel;
    final Keys keys;
    final BuiltWorld world;

    private TinyRun(Kernel kernel, Keys keys, BuiltWorld world) {
        this.kernel = kernel;
        this.keys = keys;
        this.world = world;
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** Starts a kernel named {@code name} with {@code rings} keyrings and {@code count} keys of {@code payload} bytes. */
    static TinyRun start(ActorSystem<?> system, String name, KernelSettings settings, int rings, int count,
                         int payload) {
        Kernel kernel = Kernel.start(system, name, settings);
        Keys keys = Keys.start(kernel, name + "-keys", 5);
        Credentials root = Credentials.root();
        List<Integer> ringSerials = new ArrayList<>();
        for (int i = 0; i < rings; i++) {
            ringSerials.add((int) await(keys.call(RunContext.PID, root,
                    new KeyOp.Add("keyring", "ring-" + i, null, KeyTable.SESSION))).orThrow());
        }
        List<Integer> keySerials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keySerials.add((int) await(keys.call(RunContext.PID, root,
                    new KeyOp.Add("user", "key-" + i, new byte[payload], ringSerials.get(i % rings)))).orThrow());
        }
        BuiltWorld world = new BuiltWorld(Map.of("rings", ringSerials, "keys", keySerials), Map.of(), Map.of(),
                List.of());
        return new TinyRun(kernel, keys, world);
    }

    /** A run of {@code scenario} on this kernel, its clock starting now. */
    RunContext context(Scenario scenario) {
        return new RunContext(scenario, kernel.system(), kernel, keys, world, new RunCounters(), RunClock.startingNow(),
                new NoReaders(), new FaultLog(), new FaultEffects());
    }

    /** Stops the key service: from then on no key call is answered until the kernel's bound. */
    void silenceKeys() {
        await(keys.stop());
    }

    void stop() {
        await(keys.stop());
        await(kernel.stop());
    }

    /** The workload has no readers. */
    private static final class NoReaders implements ReaderControl {
        @Override
        public boolean stall(long queueId, Duration length) {
            return false;
        }

        @Override
        public boolean slow(long queueId, Rate pace, Duration length) {
            return false;
        }

        @Override
        public boolean shrinkBuffer(long queueId, int bytes) {
            return false;
        }

        @Override
        public boolean queueClosed(long queueId) {
            return false;
        }
    }
}
