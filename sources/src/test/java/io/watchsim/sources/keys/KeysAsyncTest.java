package io.watchsim.sources.keys;

import io.watchsim.queues.SysResult;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asynchronous key calls (the load path): each answers once its key exists, and the records of
 * successive calls reach a watched keyring in the order of the calls.
 */
class KeysAsyncTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static <T> T await(CompletionStage<T> s) {
        return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Reads the queue until {@code count} records have arrived; each as {@code view} sees it, in order. */
    private static <T> List<T> readUntil(Kernel kernel, QueueHandle q, int count, Function<Notification, T> view) {
        List<T> seen = new ArrayList<>();
        TestProbe<Void> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(10), () -> {
            ReadResult r = await(kernel.readQueue(q.id(), 4096));
            byte[] d = r.isError() || r.isEof() ? new byte[0] : r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                seen.add(view.apply(n));
                off += n.length();
            }
            assertThat(seen).hasSize(count);
            return null;
        });
        return seen;
    }

    @Test
    void successiveAsynchronousAddsPostTheirLinksInCallOrder() {
        Kernel kernel = Kernel.start(testKit.system(), "async-keys", KernelSettings.DEFAULT.withHosts(8));
        Keys keys = Keys.start(kernel, "async-keys-service", 7);
        int ring = (int) await(keys.call(1, ROOT, new KeyOp.Add("keyring", "watched", null, KeyTable.SESSION))).value();
        QueueHandle q = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(q.id(), 256)).isOk()).isTrue();
        assertThat(await(keys.call(1, ROOT, new KeyOp.Watch(ring, q.id(), 5))).errno()).isNull();
        List<CompletableFuture<SysResult>> adds = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            adds.add(keys.callAsync(1, ROOT, new KeyOp.Add("user", "k" + i, new byte[] {1}, ring)).toCompletableFuture());
        }
        List<Integer> serials = new ArrayList<>();
        for (CompletableFuture<SysResult> f : adds) {
            SysResult r = f.orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(r.errno()).isNull();
            serials.add((int) r.value());
            assertThat(kernel.hasObject(Integer.toUnsignedLong((int) r.value())))
                    .as("the key's actor exists when the call answers").isTrue();
        }
        List<Integer> linked = readUntil(kernel, q, 200, n -> KeyNotify.aux(n)).stream().toList();
        assertThat(linked).as("LINKED records in call order").containsExactlyElementsOf(serials);
        await(keys.stop());
        await(kernel.stop());
    }

    /**
     * A call that only posts on keys that exist goes out at once when nothing asynchronous is
     * pending, and waits behind an earlier call that is still making a key: the records on one
     * keyring keep the calls' order either way.
     */
    @Test
    void postsThatGoOutAtOnceNeverOvertakeAnEarlierCallStillMakingItsKey() {
        Kernel kernel = Kernel.start(testKit.system(), "async-mixed", KernelSettings.DEFAULT.withHosts(8));
        Keys keys = Keys.start(kernel, "async-mixed-service", 13);
        int ring = (int) await(keys.call(1, ROOT, new KeyOp.Add("keyring", "mixed", null, KeyTable.SESSION))).value();
        QueueHandle q = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(q.id(), 512)).isOk()).isTrue();
        assertThat(await(keys.call(1, ROOT, new KeyOp.Watch(ring, q.id(), 5))).errno()).isNull();
        List<CompletableFuture<SysResult>> calls = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(keys.callAsync(1, ROOT, new KeyOp.Add("user", "k" + i, new byte[] {1}, ring)).toCompletableFuture());
            expected.add(KeyNotify.NOTIFY_KEY_LINKED);
            calls.add(keys.callAsync(1, ROOT, new KeyOp.SetPerm(ring, 0x3f010000L)).toCompletableFuture());
            expected.add(KeyNotify.NOTIFY_KEY_SETATTR);
        }
        calls.forEach(f -> assertThat(f.orTimeout(20, TimeUnit.SECONDS).join().errno()).isNull());
        List<Integer> seen = readUntil(kernel, q, 200, Notification::subtype);
        assertThat(seen).as("LINKED and SETATTR alternate, as the calls did").containsExactlyElementsOf(expected);
        await(keys.stop());
        await(kernel.stop());
    }

    @Test
    void asynchronousMovesPostOnBothKeyringsInCallOrder() {
        Kernel kernel = Kernel.start(testKit.system(), "async-moves", KernelSettings.DEFAULT.withHosts(8));
        Keys keys = Keys.start(kernel, "async-moves-service", 11);
        int from = (int) await(keys.call(1, ROOT, new KeyOp.Add("keyring", "from", null, KeyTable.SESSION))).value();
        int to = (int) await(keys.call(1, ROOT, new KeyOp.Add("keyring", "to", null, KeyTable.SESSION))).value();
        List<Integer> moved = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            moved.add((int) await(keys.call(1, ROOT, new KeyOp.Add("user", "m" + i, new byte[] {1}, from))).value());
        }
        QueueHandle q = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(q.id(), 256)).isOk()).isTrue();
        assertThat(await(keys.call(1, ROOT, new KeyOp.Watch(from, q.id(), 1))).errno()).isNull();
        assertThat(await(keys.call(1, ROOT, new KeyOp.Watch(to, q.id(), 2))).errno()).isNull();
        List<CompletableFuture<SysResult>> moves = new ArrayList<>();
        for (int key : moved) {
            moves.add(keys.callAsync(1, ROOT, new KeyOp.Move(key, from, to, 0)).toCompletableFuture());
        }
        moves.forEach(f -> assertThat(f.orTimeout(20, TimeUnit.SECONDS).join().errno()).isNull());
        List<String> seen = readUntil(kernel, q, 120,
                n -> n.subtype() + "@" + KeyNotify.keyId(n) + ":" + KeyNotify.aux(n));
        List<String> expected = new ArrayList<>();
        for (int key : moved) {
            expected.add(KeyNotify.NOTIFY_KEY_UNLINKED + "@" + from + ":" + key);
            expected.add(KeyNotify.NOTIFY_KEY_LINKED + "@" + to + ":" + key);
        }
        assertThat(seen).as("each move's two records, moves in call order").containsExactlyElementsOf(expected);
        await(keys.stop());
        await(kernel.stop());
    }
}
