package io.watchsim.simulations.history;

import io.watchsim.actors.KernelHistory.Unwatch;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.PostOutcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a run's history, one event at a time, against the invariants that need it: per watch,
 * every record the object posted while the watch was on its list has exactly one fate at the
 * watch's queue (conservation), the fates come in the object's post order (ordering), no record
 * passes the post hook that the policy in force at posting time refuses, and none is refused that
 * it allows (security), a watch that its object's end or a removal took gives exactly one removal
 * record, after its last record (removal); per queue, the reader reads exactly the records the
 * queue kept, in the order it kept them, and a loss record right after the record the kernel flagged
 * (loss marking, the ring's rule: a loss marks the newest record queued).
 *
 * <p>Single owner: one thread feeds it ({@link HistoryRecorder}'s consumer, or {@code watchsim
 * check} reading a file). Its state is per watch, per queue's unread records and per post still
 * awaiting fates, never the whole history. The first violation is reported with the events around it.
 */
public final class HistoryChecker {
    /** The invariants this checker judges, as the run's result names them. */
    public enum Invariant {
        CONSERVATION("conservation"), LOSS_MARKING("loss-marking"), SECURITY("security"), ORDERING("ordering"),
        REMOVAL("removal");

        private final String key;

        Invariant(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Events shown before a first violation, and after it. */
    static final int CONTEXT_BEFORE = 8;
    static final int CONTEXT_AFTER = 4;
    /** Violations kept as examples per invariant. */
    static final int EXAMPLES = 10;

    /** Decides the post hook for a policy version. */
    @FunctionalInterface
    public interface PolicyJudge {
        /** The module of version {@code version}, or null when the history does not say which it was. */
        SecurityModule module(long version);
    }

    // ------------------------------------------------------------------ state

    private record ChannelKey(long object, long watchId) {
    }

    private record WatchKey(long queue, long object, long watchId) {
    }

    private record PostKey(long object, long seq) {
    }

    /** Posts on one (object, watch id), and how many watches are listed for them now. */
    private static final class Channel {
        long posts;
        long lastSeq;
        int listed;
    }

    /** One watch's life: set, posts it was owed, fates seen, how it left. */
    private static final class Track {
        final WatchKey key;
        final int tag;
        final Credentials setter;
        final long postsAtStart;
        final long seqAtStart;
        long postsAtEnd = -1;
        Unwatch why;
        long fates;
        long lastSeq;
        int removals;
        /** The watch stopped unasked (it or its queue crashed): it owes no removal, and what it missed went to the dead letters. */
        boolean lost;

        Track(WatchKey key, int tag, Credentials setter, long postsAtStart, long seqAtStart) {
            this.key = key;
            this.tag = tag;
            this.setter = setter;
            this.postsAtStart = postsAtStart;
            this.seqAtStart = seqAtStart;
            this.lastSeq = seqAtStart;
        }

        String name() {
            return "watch of queue " + key.queue + " on object " + key.object
                    + (key.watchId == key.object ? "" : " (watch id " + key.watchId + ")");
        }
    }

    /** A post still owed fates: what the post hook must judge it by. */
    private static final class Pending {
        final Notification record;
        final Credentials generator;
        final long policy;
        int owed;

        Pending(Notification record, Credentials generator, long policy, int owed) {
            this.record = record;
            this.generator = generator;
            this.policy = policy;
            this.owed = owed;
        }
    }

    /** A record a queue kept, waiting to be read. */
    private static final class Slot {
        final long object;
        final long seq;
        final int tag;
        final int type;
        final int subtype;
        boolean read;
        boolean lossAfter;
        boolean lossAnnounced;

        Slot(long object, long seq, int tag, int type, int subtype) {
            this.object = object;
            this.seq = seq;
            this.tag = tag;
            this.type = type;
            this.subtype = subtype;
        }

        String describe() {
            return (type == WatchNotification.WATCH_TYPE_META ? "removal" : "type " + type + "/" + subtype)
                    + (object < 0 ? " (no origin)" : " of object " + object + (seq > 0 ? " post " + seq : "")) + " tag " + tag;
        }
    }

    /** One queue: what it keeps unread, the newest record it kept, the last record its reader read. */
    private static final class QueueTrack {
        final ArrayDeque<Slot> kept = new ArrayDeque<>();
        Slot newest;
        Slot lastRead;
        boolean ended;
        boolean crashed;
        long unannounceableLosses;
    }

    private final PolicyJudge judge;
    private final Map<ChannelKey, Channel> channels = new HashMap<>();
    private final Map<WatchKey, Track> current = new HashMap<>();
    private final List<Track> tracks = new ArrayList<>();
    private final Map<PostKey, Pending> pending = new HashMap<>();
    private final Map<Long, QueueTrack> queues = new HashMap<>();
    private final Map<Invariant, List<String>> violations = new EnumMap<>(Invariant.class);
    private final Map<Invariant, Long> violationCounts = new EnumMap<>(Invariant.class);
    private final Map<PostOutcome, Long> outcomes = new EnumMap<>(PostOutcome.class);
    /** The last events, the one being checked included: described only when a first violation needs them. */
    private final ArrayDeque<HistoryEvent> recent = new ArrayDeque<>();
    private final List<String> firstContext = new ArrayList<>();
    private int contextAfterLeft;
    private String first;
    private long events;
    private long posts;
    private long reads;
    private long deadLetters;
    private boolean finished;
    /** Set when the history says it is not whole: then it gives no verdict. */
    private String incomplete;

    public HistoryChecker(PolicyJudge judge) {
        this.judge = judge;
    }

    // ------------------------------------------------------------------ events

    /** Takes the next event of the history. */
    public void accept(HistoryEvent event) {
        events++;
        if (contextAfterLeft > 0) {
            firstContext.add("  #" + events + " " + describe(event));
            contextAfterLeft--;
        }
        if (recent.size() == CONTEXT_BEFORE + 1) {
            recent.poll();
        }
        recent.add(event);
        if (event instanceof HistoryEvent.Fate f) {
            onFate(f);
        } else if (event instanceof HistoryEvent.Posted p) {
            onPosted(p);
        } else if (event instanceof HistoryEvent.Read r) {
            onRead(r);
        } else if (event instanceof HistoryEvent.Watched w) {
            onWatched(w);
        } else if (event instanceof HistoryEvent.Unwatched u) {
            onUnwatched(u);
        } else if (event instanceof HistoryEvent.Incomplete i) {
            incomplete = i.dropped() + " events were not recorded: " + i.why();
        } else if (event instanceof HistoryEvent.WatchLost w) {
            Track t = current.get(new WatchKey(w.queue(), w.object(), w.watchId()));
            if (t != null) {
                t.lost = true;
            }
        } else if (event instanceof HistoryEvent.QueueEnded e) {
            QueueTrack q = queue(e.queue());
            q.ended = true;
            q.crashed |= e.crashed();
            q.kept.clear();
        }
    }

    private void onWatched(HistoryEvent.Watched w) {
        Channel c = channels.computeIfAbsent(new ChannelKey(w.object(), w.watchId()), k -> new Channel());
        c.listed++;
        WatchKey key = new WatchKey(w.queue(), w.object(), w.watchId());
        Track t = new Track(key, w.tag(), w.setter(), c.posts, c.lastSeq);
        Track before = current.put(key, t);
        if (before != null && before.why == null) {
            violate(Invariant.CONSERVATION, "#" + events + ": " + t.name() + " set while the object still lists it");
        }
        tracks.add(t);
    }

    private void onUnwatched(HistoryEvent.Unwatched u) {
        Track t = current.get(new WatchKey(u.queue(), u.object(), u.watchId()));
        if (t == null || t.why != null) {
            violate(Invariant.CONSERVATION, "#" + events + ": object " + u.object() + " dropped a watch of queue "
                    + u.queue() + " it did not list");
            return;
        }
        Channel c = channels.get(new ChannelKey(u.object(), u.watchId()));
        c.listed--;
        t.why = u.why();
        t.postsAtEnd = c.posts;
    }

    private void onPosted(HistoryEvent.Posted p) {
        posts++;
        Channel c = channels.computeIfAbsent(new ChannelKey(p.object(), p.watchId()), k -> new Channel());
        if (p.seq() <= c.lastSeq) {
            violate(Invariant.ORDERING, "#" + events + ": object " + p.object() + " posted number " + p.seq()
                    + " after number " + c.lastSeq);
        }
        c.posts++;
        c.lastSeq = p.seq();
        if (c.listed > 0) {
            pending.put(new PostKey(p.object(), p.seq()), new Pending(p.record(), p.generator(), p.policy(), c.listed));
        }
    }

    private void onFate(HistoryEvent.Fate f) {
        outcomes.merge(f.outcome(), 1L, Long::sum);
        QueueTrack q = queue(f.queue());
        Provenance o = f.origin();
        if (f.outcome() == PostOutcome.INSERTED) {
            Slot s = new Slot(o == null ? -1 : o.objectId(), o == null ? 0 : o.sequence(), f.tag(), f.record().type(),
                    f.record().subtype());
            q.kept.add(s);
            q.newest = s;
        } else if (f.outcome() == PostOutcome.LOST) {
            if (q.newest != null && !q.newest.read) {
                q.newest.lossAfter = true;
            } else {
                q.unannounceableLosses++;   // nothing queued to flag: Linux drops it unannounced too
            }
        }
        if (o == null) {
            return;   // posted straight into the queue (a flood), not through a watch
        }
        Track t = current.get(new WatchKey(f.queue(), o.objectId(), o.watchId()));
        if (t == null) {
            violate(Invariant.CONSERVATION, "#" + events + ": queue " + f.queue() + " got a record of object "
                    + o.objectId() + " through no watch it had");
            return;
        }
        if (o.isRemoval()) {
            onRemovalFate(t);
            return;
        }
        t.fates++;
        if (t.removals > 0) {
            violate(Invariant.REMOVAL, "#" + events + ": " + t.name() + ": post " + o.sequence()
                    + " reached the queue after the watch's removal record");
        }
        if (o.sequence() <= t.lastSeq) {
            violate(Invariant.ORDERING, "#" + events + ": " + t.name() + ": post " + o.sequence() + " reached the queue "
                    + (o.sequence() <= t.seqAtStart ? "though made before the watch was set" : "after post " + t.lastSeq));
        } else {
            t.lastSeq = o.sequence();
        }
        Pending p = pending.get(new PostKey(o.objectId(), o.sequence()));
        if (p == null) {
            violate(Invariant.CONSERVATION, "#" + events + ": " + t.name() + ": post " + o.sequence()
                    + " got more fates than watches listed when it was made");
            return;
        }
        if (--p.owed == 0) {
            pending.remove(new PostKey(o.objectId(), o.sequence()));
        }
        judge(t, p, f);
    }

    /** The post hook must have allowed what passed it, and refused only what the policy refuses. */
    private void judge(Track t, Pending p, HistoryEvent.Fate f) {
        boolean passed = f.outcome() == PostOutcome.INSERTED || f.outcome() == PostOutcome.LOST;
        if (!passed && f.outcome() != PostOutcome.DENIED) {
            return;   // filtered before the hook, or dropped by a defunct queue
        }
        SecurityModule module = judge.module(p.policy);
        if (module == null) {
            violate(Invariant.SECURITY, "#" + events + ": post judged by policy version " + p.policy
                    + ", which the history does not describe");
            return;
        }
        boolean allowed = module.postNotification(t.setter, p.generator, p.record).allowed();
        if (passed && !allowed) {
            violate(Invariant.SECURITY, "#" + events + ": " + t.name() + ": a record the policy in force at posting "
                    + "time (version " + p.policy + ") refuses was " + (f.outcome() == PostOutcome.LOST
                    ? "let through (then lost)" : "delivered"));
        } else if (!passed && allowed) {
            violate(Invariant.SECURITY, "#" + events + ": " + t.name() + ": a record the policy in force at posting "
                    + "time (version " + p.policy + ") allows was denied");
        }
    }

    private void onRemovalFate(Track t) {
        t.removals++;
        if (t.removals > 1) {
            violate(Invariant.REMOVAL, "#" + events + ": " + t.name() + ": removal record number " + t.removals);
        } else if (t.why == null || t.why == Unwatch.QUEUE_ENDED || t.why == Unwatch.WATCH_LOST) {
            violate(Invariant.REMOVAL, "#" + events + ": " + t.name() + ": a removal record while "
                    + (t.why == null ? "its object still lists it" : "it left its object without one (" + t.why + ")"));
        }
    }

    private void onRead(HistoryEvent.Read r) {
        reads++;
        QueueTrack q = queue(r.queue());
        byte[] data = r.data();
        int index = 0;
        for (int off = 0; off < data.length; index++) {
            Notification n = Notification.decode(data, off, data.length - off);
            off += n.length();
            if (MetaNotify.isMeta(n) && n.subtype() == WatchNotification.WATCH_META_LOSS_NOTIFICATION) {
                Slot last = q.lastRead;
                if (last == null || !last.lossAfter || last.lossAnnounced) {
                    violate(Invariant.LOSS_MARKING, "#" + events + ": queue " + r.queue() + ": a loss record "
                            + (last == null ? "before any record" : "after " + last.describe() + ", which no loss followed"));
                } else {
                    last.lossAnnounced = true;
                }
                continue;
            }
            Slot s = q.kept.poll();
            if (s == null) {
                violate(Invariant.CONSERVATION, "#" + events + ": queue " + r.queue() + " gave its reader a record it "
                        + "never kept (" + n.type() + "/" + n.subtype() + ")");
                continue;
            }
            s.read = true;
            Slot last = q.lastRead;
            if (last != null && last.lossAfter && !last.lossAnnounced) {
                last.lossAnnounced = true;   // report it once
                violate(Invariant.LOSS_MARKING, "#" + events + ": queue " + r.queue() + ": records were lost after "
                        + last.describe() + " and the reader read " + s.describe() + " with no loss record between");
            }
            Provenance o = r.origins() == null ? null : r.origins()[index];
            long object = o == null ? -1 : o.objectId();
            long seq = o == null ? 0 : o.sequence();
            int tag = WatchNotification.tagOf(n.info());
            if (object != s.object || seq != s.seq || tag != s.tag || n.type() != s.type || n.subtype() != s.subtype) {
                violate(Invariant.CONSERVATION, "#" + events + ": queue " + r.queue() + ": the reader read "
                        + new Slot(object, seq, tag, n.type(), n.subtype()).describe() + " where the queue kept "
                        + s.describe() + " next");
            }
            q.lastRead = s;
        }
    }

    private QueueTrack queue(long id) {
        return queues.computeIfAbsent(id, k -> new QueueTrack());
    }

    // ------------------------------------------------------------------ the end

    /**
     * Ends the history: checks what can only be judged once everything has arrived (each watch got
     * what it was owed, each ended watch its removal, each queue's kept records were read), and
     * returns every verdict.
     */
    public HistoryVerdict finish() {
        if (!finished) {
            finished = true;
            for (Track t : tracks) {
                finishTrack(t);
            }
            queues.forEach((id, q) -> {
                if (q.ended) {
                    return;
                }
                if (!q.kept.isEmpty()) {
                    violate(Invariant.CONSERVATION, "at the end: queue " + id + " kept " + q.kept.size()
                            + " records its reader never read, the first " + q.kept.peek().describe());
                }
                if (q.lastRead != null && q.lastRead.lossAfter && !q.lastRead.lossAnnounced) {
                    violate(Invariant.LOSS_MARKING, "at the end: queue " + id + " lost records after "
                            + q.lastRead.describe() + " and never gave a loss record");
                }
            });
        }
        Map<String, HistoryVerdict.Check> checks = new LinkedHashMap<>();
        for (Invariant i : Invariant.values()) {
            checks.put(i.key(), new HistoryVerdict.Check(i.key(), violationCounts.getOrDefault(i, 0L),
                    List.copyOf(violations.getOrDefault(i, List.of()))));
        }
        Map<String, Long> fates = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> fates.put(k.name().toLowerCase(), v));
        HistoryVerdict v = new HistoryVerdict(events, posts, reads, tracks.size(), deadLetters, fates, checks,
                first, List.copyOf(firstContext));
        return incomplete == null ? v : v.overrun(incomplete);
    }

    private void finishTrack(Track t) {
        long end = t.postsAtEnd >= 0 ? t.postsAtEnd : channels.get(new ChannelKey(t.key.object, t.key.watchId)).posts;
        long owed = end - t.postsAtStart;
        QueueTrack q = queues.get(t.key.queue);
        boolean queueCrashed = q != null && q.crashed;
        boolean queueEnded = q != null && q.ended;
        if (t.fates < owed) {
            if (t.why == Unwatch.WATCH_LOST || t.lost || queueCrashed) {
                deadLetters += owed - t.fates;   // sent to a stopped watch or queue: the run counts its dead letters
            } else {
                violate(Invariant.CONSERVATION, "at the end: " + t.name() + ": its object posted " + owed
                        + " records while it was listed, " + t.fates + " reached the queue");
            }
        } else if (t.fates > owed) {
            violate(Invariant.CONSERVATION, "at the end: " + t.name() + ": " + t.fates + " records reached the queue, "
                    + "its object posted " + owed + " while it was listed");
        }
        boolean owesRemoval = t.why == Unwatch.REMOVED || t.why == Unwatch.DESTROYED || t.why == Unwatch.OBJECT_GONE;
        if (owesRemoval && t.removals == 0 && !queueEnded && !t.lost) {
            violate(Invariant.REMOVAL, "at the end: " + t.name() + " left its object (" + t.why + ") and no removal "
                    + "record reached its queue");
        }
    }

    /** Whether a violation has been found yet (a deterministic run's trace freezes at the first). */
    public boolean violated() {
        return first != null;
    }

    private void violate(Invariant invariant, String what) {
        violationCounts.merge(invariant, 1L, Long::sum);
        List<String> list = violations.computeIfAbsent(invariant, k -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(what);
        }
        if (first == null) {
            first = invariant.key() + ": " + what;
            long n = events - recent.size() + 1;
            for (HistoryEvent e : recent) {
                firstContext.add((n == events && !finished ? "> #" : "  #") + n + " " + describe(e));
                n++;
            }
            contextAfterLeft = finished ? 0 : CONTEXT_AFTER;
        }
    }

    /** One line for an event, for the context of a violation. */
    static String describe(HistoryEvent e) {
        if (e instanceof HistoryEvent.Fate f) {
            Provenance o = f.origin();
            return "fate queue " + f.queue() + " " + f.outcome() + " " + (o == null ? "(no origin)"
                    : o.isRemoval() ? "removal of object " + o.objectId() : "object " + o.objectId() + " post " + o.sequence())
                    + " tag " + f.tag();
        } else if (e instanceof HistoryEvent.Posted p) {
            return "post object " + p.object() + " number " + p.seq() + " type " + p.record().type() + "/"
                    + p.record().subtype() + " policy " + p.policy();
        } else if (e instanceof HistoryEvent.Read r) {
            return "read queue " + r.queue() + " " + r.data().length + " bytes";
        } else if (e instanceof HistoryEvent.Watched w) {
            return "watch set: object " + w.object() + " queue " + w.queue() + " tag " + w.tag();
        } else if (e instanceof HistoryEvent.Unwatched u) {
            return "watch left: object " + u.object() + " queue " + u.queue() + " " + u.why();
        } else if (e instanceof HistoryEvent.WatchLost w) {
            return "watch lost: object " + w.object() + " queue " + w.queue();
        } else if (e instanceof HistoryEvent.QueueEnded q) {
            return "queue " + q.queue() + (q.crashed() ? " crashed" : " ended");
        } else if (e instanceof HistoryEvent.PolicyInForce p) {
            return "policy version " + p.version() + " " + p.engines();
        } else if (e instanceof HistoryEvent.Note n) {
            return "note: " + n.text();
        } else if (e instanceof HistoryEvent.RunStarted r) {
            return "deterministic run: seed " + r.seed() + ", window " + r.window();
        } else if (e instanceof HistoryEvent.Incomplete i) {
            return "incomplete: " + i.dropped() + " events not recorded";
        }
        return e.toString();
    }
}
