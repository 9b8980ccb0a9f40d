package io.watchsim.simulations.jmh;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.NotificationRing;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.queues.ring.TypeFilter;
import io.watchsim.queues.ring.WatchFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Micro-benchmarks of the pieces on the delivery path: record encoding, filter match, ring
 * insert and read, and the Smack post check. Compiled by {@code mvn verify}, run by hand:
 * {@code mvn -B -pl simulations test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="HotPathBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {
    private Notification record;
    private WatchFilter filter;
    private NotificationRing ring;
    private PolicySnapshot smack;
    private Credentials generator;
    private Credentials watcher;
    private int seq;

    @Setup
    public void setup() {
        record = KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 0);
        filter = WatchFilter.compile(FilterRequest.of(TypeFilter.forSubtypes(1, 0, 1, 2).withInfo(0x0100, 0xFF00),
                TypeFilter.forSubtypes(1, 5)));
        ring = new NotificationRing();
        ring.setSize(256, PipeLimits.WITHIN);
        smack = new PolicySnapshot(1, SmackModule.of(SmackRules.empty().with("Gen", "Watcher", "w")), new PolicyMetrics());
        generator = Credentials.user(1, 1).withLabel("Gen");
        watcher = Credentials.user(2, 2).withLabel("Watcher");
    }

    /** Encoding one 16-byte key record. */
    @Benchmark
    public Notification encodeKeyRecord() {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 42, ++seq);
    }

    /** One filter decision (two entries of the key type). */
    @Benchmark
    public boolean filterMatch() {
        return filter.matches(1, 1, 0x0110);
    }

    /** One post with tag, filterless, and its read (16 bytes) so that the ring never fills. */
    @Benchmark
    public ReadResult ringInsertAndRead() {
        ring.post(record, 1);
        return ring.read(16);
    }

    /** 64 posts and one read of the whole burst: the full path's per-burst ring work. */
    @Benchmark
    public ReadResult ringBurstOf64() {
        for (int i = 0; i < 64; i++) {
            ring.post(record, 1);
        }
        return ring.read(4096);
    }

    /** One Smack post check, counted as the queues count it. */
    @Benchmark
    public boolean smackPostCheck() {
        return smack.checkPost(watcher, generator, record).allowed();
    }

    /** The Smack post checks of a burst of 64 records of one type, as a queue makes them for a PostBatch. */
    @Benchmark
    public int smackPostCheckBurstOf64() {
        io.watchsim.queues.PostCheck.Burst burst =
                new io.watchsim.actors.PostAuthorization(smack, watcher, generator).forBurst();
        int allowed = 0;
        for (int i = 0; i < 64; i++) {
            if (burst.allows(record)) {
                allowed++;
            }
        }
        burst.finish();
        return allowed;
    }
}
