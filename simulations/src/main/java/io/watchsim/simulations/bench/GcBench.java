package io.watchsim.simulations.bench;

import io.watchsim.queues.SysResult;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.sources.keys.KeyCaller;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyStep;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.watchsim.simulations.bench.BenchCalls.await;
import static io.watchsim.simulations.bench.BenchCalls.checked;

/**
 * The key garbage collector under load: {@code n} user keys in the session keyring, each with a
 * timeout, all collected by one sleep. Measured through {@link KeyTable} alone (the model: the
 * timer queue, the links passes, the reaping) and through the {@link Keys} API (the same, plus
 * destroying every key's actor and queueing nothing, as no key is watched). Wall-clock seconds;
 * the cost per key is what the collector's work-counting test bounds.
 */
public final class GcBench {
    private static final long PID = 1;
    private static final Credentials ROOT = Credentials.root();
    private static final int BATCH = 5_000;
    /** Rounds of calls per table; the best counts (the first warm the JIT, heap collections disturb some). */
    private static final int ROUNDS = 5;

    private final ActorSystem<?> system;
    private final PrintStream log;
    private int kernels;

    public GcBench(ActorSystem<?> system, PrintStream log) {
        this.system = system;
        this.log = log;
    }

    /** One measurement: the keys, how long making them took, how long the one sleep took, what it collected. */
    public record Figure(String path, String timeouts, long keys, double setupSeconds, double sleepSeconds,
                         long collected) {
    }

    /** How key {@code i}'s timeout is chosen. */
    public enum Timeouts {
        /** Every key times out after 1 s: one moment, one pass. */
        ONE_MOMENT("one due moment"),
        /** Key i times out after i + 1 seconds: as many moments and passes as keys. */
        SPREAD("a due moment per key");

        final String label;

        Timeouts(String label) {
            this.label = label;
        }

        long seconds(int i) {
            return this == ONE_MOMENT ? 1 : i + 1L;
        }
    }

    /** A sleep long enough for every key: the longest timeout, the default gc delay and a second. */
    private static long sleepFor(int n, Timeouts t) {
        return (t.seconds(n - 1) + 1) * 1000 + KeyTable.DEFAULT_GC_DELAY_MS;
    }

    /** {@code n} timed keys through the key table alone, then one advance past them all. */
    public Figure table(int n, Timeouts timeouts) {
        KeyTable table = new KeyTable(new SplittableRandom(1));
        KeyCaller root = new KeyCaller(PID, ROOT, new PolicySnapshot(1, PermissiveModule.INSTANCE, new PolicyMetrics()));
        checked(table.joinSession(root, null).result(), "join");
        byte[] payload = new byte[8];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = (int) checked(table.add(root, "user", "key-" + i, payload, KeyTable.SESSION).result(), "add_key")
                    .value();
            checked(table.setTimeout(root, k, timeouts.seconds(i)).result(), "set_timeout");
        }
        long t1 = System.nanoTime();
        List<KeyStep> steps = table.advance(sleepFor(n, timeouts));
        long t2 = System.nanoTime();
        long collected = steps.stream().filter(KeyStep.Destroy.class::isInstance).count();
        return report(new Figure("KeyTable", timeouts.label, n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, collected));
    }

    /**
     * A key call in three tables: with no other key, with {@code n} keys without a timeout, and
     * with {@code n} timed keys waiting. The mean time of {@code calls} KEYCTL_READs of one key in
     * each, in microseconds, the best of five rounds. Once each call walked every timed key; now
     * the three should be alike.
     */
    public double[] callMicros(int n, int calls) {
        double[] micros = new double[3];
        for (int shape = 0; shape < 3; shape++) {
            KeyTable table = new KeyTable(new SplittableRandom(1));
            KeyCaller root = new KeyCaller(PID, ROOT, new PolicySnapshot(1, PermissiveModule.INSTANCE,
                    new PolicyMetrics()));
            checked(table.joinSession(root, null).result(), "join");
            int probe = (int) checked(table.add(root, "user", "probe", new byte[8], KeyTable.SESSION).result(),
                    "add_key").value();
            for (int i = 0; shape > 0 && i < n; i++) {
                int k = (int) checked(table.add(root, "user", "key-" + i, new byte[8], KeyTable.SESSION).result(),
                        "add_key").value();
                if (shape == 2) {
                    checked(table.setTimeout(root, k, i + 1L).result(), "set_timeout");
                }
            }
            micros[shape] = Double.MAX_VALUE;
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    checked(table.read(root, probe).result(), "read");
                }
                micros[shape] = Math.min(micros[shape], (System.nanoTime() - t0) / 1e3 / calls);
            }
        }
        log.printf("gc: a key call (KEYCTL_READ, mean of %,d, best of 5 rounds, KeyTable): %.2f us among no"
                + " other key, %.2f us among %,d keys without a timeout, %.2f us among %,d timed keys waiting%n", calls,
                micros[0], micros[1], n, micros[2], n);
        return micros;
    }

    /** {@code n} timed keys through the Keys API (asynchronous calls, 5,000 at a time), then one sleep. */
    public Figure keysApi(int n, Timeouts timeouts) {
        Kernel kernel = Kernel.start(system, "gc-bench-" + (++kernels), KernelSettings.DEFAULT.withHosts(1024));
        Keys keys = Keys.start(kernel, "gc-bench-keys-" + kernels, 1);
        try {
            checked(await(keys.call(PID, ROOT, new KeyOp.JoinSession(null))), "join");
            byte[] payload = new byte[8];
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += BATCH) {
                List<CompletableFuture<SysResult>> adds = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + BATCH); i++) {
                    adds.add(keys.callAsync(PID, ROOT, new KeyOp.Add("user", "key-" + i, payload, KeyTable.SESSION))
                            .toCompletableFuture());
                }
                List<CompletableFuture<SysResult>> timeoutCalls = new ArrayList<>();
                for (int i = 0; i < adds.size(); i++) {
                    int k = (int) checked(await(adds.get(i)), "add_key").value();
                    timeoutCalls.add(keys.callAsync(PID, ROOT, new KeyOp.SetTimeout(k, timeouts.seconds(from + i)))
                            .toCompletableFuture());
                }
                timeoutCalls.forEach(f -> checked(await(f), "set_timeout"));
            }
            long t1 = System.nanoTime();
            checked(await(keys.advance(sleepFor(n, timeouts))), "advance");
            long t2 = System.nanoTime();
            // The sleep answers once every destroy is handed to its key's actor; the actors then
            // stop and leave the directory (the session keyring's stays).
            long deadline = t2 + TimeUnit.MINUTES.toNanos(5);
            while (kernel.objectCount() > 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long t3 = System.nanoTime();
            log.printf("gc: the %,d key actors had stopped %.2f s after the sleep began%n", n, (t3 - t1) / 1e9);
            return report(new Figure("Keys API", timeouts.label, n, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    n - (kernel.objectCount() - 1L)));
        } finally {
            await(keys.stop());
            await(kernel.stop());
        }
    }

    private Figure report(Figure f) {
        log.printf("gc: %,d timed keys in one keyring, %s, through the %s: made in %.1f s; one sleep collected %,d in"
                        + " %.2f s (%,.0f keys/s)%n", f.keys(), f.timeouts(), f.path(), f.setupSeconds(), f.collected(),
                f.sleepSeconds(), f.collected() / f.sleepSeconds());
        if (f.collected() != f.keys()) {
            throw new IllegalStateException("the sleep collected " + f.collected() + " of " + f.keys() + " keys");
        }
        return f;
    }
}
