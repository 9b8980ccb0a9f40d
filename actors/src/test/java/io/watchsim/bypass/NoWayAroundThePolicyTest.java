package io.watchsim.bypass;

import io.watchsim.actors.DeliveryReport;
import io.watchsim.actors.EventSource;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.actors.RepeatedRead;
import io.watchsim.actors.Watch;
import io.watchsim.actors.WatchedObject;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.ring.QueueStatistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Written from outside the kernel's package, as a user or a later module would: every way around
 * the policy the kernel once allowed is closed. The kernel hands out no actor of its own; the
 * messages that carry a record or a watch into an object exist only inside the kernel; an actor
 * reached by its path takes nothing it can post; and a policy once replaced judges nothing more.
 */
@ExtendWith(LogCapturingExtension.class)
class NoWayAroundThePolicyTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials SETTER = Credentials.user(1000, 1000).withLabel("A");
    static final Credentials GENERATOR = Credentials.user(1001, 1001).withLabel("G");
    static int kernels;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Kernel kernel() {
        return Kernel.start(testKit.system(), "bypass-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
    }

    /** The generic signature of what a public method returns, for the types it names. */
    private static String returned(Method m) {
        return m.getGenericReturnType().getTypeName();
    }

    @Test
    void theKernelAndItsHandlesHandOutNoActorOfTheKernel() {
        for (Class<?> api : List.of(Kernel.class, QueueHandle.class, EventSource.class, RepeatedRead.class)) {
            for (Method m : api.getMethods()) {
                if (m.getDeclaringClass() == Object.class || m.getName().equals("system")) {
                    continue;   // system() is the caller's own actor system, given to start()
                }
                assertThat(returned(m)).as("%s.%s returns", api.getSimpleName(), m.getName())
                        .doesNotContain("ActorRef", "Directory", "PolicyEngine$Command", "PolicySnapshot");
            }
        }
    }

    @Test
    void theMessagesThatCarryARecordOrAWatchAreTheKernelsOwn() {
        Set<String> publicTypes = Arrays.stream(WatchedObject.class.getDeclaredClasses())
                .filter(c -> Modifier.isPublic(c.getModifiers())).map(Class::getSimpleName).collect(Collectors.toSet());
        assertThat(publicTypes).as("WatchedObject's public types: the protocol's name, the ordered lane for kinds, "
                + "and what a watch looks like from outside").containsExactlyInAnyOrder("Command", "InOrder", "WatchInfo");
        Set<String> watchTypes = Arrays.stream(Watch.class.getDeclaredClasses())
                .filter(c -> Modifier.isPublic(c.getModifiers())).map(Class::getSimpleName).collect(Collectors.toSet());
        assertThat(watchTypes).containsExactly("Command");
        assertThat(Arrays.stream(PolicyEngine.class.getDeclaredClasses()).map(Class::getSimpleName))
                .as("no message hands out the snapshot in force").doesNotContain("GetSnapshot", "CheckWatch");
    }

    /** A message from outside the kernel, of the only kind an outsider can make: its own. */
    record Forged(String what) implements WatchedObject.Command {
    }

    record ForgedInOrder(String what) implements WatchedObject.InOrder {
    }

    @Test
    void anObjectReachedByItsPathTakesNothingThatPostsOrWatches() {
        Kernel k = kernel();
        QueueHandle q = k.await(k.createQueue());
        assertThat(k.await(k.setQueueSize(q.id(), 32)).isOk()).isTrue();
        assertThat(k.await(k.createObject(new SecuredObject(ObjectKind.KEY, 42, "key-42", "_"))).isOk()).isTrue();
        assertThat(k.await(k.watch(42, q.id(), 1, Credentials.root())).isOk()).isTrue();
        // The one way to an object's actor from outside: its path, resolved as a classic selection.
        org.apache.pekko.actor.ActorRef object = k.await(testKit.system().classicSystem()
                .actorSelection("/system/" + k.name() + "/objects-*/object-42")
                .resolveOne(Duration.ofSeconds(5)));
        object.tell(new Forged("post a record"), org.apache.pekko.actor.ActorRef.noSender());
        object.tell(new ForgedInOrder("add a watch"), org.apache.pekko.actor.ActorRef.noSender());
        // Both are in the object's mailbox now; an ordinary request reaches it behind them, so
        // when it is answered the forged messages have been handled.
        assertThat(k.await(k.watches(42))).as("no watch was added").hasSize(1);
        QueueStatistics s = k.await(k.queueStatistics(q.id())).orElseThrow();
        assertThat(s.posted()).as("no record was posted").isZero();
        k.await(k.stop());
    }

    @Test
    void aReplacedPolicyJudgesNothingMore() {
        Kernel k = kernel();
        QueueHandle q1 = k.await(k.createQueue());
        QueueHandle q2 = k.await(k.createQueue());
        k.await(k.setQueueSize(q1.id(), 32));
        k.await(k.setQueueSize(q2.id(), 32));
        assertThat(k.await(k.createObject(new SecuredObject(ObjectKind.KEY, 42, "key-42", "K"))).isOk()).isTrue();
        assertThat(k.await(k.watch(42, q1.id(), 1, SETTER)).isOk()).as("permissive: allowed").isTrue();
        assertThat(k.await(k.postAndWait(42, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 1)), GENERATOR)))
                .isEqualTo(new DeliveryReport(1, 0));
        EventSource kept = k.eventSource(42, GENERATOR).orElseThrow();   // a handle taken under the old policy
        k.await(k.reloadPolicy(SmackModule.of(SmackRules.empty())));
        SysResult refused = k.await(k.watch(42, q2.id(), 2, SETTER));
        assertThat(refused.errno()).as("A may not read K under Smack").isEqualTo(Errno.EACCES);
        kept.post(List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 2)));
        k.await(k.postAndWait(42, List.of(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 42, 3)), GENERATOR));
        QueueStatistics s = k.await(k.queueStatistics(q1.id())).orElseThrow();
        assertThat(s.inserted()).as("only the post made under the permissive policy").isEqualTo(1);
        assertThat(s.denied()).as("G may not write to A: both later posts denied, the kept handle's too").isEqualTo(2);
        assertThat(k.await(k.watches(42))).hasSize(1);
        k.await(k.stop());
    }

    @Test
    void aReaderGetsRecordsOnlyThroughTheKernelsReads() {
        Kernel k = kernel();
        TestProbe<io.watchsim.queues.ring.ReadResult> reader = testKit.createTestProbe();
        assertThat(k.repeatedRead(999, 4096, reader.getRef())).as("no queue 999").isEmpty();
        assertThat(k.readStream(999, 4096)).isEmpty();
        assertThat(k.await(k.readQueue(999, 4096)).errno()).isEqualTo(Errno.EBADF);
        k.await(k.stop());
        reader.expectNoMessage(Duration.ofMillis(50));
    }
}
