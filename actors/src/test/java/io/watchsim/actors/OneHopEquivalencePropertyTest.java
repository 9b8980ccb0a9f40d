package io.watchsim.actors;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.queues.ring.TypeFilter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static io.watchsim.actors.KernelFixture.await;
import static io.watchsim.actors.TestLabels.creds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct path (an object posts into each watching queue's pipe itself, {@link DeliveryPath#DIRECT})
 * against the earlier path through the watch actors ({@link DeliveryPath#VIA_WATCH}): random
 * sequences of posts (single records and bursts, from labelled generators under a random policy;
 * operations of several posts to one object on two watch ids, as a mount walk makes, which the
 * direct path posts into each queue under one lock and the earlier path post by post),
 * watch adds, removals, object destructions and re-creations, onto small queues (so that records
 * are lost) with and without a filter, run on one kernel of each path. Every queue must read the
 * same bytes on both: the same records, in the same order, with the same loss marks and removal
 * records; and count the same fates. The direct path hands nothing on by message (its backlog stays
 * at 0); on the earlier path the backlog is exact: every delivery handed on is settled once.
 *
 * <p>Deterministic by construction: each call is awaited before the next (posts and destructions
 * with {@link Kernel#perform}, which answers once the records are in their queues), and
 * the queues are read only at the end.
 */
class OneHopEquivalencePropertyTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static int kernels;

    @AfterContainer
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    /** One step of a sequence. */
    sealed interface Op permits PostOp, AddOp, RemoveOp, DestroyOp, CreateOp {
    }

    /**
     * One operation's posts to one object: a step per entry of {@code slots}, each to the watches on
     * that slot's watch id (as a mount walk posts to several watched directories of one mount), each
     * of {@code records} records (1: a single record, more: a burst), from a generator label (-1: system).
     */
    record PostOp(int object, List<Integer> slots, int records, int subtype, int generatorLabel) implements Op {
    }

    /** A watch on the object's watch id of {@code slot} (0: the object's own id, 1: a second id). */
    record AddOp(int object, int slot, int queue, int tag, int watcherLabel) implements Op {
    }

    record RemoveOp(int object, int slot, int queue, int watcherLabel) implements Op {
    }

    /** The watch id of {@code slot} on the object whose id is {@code objectId}. */
    static long watchId(long objectId, int slot) {
        return objectId + 1000L * slot;
    }

    record DestroyOp(int object) implements Op {
    }

    record CreateOp(int object) implements Op {
    }

    /**
     * {@code allowed}: the policy's rules; objects are labelled {@link #OBJECT_LABEL}, which labels A and
     * B may always watch (so that most adds pass), _ and C only when a rule says so.
     */
    record Case(Set<String> allowed, List<Integer> queueNotes, List<Boolean> filtered, List<Op> ops) {
    }

    static final String OBJECT_LABEL = "A";

    static final int OBJECTS = 3;
    static final int QUEUES = 3;

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> object = Arbitraries.integers().between(0, OBJECTS - 1);
        Arbitrary<Integer> queue = Arbitraries.integers().between(0, QUEUES - 1);
        Arbitrary<Integer> label = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> slot = Arbitraries.integers().between(0, 1);
        Arbitrary<Op> post = Combinators.combine(object, slot.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(-1, 3)).as(PostOp::new);
        Arbitrary<Op> add = Combinators.combine(object, slot, queue, Arbitraries.integers().between(0, 255), label)
                .as(AddOp::new);
        Arbitrary<Op> remove = Combinators.combine(object, slot, queue, label).as(RemoveOp::new);
        Arbitrary<Op> destroy = object.map(DestroyOp::new);
        Arbitrary<Op> create = object.map(CreateOp::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, post), net.jqwik.api.Tuple.of(4, add), net.jqwik.api.Tuple.of(1, remove),
                net.jqwik.api.Tuple.of(1, destroy), net.jqwik.api.Tuple.of(1, create));
        return Combinators.combine(Arbitraries.of(TestLabels.pairs()).set().ofMaxSize(16),
                        Arbitraries.integers().between(1, 6).list().ofSize(QUEUES),
                        Arbitraries.of(true, false).list().ofSize(QUEUES),
                        add.list().ofMinSize(1).ofMaxSize(6),
                        op.list().ofMinSize(30).ofMaxSize(120))
                .as((allowed, notes, filtered, adds, ops) -> {
                    List<Op> all = new ArrayList<>(adds);   // some watches first, then anything
                    all.addAll(ops);
                    return new Case(allowed, notes, filtered, all);
                });
    }

    /** What one queue read and counted, in a form that compares by value. */
    record QueueOutcome(String bytesRead, long posted, long inserted, long filtered, long denied, long lost) {
    }

    /** What one kernel gave every queue, and its backlog's totals (deliveries handed on, and settled by a fate). */
    record Outcome(List<QueueOutcome> queues, long handedOn, long settled) {
    }

    @Property(tries = 60)
    void everyQueueReadsTheSameWithTheWatchHopAndWithoutIt(@ForAll("cases") Case c) {
        Outcome direct = run(c, DeliveryPath.DIRECT);
        Outcome viaWatch = run(c, DeliveryPath.VIA_WATCH);
        assertThat(direct.queues()).isEqualTo(viaWatch.queues());
        assertThat(direct.handedOn()).as("the direct path posts in place and hands nothing on").isZero();
        assertThat(viaWatch.settled()).as("the earlier path's backlog: every delivery handed on settled, once")
                .isEqualTo(viaWatch.handedOn());
        // Enough cases must deliver, lose and deny records, or the comparison proves little.
        long lost = direct.queues().stream().mapToLong(QueueOutcome::lost).sum();
        long denied = direct.queues().stream().mapToLong(QueueOutcome::denied).sum();
        Statistics.label("records handed on").collect(viaWatch.handedOn() > 0)
                .coverage(cov -> cov.check(true).percentage(p -> p > 60));
        Statistics.label("records lost").collect(lost > 0).coverage(cov -> cov.check(true).percentage(p -> p > 10));
        Statistics.label("records denied").collect(denied > 0).coverage(cov -> cov.check(true).percentage(p -> p > 10));
    }

    private static Outcome run(Case c, DeliveryPath path) {
        Set<String> rules = new java.util.HashSet<>(c.allowed());
        rules.add("A>" + OBJECT_LABEL);
        rules.add("B>" + OBJECT_LABEL);
        LabelMatrix policy = new LabelMatrix("matrix", rules);
        Kernel k = Kernel.start(testKit.system(), "onehop-kernel-" + (++kernels),
                KernelSettings.DEFAULT.withHosts(2).withPolicy(policy).withDeliveryPath(path));
        try {
            List<QueueHandle> queues = new ArrayList<>();
            for (int i = 0; i < QUEUES; i++) {
                QueueHandle q = KernelFixture.sizedQueue(k, c.queueNotes().get(i));
                if (c.filtered().get(i)) {
                    assertThat(await(k.setFilter(q.id(), FilterRequest.of(TypeFilter.forSubtypes(1, 0, 2, 4, 6))))
                            .isOk()).isTrue();
                }
                queues.add(q);
            }
            // A destroyed object is re-created under a new id (its old actor may still be stopping).
            boolean[] present = new boolean[OBJECTS];
            int[] generation = new int[OBJECTS];
            java.util.function.IntUnaryOperator id = o -> 100 + o + 10_000 * generation[o];
            for (int o = 0; o < OBJECTS; o++) {
                KernelFixture.object(k, id.applyAsInt(o), OBJECT_LABEL);
                present[o] = true;
            }
            int seq = 0;
            for (Op op : c.ops()) {
                if (op instanceof PostOp p) {
                    List<KernelAction> steps = new ArrayList<>();
                    for (int slot : p.slots()) {
                        List<Notification> records = new ArrayList<>();
                        for (int i = 0; i < p.records(); i++) {
                            records.add(KeyNotify.of(p.subtype(), id.applyAsInt(p.object()), seq++));
                        }
                        steps.add(new KernelAction.PostEvent(new ObjectEvent(id.applyAsInt(p.object()),
                                watchId(id.applyAsInt(p.object()), slot), records)));
                    }
                    await(k.perform(steps, creds(p.generatorLabel())));
                } else if (op instanceof AddOp a) {
                    long o = id.applyAsInt(a.object());
                    await(k.watch(o, watchId(o, a.slot()), queues.get(a.queue()).id(), a.tag(), creds(a.watcherLabel())));
                } else if (op instanceof RemoveOp r) {
                    long o = id.applyAsInt(r.object());
                    await(k.watch(o, watchId(o, r.slot()), queues.get(r.queue()).id(), WatchList.REMOVE_TAG,
                            creds(r.watcherLabel())));
                } else if (op instanceof DestroyOp d && present[d.object()]) {
                    leaveOneWatchPerQueue(k, id.applyAsInt(d.object()));
                    await(k.perform(List.of(new KernelAction.DestroyObject(id.applyAsInt(d.object()))), null));
                    present[d.object()] = false;
                } else if (op instanceof CreateOp cr && !present[cr.object()]) {
                    generation[cr.object()]++;
                    KernelFixture.object(k, id.applyAsInt(cr.object()), OBJECT_LABEL);
                    present[cr.object()] = true;
                }
            }
            List<QueueOutcome> outcomes = new ArrayList<>();
            for (QueueHandle q : queues) {
                String read = readAll(k, q);
                QueueStatistics s = await(k.queueStatistics(q.id())).orElseThrow();
                outcomes.add(new QueueOutcome(read, s.posted(), s.inserted(), s.filtered(), s.denied(), s.lost()));
            }
            return new Outcome(outcomes, k.recordsInTransit().handedOnTotal(), k.recordsInTransit().settledTotal());
        } finally {
            k.stop();
        }
    }

    /**
     * Removes, one by one, all but the newest of the object's watches on each queue. Through the
     * watch actors, the removal records of several watches of one queue, sent when their object is
     * destroyed, come from different actors and reach the queue in either order (a race of that
     * path, which the direct path does not have: its object posts them newest first, as Linux's
     * remove_watch_list() walks the list). Both runs take the same steps, so the comparison holds.
     */
    private static void leaveOneWatchPerQueue(Kernel k, long objectId) {
        Set<Long> kept = new java.util.HashSet<>();
        for (WatchedObject.WatchInfo w : await(k.watches(objectId))) {   // newest first
            if (!kept.add(w.queueId())) {
                assertThat(await(k.watch(objectId, w.watchId(), w.queueId(), WatchList.REMOVE_TAG, w.setter())).isOk())
                        .isTrue();
            }
        }
    }

    /** Every byte the queue holds, read non-blocking in 4096-byte reads, as hex (records, loss marks, removals). */
    private static String readAll(Kernel k, QueueHandle q) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ReadResult r = await(k.readQueue(q.id(), 4096));
            if (r.isError() || r.isEof()) {
                return HexFormat.of().formatHex(out.toByteArray());
            }
            out.writeBytes(r.data());
        }
    }
}
