package io.watchsim.sources.keys;

import io.watchsim.queues.SysResult;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key service's answers around time and construction: the sysctl's range for gc_delay,
 * time that cannot run backwards, the deferred collector seen through a queue, and a watch
 * asked for during a request's construction, set only once construction has ended.
 */
class KeyServiceTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();
    private static int kernels;

    private Kernel kernel;
    private Keys keys;
    private QueueHandle q;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static <T> T await(CompletionStage<T> s) {
        return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @BeforeEach
    void start() {
        kernel = Kernel.start(testKit.system(), "key-service-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
        keys = Keys.start(kernel, "key-service-keys-" + kernels, 3);
        assertThat(await(keys.call(1, ROOT, new KeyOp.JoinSession(null))).errno()).isNull();
        q = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(q.id(), 32)).isOk()).isTrue();
    }

    @AfterEach
    void stop() {
        await(keys.stop());
        await(kernel.stop());
    }

    private SysResult call(KeyOp op) {
        return await(keys.call(1, ROOT, op));
    }

    /** Everything the queue holds now, as "subtype/tag" for key records and "removal/tag" for removals. */
    private List<String> drain() {
        List<String> seen = new ArrayList<>();
        for (ReadResult r = await(kernel.readQueue(q.id(), 4096)); !r.isError() && !r.isEof();
             r = await(kernel.readQueue(q.id(), 4096))) {
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                int tag = WatchNotification.tagOf(n.info());
                seen.add((n.type() == WatchNotification.WATCH_TYPE_META ? "removal" : "subtype " + n.subtype()) + "/" + tag);
                off += n.length();
            }
        }
        return seen;
    }

    @Test
    void gcDelayTakesTheSysctlsRange() {
        assertThat(await(keys.setGcDelay(-1)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(await(keys.setGcDelay(KeyTable.MAX_GC_DELAY_SECONDS + 1)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(await(keys.setGcDelay(KeyTable.MAX_GC_DELAY_SECONDS)).errno()).isNull();
    }

    @Test
    void timeCannotRunBackwardsAndTheServiceLivesOn() {
        assertThat(await(keys.advance(-1)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(await(keys.advance(Long.MAX_VALUE)).errno()).isNull();
        assertThat(call(new KeyOp.Add("user", "after", new byte[] {1}, KeyTable.SESSION)).errno()).isNull();
    }

    @Test
    void anUnlinkedKeysRemovalWaitsForTheCollectorsNextWork() {
        int k = (int) call(new KeyOp.Add("user", "k", new byte[] {1}, KeyTable.SESSION)).value();
        assertThat(call(new KeyOp.Watch(k, q.id(), 4)).errno()).isNull();
        assertThat(call(new KeyOp.Unlink(k, KeyTable.SESSION)).errno()).isNull();
        assertThat(drain()).as("not in a read right after the unlink").isEmpty();
        assertThat(await(keys.nextGcTime())).as("work is pending").isZero();
        assertThat(await(keys.advance(0)).errno()).isNull();
        assertThat(drain()).containsExactly("removal/4");
    }

    @Test
    void aWatchAskedForDuringConstructionIsSetAfterItAndNeverSeesInstantiated() {
        SysResult r = call(new KeyOp.Request("user", "made", KeyTable.SESSION, new byte[] {7}, 0, null, q.id(), 5));
        assertThat(r.errno()).isNull();
        assertThat(drain()).as("no instantiated on the watch").isEmpty();
        assertThat(call(new KeyOp.Update((int) r.value(), new byte[] {8})).errno()).isNull();
        assertThat(drain()).as("the watch is set").containsExactly("subtype " + KeyNotify.NOTIFY_KEY_UPDATED + "/5");
    }

    @Test
    void aWatchAskedForDuringANegationFailsAndTheRequestAnswersWithItsOwnError() {
        await(keys.setGcDelay(0));
        SysResult r = call(new KeyOp.Request("user", "neg", KeyTable.SESSION, null, 1, Errno.EKEYREJECTED, q.id(), 6));
        assertThat(r.errno()).isEqualTo(Errno.EKEYREJECTED);
        await(keys.advance(2_000));
        assertThat(drain()).as("no watch: neither instantiated nor a removal when the key is collected").isEmpty();
        assertThat(await(keys.nextGcTime())).isEqualTo(Long.MAX_VALUE);
    }
}
