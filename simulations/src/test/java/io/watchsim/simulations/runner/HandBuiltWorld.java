package io.watchsim.simulations.runner;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioBuilder;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;
import org.apache.pekko.actor.typed.ActorSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny world built by hand through the kernel's public API, as the world builder would: one
 * keyring ({@code ring}), {@code keys} user keys linked into it ({@code keys}), {@code queues}
 * queues of 256 notes ({@code q}), and every queue watching every key with tag 1 (rule
 * {@code all}). One {@code keySeed} gives the same serials, so two such worlds are the same world.
 */
final class HandBuiltWorld {
    static final String RING = "ring";
    static final String KEYS = "keys";
    static final String QUEUES = "q";
    static final int TAG = 1;
    private static final AtomicInteger KERNELS = new AtomicInteger();

    final Kernel kernel;
    final Keys keys;
    final BuiltWorld world;

    private HandBuiltWorld(Kernel kernel, Keys keys, BuiltWorld world) {
        this.kernel = kernel;
        this.keys = keys;
        this.world = world;
    }

    static HandBuiltWorld build(ActorSystem<?> system, int keyCount, int queueCount, long keySeed, KernelSettings settings) {
        int n = KERNELS.incrementAndGet();
        Kernel kernel = Kernel.start(system, "fault-kernel-" + n, settings);
        Keys keys = Keys.start(kernel, "fault-keys-" + n, keySeed);
        Credentials root = Credentials.root();
        int ring = (int) ok(kernel, keys.call(RunContext.PID, root, new KeyOp.Add("keyring", RING, null, KeyTable.SESSION)));
        List<Integer> serials = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            serials.add((int) ok(kernel, keys.call(RunContext.PID, root, new KeyOp.Add("user", "k" + i, new byte[] {1}, ring))));
        }
        List<Long> queueIds = new ArrayList<>();
        List<BuiltWorld.WatchSet> watches = new ArrayList<>();
        for (int i = 0; i < queueCount; i++) {
            QueueHandle q = kernel.await(kernel.createQueue());
            ok(kernel, kernel.setQueueSize(q.id(), 256));
            queueIds.add(q.id());
            for (int serial : serials) {
                ok(kernel, keys.call(RunContext.PID, root, new KeyOp.Watch(serial, q.id(), TAG)));
                watches.add(new BuiltWorld.WatchSet("all", q.id(), serial, TAG));
            }
        }
        BuiltWorld world = new BuiltWorld(Map.of(RING, List.of(ring), KEYS, serials), Map.of(), Map.of(QUEUES, queueIds),
                watches);
        return new HandBuiltWorld(kernel, keys, world);
    }

    static HandBuiltWorld build(ActorSystem<?> system, int keyCount, int queueCount) {
        return build(system, keyCount, queueCount, 7, KernelSettings.DEFAULT.withHosts(4));
    }

    private static long ok(Kernel kernel, java.util.concurrent.CompletionStage<SysResult> call) {
        SysResult r = kernel.await(call);
        assertThat(r.errno()).as("%s", r).isNull();
        return r.value();
    }

    /** A scenario over this world's groups (the faults are added by the caller), lasting {@code duration}. */
    ScenarioBuilder scenario(long seed, String duration) {
        return Scenario.builder("faults-test").seed(seed).duration(duration)
                .group(ObjectGroup.keyrings(RING, 1))
                .group(ObjectGroup.keys(KEYS, world.objects(KEYS).size()).withLinkedInto(RING))
                .queues(QueueGroup.of(QUEUES, world.queues(QUEUES).size()));
    }

    /** A run context over this world for {@code scenario}, its clock starting now. */
    RunContext context(Scenario scenario, ReaderControl readers) {
        return new RunContext(scenario, kernel.system(), kernel, keys, world, new RunCounters(), RunClock.startingNow(),
                readers, new FaultLog(), new FaultEffects());
    }

    /** Every record the queue holds now, read until it is empty. */
    List<Notification> drain(long queueId) {
        List<Notification> out = new ArrayList<>();
        while (true) {
            ReadResult r = kernel.await(kernel.readQueue(queueId, 4096));
            if (r.isError() || r.isEof()) {
                assertThat(r.errno()).as("reading queue %d", queueId).isIn(Errno.EAGAIN, null);
                return out;
            }
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                out.add(n);
                off += n.length();
            }
        }
    }

    void stop() {
        kernel.await(keys.stop());
        kernel.await(kernel.stop());
    }
}
