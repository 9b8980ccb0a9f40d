package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.KeyNotify;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Inside the kernel too, a message that brings a record or a watch to an object cannot exist
 * without the policy's stamp: there is no unstamped add and no delivery without a snapshot.
 */
class StampsTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @Test
    void anAddOrADeliveryWithoutASnapshotCannotBeMade() {
        TestProbe<io.watchsim.queues.SysResult> reply = testKit.createTestProbe();
        WatchedObject.AddWatch add = new WatchedObject.AddWatch(42, 7, null, 1, Credentials.root(), reply.ref());
        assertThatNullPointerException().isThrownBy(() -> new WatchedObject.StampedAdd(add, null));
        assertThatNullPointerException().isThrownBy(() -> add.stamp(null));
        assertThatNullPointerException().isThrownBy(() -> new WatchedObject.Deliver(42,
                KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 0), null, null, null, false));
        assertThatNullPointerException().isThrownBy(() -> new WatchedObject.NotifyBatch(42,
                List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 0)), null, null).stamp(null));
    }
}
