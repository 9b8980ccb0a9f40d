package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Hook;
import io.watchsim.policies.PolicyCounts;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.QueueStatistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.drain;
import static io.watchsim.actors.KernelFixture.object;
import static io.watchsim.actors.KernelFixture.sizedQueue;
import static org.assertj.core.api.Assertions.assertThat;

/** The LSM hooks where the kernel asks them: at watch setting, and per record per queue. */
@ExtendWith(LogCapturingExtension.class)
class PolicyOnThePathTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static int kernels;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    private static Kernel kernel(LabelMatrix policy) {
        return Kernel.start(testKit.system(), "policy-kernel-" + (++kernels),
                KernelSettings.DEFAULT.withHosts(2).withPolicy(policy));
    }

    private static final Credentials ALICE = Credentials.user(1000, 1000).withLabel("A");
    private static final Credentials BOB = Credentials.user(1001, 1001).withLabel("B");

    @Test
    void theWatchHookRefusesWithItsErrnoAndNothingIsAdded() {
        Kernel k = kernel(new LabelMatrix("m", Set.of("A>K")));
        QueueHandle q = sizedQueue(k, 32);
        object(k, 42, "K");
        SysResult refused = await(k.watch(42, q.id(), 1, BOB));
        assertThat(refused.errno()).isEqualTo(Errno.EACCES);
        assertThat(refused.detail()).contains("B may not watch K");
        assertThat(await(k.watches(42))).isEmpty();
        assertThat(await(k.watch(42, q.id(), 1, ALICE)).isOk()).isTrue();
        PolicyCounts counts = await(k.policyCounts());
        assertThat(counts.of(Hook.WATCH_KEY)).isEqualTo(new PolicyCounts.HookCounts(2, 1, 1));
        k.stop();
    }

    @Test
    void thePostHookSkipsAQueueSilentlyAndCountsTheDenial() {
        // A may notify A; nobody may notify B. Both watch the same object.
        Kernel k = kernel(new LabelMatrix("m", Set.of("A>K", "B>K", "A>A")));
        QueueHandle qa = sizedQueue(k, 32);
        QueueHandle qb = sizedQueue(k, 32);
        object(k, 42, "K");
        assertThat(await(k.watch(42, qa.id(), 1, ALICE)).isOk()).isTrue();
        assertThat(await(k.watch(42, qb.id(), 2, BOB)).isOk()).isTrue();
        assertThat(await(k.postAndWait(42, List.of(KeyNotify.of(1, 42, 0)), ALICE)).reached()).isEqualTo(2);
        assertThat(await(k.postAndWait(42, List.of(KeyNotify.of(1, 42, 1)), null)).reached()).as("system source").isEqualTo(2);
        assertThat(drain(k, qa)).hasSize(2);
        assertThat(drain(k, qb)).extracting(KeyNotify::aux).containsExactly(1);
        QueueStatistics sb = await(k.queueStatistics(qb.id())).orElseThrow();
        assertThat(sb.denied()).isEqualTo(1);
        assertThat(sb.lost()).as("a denial is not a loss").isZero();
        assertThat(await(k.policyCounts()).of(Hook.POST_NOTIFICATION).denials()).isEqualTo(1);
        // Removal records pass whatever the policy says.
        assertThat(await(k.destroy(42)).isOk()).isTrue();
        testKit.createTestProbe().awaitAssert(java.time.Duration.ofSeconds(5), () -> {
            assertThat(await(k.queueStatistics(qb.id())).orElseThrow().inserted()).isEqualTo(2);
            return null;
        });
        assertThat(drain(k, qb)).singleElement().extracting(Notification::type).isEqualTo(0);
        k.stop();
    }

    @Test
    void everyEventPostedAfterAReloadIsAcknowledgedObeysTheNewPolicy() {
        LabelMatrix open = new LabelMatrix("open", Set.of("A>K", "B>A", "A>A"));
        LabelMatrix closed = new LabelMatrix("closed", Set.of("A>K", "A>A"));
        Kernel k = kernel(open);
        QueueHandle q = sizedQueue(k, 512);
        object(k, 42, "K");
        assertThat(await(k.watch(42, q.id(), 1, ALICE)).isOk()).isTrue();
        int before = 150;
        int after = 150;
        for (int i = 0; i < before; i++) {
            k.post(42, KeyNotify.of(1, 42, i), BOB);
        }
        PolicyEngine.Reloaded ack = await(k.reloadPolicy(closed));
        assertThat(ack.version()).isEqualTo(2);
        for (int i = before; i < before + after; i++) {
            k.post(42, KeyNotify.of(1, 42, i), BOB);
        }
        await(k.postAndWait(42, List.of(KeyNotify.of(1, 42, -1)), ALICE));
        List<Notification> got = drain(k, q);
        List<Integer> seqs = got.stream().map(KeyNotify::aux).toList();
        assertThat(seqs).as("events before the reload were judged by the open policy")
                .containsSequence(java.util.stream.IntStream.range(0, before).boxed().toList());
        assertThat(seqs).as("no event of B posted after the acknowledgement passed").hasSize(before + 1)
                .allMatch(s -> s < before);
        assertThat(seqs.get(before)).as("A's last event, allowed by both").isEqualTo(-1);
        QueueStatistics s = await(k.queueStatistics(q.id())).orElseThrow();
        assertThat(s.denied()).isEqualTo(after);
        assertThat(s.isBalanced()).isTrue();
        k.stop();
    }
}
