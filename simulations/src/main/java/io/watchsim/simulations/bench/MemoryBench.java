package io.watchsim.simulations.bench;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;

import static io.watchsim.simulations.bench.BenchCalls.await;
import static io.watchsim.simulations.bench.BenchCalls.checked;

/**
 * Heap per idle object, watch and queue (size 256), measured as the growth of the used heap after
 * full collections, and the time to build a world of objects, watches and queues.
 */
public final class MemoryBench {
    /** Objects, watches and keys are asked for this many at a time (queues 2,000). */
    private static final int BATCH = 5_000;
    /** The size, in notes, of every queue measured here. */
    private static final int QUEUE_NOTES = 256;

    private final ActorSystem<?> system;
    private final PrintStream log;
    private int kernels;

    public MemoryBench(ActorSystem<?> system, PrintStream log) {
        this.system = system;
        this.log = log;
    }

    /** The figures of one measurement. */
    public record Footprint(long count, double bytesPerObject, double bytesPerWatch, double bytesPerQueue) {
    }

    /** A built world and how long each part took. */
    public record WorldBuild(long objects, long watches, long queues, double objectSeconds, double watchSeconds,
                             double queueSeconds, long heapBytes) {
        double totalSeconds() {
            return objectSeconds + watchSeconds + queueSeconds;
        }
    }

    /** Used heap after repeated full collections. */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            used = Math.min(used, now);
        }
        return used;
    }

    private Kernel kernel(int hosts) {
        return Kernel.start(system, "memory-" + (++kernels), KernelSettings.DEFAULT.withHosts(hosts));
    }

    private static List<QueueHandle> queues(Kernel k, long n, int size) {
        return BenchCalls.queues(k, n, size, 2000);
    }

    private static void objects(Kernel k, long firstId, long n) {
        BenchCalls.inBatches(n, BATCH, i -> k.createObject(new SecuredObject(ObjectKind.KEY, firstId + i, "k", "_")));
    }

    private static void watches(Kernel k, long firstObject, long n, List<QueueHandle> queues) {
        Credentials root = Credentials.root();
        BenchCalls.inBatches(n, BATCH, i -> k.watch(firstObject + i, queues.get((int) (i % queues.size())).id(), 1,
                root)).forEach(r -> checked(r, "a watch"));
    }

    /** Heap per idle object, per watch and per idle queue of size 256, over {@code count} of each. */
    public Footprint footprint(long count) {
        Kernel k = kernel(64);
        long base = usedHeapAfterGc();
        objects(k, 1, count);
        long afterObjects = usedHeapAfterGc();
        List<QueueHandle> few = queues(k, 16, QUEUE_NOTES);
        long beforeWatches = usedHeapAfterGc();
        watches(k, 1, count, few);
        long afterWatches = usedHeapAfterGc();
        List<QueueHandle> many = queues(k, count, QUEUE_NOTES);
        long afterQueues = usedHeapAfterGc();
        Footprint f = new Footprint(count, (afterObjects - base) / (double) count,
                (afterWatches - beforeWatches) / (double) count, (afterQueues - afterWatches) / (double) count);
        log.printf("footprint over %,d of each: object %.0f B, watch %.0f B, queue(%d) %.0f B%n", count,
                f.bytesPerObject(), f.bytesPerWatch(), QUEUE_NOTES, f.bytesPerQueue());
        if (many.isEmpty()) {
            throw new IllegalStateException("no queues");
        }
        await(k.stop());
        return f;
    }

    /** The key subsystem's figure: heap per idle user key, its actor and its key-table state together. */
    public record KeyFootprint(long keys, int perKeyring, double bytesPerKey) {
    }

    /**
     * Heap per idle key made through the key subsystem (add_key of a user key with an 8-byte
     * payload): the key's actor, its state in the key table, its link in a keyring. The keys go
     * {@code perKeyring} to a keyring, the keyrings into the session keyring; the keyrings are
     * counted in the figure.
     */
    public KeyFootprint keyFootprint(long count, int perKeyring) {
        Kernel k = kernel(64);
        Keys keys = Keys.start(k, "memory-keys-" + kernels, 1);
        long base = usedHeapAfterGc();
        addUserKeys(keys, count, perKeyring);
        // An asynchronous add answers once its key's actor has been spawned: every key is in place.
        long after = usedHeapAfterGc();
        KeyFootprint f = new KeyFootprint(count, perKeyring, (after - base) / (double) count);
        log.printf("footprint over %,d user keys (%,d to a keyring): key %.0f B (actor, key-table state, link)%n",
                count, perKeyring, f.bytesPerKey());
        await(keys.stop());
        await(k.stop());
        return f;
    }

    /**
     * The world of keys made through the key subsystem: {@code queues} queues, {@code count} user
     * keys (100 to a keyring, as {@code add_key} makes them) and one KEYCTL_WATCH_KEY on each key,
     * spread over the queues. Times each part. Every watch's lookup searches the caller's keyrings
     * for possession, as Linux does, so the watches take time quadratic in the keys one process
     * possesses (docs/PERFORMANCE.md).
     */
    public WorldBuild keyWorld(long count, long queues) {
        Kernel k = kernel(1024);
        Keys keys = Keys.start(k, "world-keys-" + kernels, 1);
        Credentials root = Credentials.root();
        long base = usedHeapAfterGc();
        long t0 = System.nanoTime();
        List<QueueHandle> qs = queues(k, queues, QUEUE_NOTES);
        long t1 = System.nanoTime();
        int perKeyring = 100;
        int[] serials = addUserKeys(keys, count, perKeyring);
        long t2 = System.nanoTime();
        log.printf("  %,d queues in %.1f s, %,d keys in %.1f s; setting the watches...%n", queues, (t1 - t0) / 1e9,
                count, (t2 - t1) / 1e9);
        BenchCalls.inBatches(count, BATCH, i -> keys.callAsync(1, root,
                        new KeyOp.Watch(serials[(int) i], qs.get((int) (i % qs.size())).id(), 1)))
                .forEach(r -> checked(r, "KEYCTL_WATCH_KEY"));
        long t3 = System.nanoTime();
        long heap = usedHeapAfterGc() - base;
        WorldBuild w = new WorldBuild(count, count, queues, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t1 - t0) / 1e9, heap);
        log.printf("world of %,d keys (add_key, %d to a keyring), %,d watches (KEYCTL_WATCH_KEY), %,d queues: queues %.1f s,"
                        + " keys %.1f s, watches %.1f s, total %.1f s, heap %.2f GiB%n", count, perKeyring, count, queues,
                w.queueSeconds(), w.objectSeconds(), w.watchSeconds(), w.totalSeconds(), heap / (double) (1L << 30));
        await(keys.stop());
        await(k.stop());
        return w;
    }

    /**
     * {@code count} user keys with 8-byte payloads, {@code perKeyring} to a keyring, the keyrings
     * in the session keyring, all by root's process 1, asynchronously 5,000 at a time (an
     * asynchronous add answers once its key's actor exists); returns the keys' serials.
     */
    private static int[] addUserKeys(Keys keys, long count, int perKeyring) {
        Credentials root = Credentials.root();
        long ringCount = (count + perKeyring - 1) / perKeyring;
        int[] rings = BenchCalls.inBatches(ringCount, BATCH, r -> keys.callAsync(1, root,
                        new KeyOp.Add("keyring", "ring-" + r, null, KeyTable.SESSION))).stream()
                .mapToInt(r -> (int) checked(r, "add_key keyring").value()).toArray();
        byte[] payload = new byte[8];
        return BenchCalls.inBatches(count, BATCH, i -> keys.callAsync(1, root,
                        new KeyOp.Add("user", "key-" + i, payload, rings[(int) (i / perKeyring)]))).stream()
                .mapToInt(r -> (int) checked(r, "add_key").value()).toArray();
    }

    /** Builds {@code objects} objects, one watch on each, spread over {@code queues} queues; times each part. */
    public WorldBuild world(long objects, long queues) {
        Kernel k = kernel(1024);
        long base = usedHeapAfterGc();
        long t0 = System.nanoTime();
        List<QueueHandle> qs = queues(k, queues, QUEUE_NOTES);
        long t1 = System.nanoTime();
        objects(k, 1, objects);
        long t2 = System.nanoTime();
        watches(k, 1, objects, qs);
        long t3 = System.nanoTime();
        long heap = usedHeapAfterGc() - base;
        WorldBuild w = new WorldBuild(objects, objects, queues, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t1 - t0) / 1e9, heap);
        log.printf("world of %,d objects, %,d watches, %,d queues: queues %.1f s, objects %.1f s, watches %.1f s,"
                        + " total %.1f s, heap %.2f GiB%n", objects, objects, queues, w.queueSeconds(), w.objectSeconds(),
                w.watchSeconds(), w.totalSeconds(), heap / (double) (1L << 30));
        await(k.stop());
        return w;
    }
}
