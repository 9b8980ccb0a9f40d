package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.TypeFilter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.watchsim.actors.TestLabels.LABELS;
import static io.watchsim.actors.TestLabels.creds;
import static io.watchsim.actors.TestLabels.pairs;
import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.KernelFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random labels, credentials, rules, watches, filters and events through a real kernel: no
 * record ever reaches a queue through a watch the policy forbids, and every record is accounted
 * for as delivered, filtered, denied or lost, with none missing and none counted twice (the
 * kernel's backlog of deliveries in transit back to zero).
 */
class PolicyAccountingPropertyTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static int kernels;

    @AfterContainer
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    record WatchSpec(int object, int queue, int watcherLabel, int tag) {
    }

    record EventSpec(int object, int generatorLabel, int subtype) {
    }

    record World(Set<String> allowed, int objects, int queues, List<Integer> queueNotes, List<Boolean> filtered,
                 List<WatchSpec> watches, List<EventSpec> events) {
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<Set<String>> rules = Arbitraries.of(pairs()).set().ofMaxSize(16);
        Arbitrary<Integer> objects = Arbitraries.integers().between(1, 3);
        Arbitrary<Integer> queues = Arbitraries.integers().between(1, 4);
        return Combinators.combine(rules, objects, queues).flatAs((allowed, no, nq) -> {
            Arbitrary<List<Integer>> notes = Arbitraries.integers().between(1, 64).list().ofSize(nq);
            Arbitrary<List<Boolean>> filters = Arbitraries.of(true, false).list().ofSize(nq);
            Arbitrary<List<WatchSpec>> watches = Combinators.combine(Arbitraries.integers().between(0, no - 1),
                            Arbitraries.integers().between(0, nq - 1), Arbitraries.integers().between(0, 3),
                            Arbitraries.integers().between(0, 255)).as(WatchSpec::new)
                    .list().ofMaxSize(8);
            Arbitrary<List<EventSpec>> events = Combinators.combine(Arbitraries.integers().between(0, no - 1),
                            Arbitraries.integers().between(-1, 3), Arbitraries.integers().between(0, 7))
                    .as(EventSpec::new).list().ofMinSize(1).ofMaxSize(80);
            return Combinators.combine(notes, filters, watches, events)
                    .as((n, f, w, e) -> new World(allowed, no, nq, n, f, w, e));
        });
    }


    @Property(tries = 40)
    void noForbiddenDeliveryAndEveryRecordAccountedFor(@ForAll("worlds") World w) {
        LabelMatrix policy = new LabelMatrix("matrix", w.allowed());
        Kernel k = Kernel.start(testKit.system(), "prop-kernel-" + (++kernels),
                KernelSettings.DEFAULT.withHosts(2).withPolicy(policy));
        try {
            List<QueueHandle> queues = new ArrayList<>();
            for (int i = 0; i < w.queues(); i++) {
                QueueHandle q = KernelFixture.sizedQueue(k, w.queueNotes().get(i));
                if (w.filtered().get(i)) {
                    // Pass only even subtypes.
                    assertThat(await(k.setFilter(q.id(), FilterRequest.of(TypeFilter.forSubtypes(1, 0, 2, 4, 6))))
                            .isOk()).isTrue();
                }
                queues.add(q);
            }
            for (int o = 0; o < w.objects(); o++) {
                KernelFixture.object(k, 100 + o, "K");
            }
            // Set the watches; keep those the kernel accepted: watcher label per (object, queue).
            Map<List<Integer>, Integer> watcher = new HashMap<>();
            for (WatchSpec ws : w.watches()) {
                boolean ok = await(k.watch(100 + ws.object(), queues.get(ws.queue()).id(), ws.tag(),
                        creds(ws.watcherLabel()))).isOk();
                List<Integer> key = List.of(ws.object(), ws.queue());
                boolean hookAllows = policy.allows(LABELS.get(ws.watcherLabel()), "K");
                assertThat(ok).as("watch %s", ws).isEqualTo(hookAllows && !watcher.containsKey(key));
                if (ok) {
                    watcher.put(key, ws.watcherLabel());
                }
            }
            // Post every event; the last post of each object waits for its fan-out.
            for (int i = 0; i < w.events().size(); i++) {
                EventSpec e = w.events().get(i);
                k.post(100 + e.object(), KeyNotify.of(e.subtype(), 100 + e.object(), i), creds(e.generatorLabel()));
            }
            for (int o = 0; o < w.objects(); o++) {
                await(k.postAndWait(100 + o, List.of(KeyNotify.of(0, 100 + o, -1)), null));
            }
            for (int qi = 0; qi < queues.size(); qi++) {
                int posted = 0;
                int filtered = 0;
                int denied = 0;
                for (int o = 0; o < w.objects(); o++) {
                    Integer wl = watcher.get(List.of(o, qi));
                    if (wl == null) {
                        continue;
                    }
                    posted++; // the barrier event: subtype 0, system source
                    for (EventSpec e : w.events()) {
                        if (e.object() != o) {
                            continue;
                        }
                        posted++;
                        if (w.filtered().get(qi) && e.subtype() % 2 == 1) {
                            filtered++;
                        } else if (e.generatorLabel() >= 0
                                && !policy.allows(LABELS.get(e.generatorLabel()), LABELS.get(wl))) {
                            denied++;
                        }
                    }
                }
                QueueHandle q = queues.get(qi);
                List<Notification> got = drain(k, q);
                QueueStatistics s = await(k.queueStatistics(q.id())).orElseThrow();
                assertThat(s.posted()).as("queue %d posted", qi).isEqualTo(posted);
                assertThat(s.filtered()).as("queue %d filtered", qi).isEqualTo(filtered);
                assertThat(s.denied()).as("queue %d denied", qi).isEqualTo(denied);
                assertThat(s.isBalanced()).isTrue();
                assertThat(s.recordsRead()).isEqualTo(s.inserted());
                Set<Integer> seen = new HashSet<>();
                for (Notification n : got) {
                    if (n.type() == 0) {
                        continue; // loss records
                    }
                    int seq = KeyNotify.aux(n);
                    int o = KeyNotify.keyId(n) - 100;
                    Integer wl = watcher.get(List.of(o, qi));
                    assertThat(wl).as("record of object %d in queue %d without a watch", o, qi).isNotNull();
                    assertThat(seen.add(o * 1000 + seq)).as("record delivered twice").isTrue();
                    if (seq >= 0) {
                        EventSpec e = w.events().get(seq);
                        if (e.generatorLabel() >= 0) {
                            assertThat(policy.allows(LABELS.get(e.generatorLabel()), LABELS.get(wl)))
                                    .as("event %d reached queue %d against the policy", seq, qi).isTrue();
                        }
                    }
                }
            }
            // the kernel's backlog: every fire-and-forget post counted once until its object posted it
            // into its queues in place (the barriers wait for their fan-out and are not counted)
            assertThat(k.recordsInTransit().handedOnTotal()).isEqualTo(w.events().size());
            assertThat(k.recordsInTransit().count()).isZero();
        } finally {
            k.stop();
        }
    }
}
