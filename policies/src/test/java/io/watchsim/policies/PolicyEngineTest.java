package io.watchsim.policies;

import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LogCapturingExtension.class)
class PolicyEngineTest {
    static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    /** Refuses watch_key and post_notification to one label; its other hooks allow. */
    record DenyLabel(String label) implements SecurityModule {
        @Override
        public String name() {
            return "deny-" + label;
        }

        @Override
        public Decision watchKey(Credentials setter, SecuredObject key) {
            return setter.label().equals(label) ? Decision.deny(Errno.EACCES, name(), "label " + label) : Decision.allow();
        }

        @Override
        public Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
            return generator != null && generator.label().equals(label)
                    ? Decision.deny(Errno.EACCES, name(), "label " + label) : Decision.allow();
        }
    }

    /** A test event: stamped, it carries its sequence number and the snapshot it was judged by. */
    record Event(int seq) implements PolicyRoutable<Stamped> {
        @Override
        public Stamped stamp(PolicySnapshot snapshot) {
            return new Stamped(seq, snapshot);
        }
    }

    record Stamped(int seq, PolicySnapshot snapshot) {
    }

    private static final SecuredObject KEY = new SecuredObject(ObjectKind.KEY, 42, "k", "_");

    @Test
    void everyEventSubmittedAfterAReloadIsAcknowledgedCarriesTheNewPolicy() {
        ActorRef<PolicyEngine.Command> engine = testKit.spawn(PolicyEngine.create(PermissiveModule.INSTANCE,
                new PolicyMetrics()));
        TestProbe<Stamped> object = testKit.createTestProbe();
        TestProbe<PolicyEngine.Reloaded> operator = testKit.createTestProbe();
        for (int i = 0; i < 100; i++) {
            engine.tell(new PolicyEngine.Submit<>(new Event(i), object.getRef()));
        }
        engine.tell(new PolicyEngine.Reload(new DenyLabel("Lab"), operator.getRef()));
        PolicyEngine.Reloaded ack = operator.receiveMessage();
        assertThat(ack.version()).isEqualTo(2);
        engine.tell(new PolicyEngine.Submit<>(new Event(100), object.getRef()));
        engine.tell(new PolicyEngine.Submit<>(new Event(101), object.getRef()));

        List<Stamped> got = object.receiveSeveralMessages(102);
        for (Stamped s : got) {
            if (s.seq() >= 100) {
                assertThat(s.snapshot().version()).as("event %d", s.seq()).isEqualTo(ack.version());
                Decision d = s.snapshot().checkPost(Credentials.root(), Credentials.root().withLabel("Lab"),
                        KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 1, 0));
                assertThat(d.allowed()).isFalse();
            }
        }
        assertThat(got).extracting(Stamped::seq).isSorted();
    }

    @Test
    void checksOnAStampedSnapshotAreCountedAndReportedByTheEngine() {
        PolicyMetrics metrics = new PolicyMetrics();
        ActorRef<PolicyEngine.Command> engine = testKit.spawn(PolicyEngine.create(new DenyLabel("Lab"), metrics));
        TestProbe<Stamped> object = testKit.createTestProbe();
        engine.tell(new PolicyEngine.Submit<>(new Event(1), object.getRef()));
        PolicySnapshot s = object.receiveMessage().snapshot();

        assertThat(s.checkWatch(Credentials.root(), KEY).allowed()).isTrue();
        Decision denied = s.checkWatch(Credentials.root().withLabel("Lab"), KEY);
        assertThat(denied.errno()).isEqualTo(Errno.EACCES);
        assertThat(denied.reason()).isEqualTo("label Lab");
        s.checkPost(Credentials.root(), null, KeyNotify.of(1, 1, 0));
        s.checkPost(Credentials.root(), Credentials.root().withLabel("Lab"), KeyNotify.of(1, 1, 0));

        TestProbe<PolicyCounts> counts = testKit.createTestProbe();
        engine.tell(new PolicyEngine.GetCounts(counts.getRef()));
        PolicyCounts c = counts.receiveMessage();
        assertThat(c.engine()).isEqualTo("deny-Lab");
        assertThat(c.of(Hook.WATCH_KEY)).isEqualTo(new PolicyCounts.HookCounts(2, 1, 1));
        assertThat(c.of(Hook.POST_NOTIFICATION)).isEqualTo(new PolicyCounts.HookCounts(2, 1, 1));
        assertThat(c.of(Hook.WATCH_MOUNT).checks()).isZero();
    }

    @Test
    void everyDenialIsOneAuditLineOnTheAuditLogger() {
        PolicySnapshot s = new PolicySnapshot(1, new DenyLabel("Lab"), new PolicyMetrics());
        LoggingTestKit.info("denied hook=post_notification engine=deny-Lab errno=EACCES subject=\"Lab\"")
                .withLoggerName(PolicyMetrics.AUDIT_LOGGER)
                .withOccurrences(1)
                .expect(testKit.system(), () -> s.checkPost(Credentials.root(), Credentials.root().withLabel("Lab"),
                        KeyNotify.of(1, 1, 0)));
        LoggingTestKit.info("denied hook=watch_key engine=deny-Lab errno=EACCES subject=\"Lab\" uid=0 object=key:42")
                .withLoggerName(PolicyMetrics.AUDIT_LOGGER)
                .expect(testKit.system(), () -> s.checkWatch(Credentials.root().withLabel("Lab"), KEY));
    }

    @Test
    void aStackAllowsOnlyWhenEveryModuleAllowsAndTheFirstRefusalDecides() {
        StackedModule stack = new StackedModule(List.of(PermissiveModule.INSTANCE, new DenyLabel("A"), new DenyLabel("B")));
        assertThat(stack.name()).isEqualTo("permissive+deny-A+deny-B");
        assertThat(stack.watchKey(Credentials.root().withLabel("A"), KEY).engine()).isEqualTo("deny-A");
        assertThat(stack.watchKey(Credentials.root().withLabel("B"), KEY).engine()).isEqualTo("deny-B");
        assertThat(stack.watchKey(Credentials.root().withLabel("C"), KEY).allowed()).isTrue();
        assertThat(stack.watch(Credentials.root().withLabel("A"),
                new SecuredObject(ObjectKind.MOUNT, 1, "/", "_")).allowed()).as("DenyLabel has no mount hook").isTrue();
        assertThat(MetaNotify.isMeta(MetaNotify.loss())).isTrue();
    }
}
