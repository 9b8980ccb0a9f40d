package io.watchsim.sources.mounts;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a reader of mount notifications does when its queue lost records, as the ver #5 design meant
 * it (the counters, read through fsinfo(), "so that a watcher can find out what changed after an
 * overrun without a full rescan"): it keeps, for every mount of the tree it follows, the counters it
 * last saw, and on a loss record walks the tree again with the fsinfo-style query
 * ({@link Mounts#info(Credentials, int)}), asking only about mounts below which something moved. It
 * reports exactly the mounts whose topology or attribute counter changed, those that appeared and
 * those that went ({@link MountChanges}).
 *
 * <p>The walk. The query of a mount gives its counters and, for each child, the child's mount id,
 * unique id and counters. The tracker asks about the tree's root, then about a child only when the
 * child is new, or its topology counter moved (mounts were attached to it, detached from it or moved
 * to or from it, or it was moved itself: its list of children may differ), or its subtree counter moved
 * (an event was triggered somewhere below it). A child whose counters all stand still is not asked
 * about: nothing below it changed, since every event below a mount steps into it on its rootward walk.
 * A mount that moved is found under its new parent (whose topology counter moved); one that went is
 * missing from its old parent's answer (whose topology counter moved too), and so are the mounts below
 * it, unless they turn up elsewhere. Changed = same unique id, topology or attribute counter different.
 *
 * <p>Reused mount ids: mount ids are reused lowest first, so a mount that went and a new one may share
 * an id between two walks. The tracker knows mounts by their unique id, which is never reused, so it
 * reports the old one as gone and the new one as appeared. Counter wrap: the counters are u32 and wrap;
 * the tracker only ever compares them for equality, so a counter that passed 0xffffffff reads as moved
 * like any other. What no reader can see: a counter that moved by exactly a multiple of 2^32 between
 * two walks.
 *
 * <p>Limits. The walk is not atomic: queries made while the tree keeps changing see different moments,
 * and a mount named by its parent that has gone (or been replaced) by the time it is asked about is
 * reported as gone ({@link MountChanges#raced()}); the records of those changes follow in the queue,
 * and the next walk asks about that parent and the mounts above it whatever their counters say. Records read
 * normally are the reader's own business: a walk reports every change since the previous walk, those
 * whose records were read included, because a loss record says neither how many records were lost nor
 * which. The tracked root itself is found by its mount id; once it has gone the tracker reports it and
 * every mount below it as gone, and then nothing more.
 *
 * <p>Concurrency contract: single owner; one walk at a time (a second call while a walk runs is
 * refused with IllegalStateException). The stages complete on whatever thread the source answers on.
 */
public final class MountChangeTracker {
    /** Where the tracker asks: the fsinfo-style query of the mount with a given id. */
    @FunctionalInterface
    public interface InfoSource {
        /** The mount's info, or empty when no mount has that id (ENOENT). */
        CompletionStage<Optional<MountInfo>> info(int mntId);
    }

    /** A mount as the last walk saw it: its ids, counters, and its children's unique ids. */
    private record Seen(int mntId, long uniqueId, int topology, int attr, int subtree, List<Long> children) {
        MountChanges.Counters counters() {
            return new MountChanges.Counters(topology, attr);
        }
    }

    /** A query to make: the mount id, the unique id its parent's answer gave it (0: any), whether it is the root. */
    private record Ask(int mntId, long uniqueId, boolean root) {
    }

    private final InfoSource source;
    private final int rootMntId;
    private long rootUniqueId;
    private boolean rootGone;
    private Map<Long, Seen> seen = Map.of();
    /**
     * Mounts whose list of children the last walk could not trust (a child it listed had gone when
     * asked about), and their ancestors: the next walk asks about them whatever their counters say.
     */
    private Set<Long> unsure = Set.of();
    private long infoCalls;
    private boolean walking;

    private MountChangeTracker(InfoSource source, int rootMntId) {
        this.source = source;
        this.rootMntId = rootMntId;
    }

    /** The source that asks {@code mounts} as a process with {@code creds}. */
    public static InfoSource source(Mounts mounts, Credentials creds) {
        return mntId -> mounts.info(creds, mntId)
                .thenApply(a -> a.result().isOk() ? Optional.of(a.info()) : Optional.<MountInfo>empty());
    }

    /**
     * A tracker of the tree below the mount {@code rootMntId}, which learns the tree with a full walk
     * (one query per mount). The stage fails with IllegalArgumentException when no mount has that id.
     */
    public static CompletionStage<MountChangeTracker> start(InfoSource source, int rootMntId) {
        MountChangeTracker t = new MountChangeTracker(source, rootMntId);
        return t.walk(true).thenApply(changes -> {
            if (t.rootGone) {
                throw new IllegalArgumentException("no mount has id " + Integer.toUnsignedString(rootMntId));
            }
            return t;
        });
    }

    /**
     * What the reader does with each record it reads: a loss record starts a walk ({@link #recover});
     * any other record asks nothing ({@link MountChanges#NONE}).
     */
    public CompletionStage<MountChanges> onRecord(Notification n) {
        if (MetaNotify.isMeta(n) && n.subtype() == WatchNotification.WATCH_META_LOSS_NOTIFICATION) {
            return recover();
        }
        return CompletableFuture.completedFuture(MountChanges.NONE);
    }

    /** The walk after a loss: asks only where a counter moved; reports what changed since the previous walk. */
    public CompletionStage<MountChanges> recover() {
        return walk(false);
    }

    /**
     * A full rescan: asks about every mount of the tree (one query each), and reports as
     * {@link #recover} does. What the counters spare a reader is the difference between the two.
     */
    public CompletionStage<MountChanges> rescan() {
        return walk(true);
    }

    /** The mount id of the tracked root. */
    public int rootMntId() {
        return rootMntId;
    }

    /** Whether the tracked root has gone (the tracker then reports nothing more). */
    public boolean rootGone() {
        return rootGone;
    }

    /** How many mounts the tracker knows: what a full rescan would ask about. */
    public int mountCount() {
        return seen.size();
    }

    /** Every query the tracker made, its first full walk included. */
    public long infoCalls() {
        return infoCalls;
    }

    /** The counters of every mount as the last walk saw them, by unique id. */
    public Map<Long, MountChanges.Counters> counters() {
        Map<Long, MountChanges.Counters> out = new LinkedHashMap<>();
        seen.forEach((id, s) -> out.put(id, s.counters()));
        return out;
    }

    // ------------------------------------------------------------------ the walk

    private CompletionStage<MountChanges> walk(boolean full) {
        if (walking) {
            throw new IllegalStateException("a walk of the mount tree below " + Integer.toUnsignedString(rootMntId)
                    + " is running; one walk at a time");
        }
        if (rootGone) {
            return CompletableFuture.completedFuture(MountChanges.NONE);
        }
        walking = true;
        Walk w = new Walk(full, seen, unsure);
        CompletionStage<Void> asked;
        try {
            asked = w.level(List.of(new Ask(rootMntId, rootUniqueId, true)));
        } catch (RuntimeException e) {
            walking = false;   // the source refused at once: no walk runs
            throw e;
        }
        return asked.handle((v, failure) -> {
            walking = false;
            if (failure != null) {
                throw failure instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(failure);
            }
            infoCalls += w.calls;
            return w.finish();
        });
    }

    /** One walk: the answers it got, level by level (each level's queries at once), then the diff. */
    private final class Walk {
        private final boolean full;
        private final Map<Long, Seen> before;
        private final Set<Long> unsureBefore;
        /** The parent (unique id) of each mount met in an answer. */
        private final Map<Long, Long> parentOf = new HashMap<>();
        /** The answers of the mounts asked about, by unique id. */
        private final Map<Long, MountInfo> answered = new HashMap<>();
        /** Every child entry met in an answer, by unique id: the freshest counters of a mount not asked about. */
        private final Map<Long, MountInfo.Child> listed = new HashMap<>();
        private final Set<Long> asked = new HashSet<>();
        /** Mounts listed by their parent that had gone, or been replaced, when asked about. */
        private final Set<Long> vanished = new HashSet<>();
        private int calls;
        private boolean raced;
        private long rootId;

        Walk(boolean full, Map<Long, Seen> before, Set<Long> unsureBefore) {
            this.full = full;
            this.before = before;
            this.unsureBefore = unsureBefore;
        }

        CompletionStage<Void> level(List<Ask> asks) {
            if (asks.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            List<CompletableFuture<Optional<MountInfo>>> answers = new ArrayList<>();
            for (Ask a : asks) {
                calls++;
                answers.add(source.info(a.mntId()).toCompletableFuture());
            }
            return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenCompose(v -> {
                List<Ask> next = new ArrayList<>();
                for (int i = 0; i < asks.size(); i++) {
                    absorb(asks.get(i), answers.get(i).join(), next);
                }
                return level(next);
            });
        }

        private void absorb(Ask ask, Optional<MountInfo> answer, List<Ask> next) {
            if (answer.isEmpty() || (ask.uniqueId() != 0 && answer.get().uniqueId() != ask.uniqueId())) {
                if (ask.root()) {
                    rootGone = true;
                } else {
                    raced = true;   // gone, or replaced, since its parent answered
                    vanished.add(ask.uniqueId());
                }
                return;
            }
            MountInfo info = answer.get();
            if (ask.root()) {
                rootId = info.uniqueId();
            }
            answered.put(info.uniqueId(), info);
            for (MountInfo.Child c : info.children()) {
                listed.put(c.uniqueId(), c);
                parentOf.put(c.uniqueId(), info.uniqueId());
                Seen was = before.get(c.uniqueId());
                boolean descend = full || was == null || was.topology() != c.topologyChanges()
                        || was.subtree() != c.subtreeNotifications() || unsureBefore.contains(c.uniqueId());
                if (descend && asked.add(c.uniqueId())) {
                    next.add(new Ask(c.mntId(), c.uniqueId(), false));
                }
            }
        }

        /** The tree now (answers where asked, the previous walk's knowledge elsewhere), and how it differs. */
        MountChanges finish() {
            Map<Long, Seen> now = new LinkedHashMap<>();
            if (!rootGone) {
                rootUniqueId = rootId;
                Deque<Long> todo = new ArrayDeque<>(List.of(rootId));
                while (!todo.isEmpty()) {
                    long id = todo.poll();
                    if (now.containsKey(id) || vanished.contains(id)) {
                        continue;
                    }
                    MountInfo a = answered.get(id);
                    Seen was = before.get(id);
                    MountInfo.Child c = listed.get(id);
                    Seen s;
                    if (a != null) {
                        s = new Seen(a.mntId(), id, a.topologyChanges(), a.attrChanges(), a.subtreeNotifications(),
                                a.children().stream().map(MountInfo.Child::uniqueId).toList());
                    } else if (was != null) {
                        // Not asked about: nothing below it moved, so its children are the ones it had.
                        s = c == null ? was : new Seen(c.mntId(), id, c.topologyChanges(), c.attrChanges(),
                                c.subtreeNotifications(), was.children());
                    } else {
                        continue;
                    }
                    now.put(id, s);
                    todo.addAll(s.children());
                }
            }
            List<MountChanges.Change> changes = new ArrayList<>();
            now.forEach((id, s) -> {
                Seen was = before.get(id);
                if (was == null) {
                    changes.add(new MountChanges.Change(MountChanges.Kind.APPEARED, s.mntId(), id, null, s.counters()));
                } else if (was.topology() != s.topology() || was.attr() != s.attr()) {
                    changes.add(new MountChanges.Change(MountChanges.Kind.CHANGED, s.mntId(), id, was.counters(),
                            s.counters()));
                }
            });
            before.forEach((id, was) -> {
                if (!now.containsKey(id)) {
                    changes.add(new MountChanges.Change(MountChanges.Kind.GONE, was.mntId(), id, was.counters(), null));
                }
            });
            seen = now;
            Set<Long> nextUnsure = new HashSet<>();
            for (long v : vanished) {
                for (Long p = parentOf.get(v); p != null && nextUnsure.add(p); p = parentOf.get(p)) {
                    // the parent that listed it, and every mount above, up to the root
                }
            }
            unsure = nextUnsure;
            return new MountChanges(changes, calls, raced);
        }
    }
}
