package io.watchsim.sources.mounts;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelAction;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.service.SourceService;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The mount and superblock sources of one kernel: it owns the {@link MountTable} and carries out
 * what each call does outside it, in order: makes new superblocks' and mounts' actors (watched
 * objects under the kernel's hosts), posts the call's records (the walk's steps), destroys freed
 * mounts and deactivated superblocks (their watches send removal records), and sets or removes
 * watch_mount and watch_sb watches through the object's actor once the table's own checks passed.
 *
 * <pre>
 *  Mounts --Call(op)--&gt; PolicyEngine --Call(op, snapshot)--&gt; MountService (MountTable) --perform--&gt; Kernel
 *                                                                 --&gt; mount / superblock actors --&gt; Watch --&gt; queue
 * </pre>
 *
 * A call is answered once its records are in their queues' mailboxes, so a read right after sees them.
 */
public final class MountService extends SourceService<MountService.Command> {

    public interface Command {
    }

    /** A message that takes the policy actor's lane without needing its snapshot. */
    public interface InOrder extends Command, SourceService.InOrder<Command> {
    }

    /** Stops the mount sources (the table goes with them; the objects' actors stay with their kernel). */
    public enum Stop implements Command {
        INSTANCE
    }

    /** One call by a process with {@code creds}. */
    public record Call(Credentials creds, MountOp op, ActorRef<StatusReply<SysResult>> replyTo, PolicySnapshot snapshot)
            implements Command, PolicyRoutable<Command> {
        public Call {
            Objects.requireNonNull(creds);
            Objects.requireNonNull(op);
            Objects.requireNonNull(replyTo);
        }

        @Override
        public Command stamp(PolicySnapshot s) {
            return new Call(creds, op, replyTo, s);
        }
    }

    /**
     * One call (not a watch call) with a rename racing its first walk ({@link RacingRename}), both by a
     * process with {@code creds}; answered with both results once the call's records are queued.
     */
    public record CallRacingRename(Credentials creds, MountOp op, RacingRename rename,
                                   ActorRef<StatusReply<RacingRename.Outcome>> replyTo, PolicySnapshot snapshot)
            implements Command, PolicyRoutable<Command> {
        public CallRacingRename {
            Objects.requireNonNull(creds);
            Objects.requireNonNull(op);
            Objects.requireNonNull(rename);
            Objects.requireNonNull(replyTo);
            if (op instanceof MountOp.WatchMount || op instanceof MountOp.WatchSb) {
                throw new IllegalArgumentException("a rename races with the mount table's calls, not with " + op);
            }
        }

        @Override
        public Command stamp(PolicySnapshot s) {
            return new CallRacingRename(creds, op, rename, replyTo, s);
        }
    }

    /** Makes the actors of the root mount and its superblock; answered once they exist. */
    public record Boot(ActorRef<StatusReply<SysResult>> replyTo) implements InOrder {
    }

    /** The fsinfo-style query of the mount {@code path} resolves in. */
    public record GetInfo(Credentials creds, String path, ActorRef<InfoAnswer> replyTo) implements InOrder {
    }

    /** The fsinfo-style query of the mount whose id is {@code mntId} (ENOENT when there is none). */
    public record GetInfoById(Credentials creds, int mntId, ActorRef<InfoAnswer> replyTo) implements InOrder {
    }

    /** A mount's counters and children, or the errno of the path's lookup. */
    public record InfoAnswer(MountInfo info, SysResult result) {
    }

    /** The mount {@code path} resolves in and the watch id of the entry it names. */
    public record GetPlace(Credentials creds, String path, ActorRef<PlaceAnswer> replyTo) implements InOrder {
    }

    public record PlaceAnswer(MountView mount, long directoryWatchId, SysResult result) {
    }

    /** Every mount, by id. */
    public record GetMounts(ActorRef<List<MountView>> replyTo) implements InOrder {
    }

    private record Done(Answer answer) implements Command {
    }

    /** A call with a racing rename whose kernel work completed (or failed: {@code failure}). */
    private record RaceDone(RacingRename.Outcome outcome, Throwable failure,
                            ActorRef<StatusReply<RacingRename.Outcome>> replyTo) implements Command {
    }

    /** A watch call's answer from the object: the table learns of the watch before the caller does. */
    private record WatchDone(WatchTarget target, boolean adding, long watchId, int tag, Watched watched,
                             Throwable failure, ActorRef<StatusReply<SysResult>> replyTo) implements Command {
    }

    /** The object's answer, or none when the call never reached it (ver #5's bad queue). */
    private record Watched(SysResult result, boolean reached) {
    }

    private final MountTable table;
    /**
     * Reproducing ver #5's superblock tags ({@link V5Bug#SB_TAG_IN_TOP_BYTE}): each superblock watch has
     * its own watch id (the superblock's and its queue's), writes 0 into bits 8..15 and its tag into its
     * removal record's top byte ({@link SuperblockObject}), and its tag is kept here, by watch id, to be ORed into the top byte of the records it and the
     * watches after it receive. The actor's own state: posts read a copy taken when the call runs.
     */
    private final Map<Long, Integer> superblockTags = new HashMap<>();

    public static Behavior<Command> create(Kernel kernel, V5Bugs bugs) {
        return Behaviors.setup(ctx -> new MountService(ctx, kernel, new MountTable(bugs)));
    }

    private MountService(ActorContext<Command> context, Kernel kernel, MountTable table) {
        super(context, kernel, Done::new, "a mount call");
        this.table = table;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Call.class, this::onCall)
                .onMessage(CallRacingRename.class, this::onCallRacingRename)
                .onMessage(Boot.class, b -> {
                    reply(perform(table.bootSteps(), null).thenApply(v -> SysResult.ok()), b.replyTo());
                    return this;
                })
                .onMessage(Done.class, d -> answered(d.answer()))
                .onMessage(RaceDone.class, d -> {
                    d.replyTo().tell(d.failure() == null ? StatusReply.success(d.outcome())
                            : StatusReply.error(asFault(d.failure())));
                    return this;
                })
                .onMessage(WatchDone.class, this::onWatchDone)
                .onMessage(GetInfo.class, this::onGetInfo)
                .onMessage(GetInfoById.class, g -> {
                    g.replyTo().tell(answer(() -> table.mountInfo(g.creds(), g.mntId())));
                    return this;
                })
                .onMessage(GetPlace.class, this::onGetPlace)
                .onMessage(GetMounts.class, g -> {
                    g.replyTo().tell(table.mounts());
                    return this;
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<Command> onCall(Call call) {
        if (call.op() instanceof MountOp.WatchMount w) {
            return onWatch(call, w.path(), w.atFlags(), w.queueId(), w.tag(), false);
        } else if (call.op() instanceof MountOp.WatchSb w) {
            return onWatch(call, w.path(), w.atFlags(), w.queueId(), w.tag(), true);
        }
        MountTable.Outcome outcome = dispatch(call.creds(), call.op(), call.snapshot() == null ? java.util.Set.of()
                : call.snapshot().module().mountLabelOptions());
        reply(perform(outcome.steps(), call.creds()).thenApply(v -> outcome.result()), call.replyTo());
        return this;
    }

    private Behavior<Command> onCallRacingRename(CallRacingRename call) {
        java.util.Set<String> labelOptions = call.snapshot() == null ? java.util.Set.of()
                : call.snapshot().module().mountLabelOptions();
        MountTable.Raced raced = table.racing(call.creds(), call.rename(),
                () -> dispatch(call.creds(), call.op(), labelOptions));
        getContext().pipeToSelf(perform(raced.call().steps(), call.creds()), (v, failure) -> new RaceDone(raced.race(),
                failure, call.replyTo()));
        return this;
    }

    /** One call, in a kernel whose LSMs take the mount label options {@code labelOptions}. */
    private MountTable.Outcome dispatch(Credentials c, MountOp op, java.util.Set<String> labelOptions) {
        if (op instanceof MountOp.Mkdir m) {
            return table.mkdir(c, m.path());
        } else if (op instanceof MountOp.Touch t) {
            return table.touch(c, t.path());
        } else if (op instanceof MountOp.Rename r) {
            return table.rename(c, r.from(), r.to());
        } else if (op instanceof MountOp.Mount m) {
            return table.mount(c, m.fsType(), m.path(), m.options(), m.label(), labelOptions);
        } else if (op instanceof MountOp.BindMount b) {
            return table.bindMount(c, b.from(), b.to());
        } else if (op instanceof MountOp.Automount a) {
            return table.automount(c, a.fsType(), a.path());
        } else if (op instanceof MountOp.Umount u) {
            return table.umount(c, u.path(), u.detach());
        } else if (op instanceof MountOp.MoveMount m) {
            return table.moveMount(c, m.from(), m.to());
        } else if (op instanceof MountOp.Remount r) {
            return table.remount(c, r.path(), r.options());
        } else if (op instanceof MountOp.SbRemount r) {
            return table.sbRemount(c, r.path(), r.readOnly());
        } else if (op instanceof MountOp.Expire e) {
            return table.expire(c, e.path());
        } else if (op instanceof MountOp.SbError e) {
            return table.sbError(c, e.path(), e.errorNumber());
        } else if (op instanceof MountOp.SbEdquot e) {
            return table.sbEdquot(c, e.path());
        } else if (op instanceof MountOp.SbNetwork n) {
            return table.sbNetwork(c, n.path());
        }
        throw new IllegalArgumentException("unknown mount operation " + op);
    }

    /**
     * watch_mount / watch_sb: the table's checks (tag, flags, lookup, search permission), then the
     * queue and the rest on the object's actor (tag, queue, LSM hook, EBUSY; or EBADSLT on removal).
     * Reproducing ver #5, a descriptor that is no notification pipe makes the call return 0.
     */
    private Behavior<Command> onWatch(Call call, String path, int atFlags, long queueId, long tag, boolean superblock) {
        WatchTarget target;
        try {
            target = superblock ? table.watchSbTarget(call.creds(), path, atFlags, tag)
                    : table.watchMountTarget(call.creds(), path, atFlags, tag);
        } catch (ErrnoException e) {
            call.replyTo().tell(StatusReply.success(SysResult.of(e)));
            return this;
        }
        boolean adding = tag != -1;
        boolean topByte = superblock && table.bugs().has(V5Bug.SB_TAG_IN_TOP_BYTE) && queueId >= 0;
        long watchId = topByte ? target.watchId() | queueId << 40 : target.watchId();
        CompletionStage<Watched> watched;
        if (table.bugs().has(V5Bug.BAD_QUEUE_RETURNS_ZERO)) {
            watched = kernel.queueStatus(queueId).thenCompose(q -> q.isEmpty()
                    ? CompletableFuture.completedFuture(new Watched(SysResult.ok(), false))   // ver #5: ret is still 0
                    : kernel.watch(target.objectId(), watchId, queueId, tag, call.creds())
                            .thenApply(r -> new Watched(r, true)));
        } else {
            watched = kernel.watch(target.objectId(), watchId, queueId, tag, call.creds())
                    .thenApply(r -> new Watched(r, true));
        }
        WatchTarget t = target;
        getContext().pipeToSelf(watched, (r, failure) -> new WatchDone(t, adding, watchId, (int) tag, r, failure,
                call.replyTo()));
        return this;
    }

    private Behavior<Command> onWatchDone(WatchDone d) {
        if (d.failure() != null) {
            d.replyTo().tell(StatusReply.error(asFault(d.failure())));
            return this;
        }
        SysResult r = d.watched().result();
        if (r.isOk() && d.watched().reached()) {
            if (d.adding()) {
                table.watchAdded(d.target());
                if (d.watchId() != d.target().watchId()) {
                    superblockTags.put(d.watchId(), d.tag());
                }
            } else {
                table.watchRemoved(d.target());
                superblockTags.remove(d.watchId());
            }
        }
        d.replyTo().tell(StatusReply.success(asCallResult(r)));
        return this;
    }

    private Behavior<Command> onGetInfo(GetInfo g) {
        g.replyTo().tell(answer(() -> table.mountInfo(g.creds(), g.path())));
        return this;
    }

    private static InfoAnswer answer(java.util.function.Supplier<MountInfo> query) {
        try {
            return new InfoAnswer(query.get(), SysResult.ok());
        } catch (ErrnoException e) {
            return new InfoAnswer(null, SysResult.of(e));
        }
    }

    private Behavior<Command> onGetPlace(GetPlace g) {
        try {
            g.replyTo().tell(new PlaceAnswer(table.mountAt(g.creds(), g.path()), table.directoryWatchId(g.creds(), g.path()),
                    SysResult.ok()));
        } catch (ErrnoException e) {
            g.replyTo().tell(new PlaceAnswer(null, 0, SysResult.of(e)));
        }
        return this;
    }

    /** Makes the new objects' actors, then posts and destroys in order; completes once every record is queued. */
    private CompletionStage<Void> perform(List<MountStep> steps, Credentials generator) {
        if (steps.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> creations = new ArrayList<>();
        List<CompletableFuture<List<KernelAction>>> actions = new ArrayList<>();
        for (MountStep s : steps) {
            if (s instanceof MountStep.CreateSuperblock c) {
                boolean tagInTopByte = table.bugs().has(V5Bug.SB_TAG_IN_TOP_BYTE);
                creations.add(spawned("superblock", c.objectId(), kernel.spawnObject(c.objectId(),
                        ctx -> SuperblockObject.create(c.identity(), tagInTopByte, ctx))));
            } else if (s instanceof MountStep.CreateMount c) {
                creations.add(spawned("mount", c.objectId(), kernel.spawnObject(c.objectId(),
                        ctx -> MountObject.create(c.objectId(), c.identity(), ctx))));
            } else if (s instanceof MountStep.Post p) {
                actions.add(isSuperblock(p.event().objectId()) && table.bugs().has(V5Bug.SB_TAG_IN_TOP_BYTE)
                        ? tagsInTopByte(p.event(), Map.copyOf(superblockTags))
                        : CompletableFuture.completedFuture(List.of(new KernelAction.PostEvent(p.event()))));
            } else if (s instanceof MountStep.Destroy d) {
                actions.add(CompletableFuture.completedFuture(List.of(new KernelAction.DestroyObject(d.objectId()))));
            }
        }
        CompletableFuture<Void> created = CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new));
        if (actions.isEmpty()) {
            return created;
        }
        CompletableFuture<Void> ready = CompletableFuture.allOf(actions.toArray(CompletableFuture[]::new));
        return created.thenCombine(ready, (a, b) -> actions.stream().flatMap(f -> f.join().stream()).toList())
                .thenCompose(all -> kernel.perform(all, generator)).thenApply(n -> null);
    }

    private static boolean isSuperblock(long objectId) {
        return objectId >= MountIds.FIRST_SUPERBLOCK_ID && objectId < MountIds.FIRST_MOUNT_OBJECT_ID;
    }

    /**
     * Ver #5's superblock post, as post_watch_notification() rewrites the one record it walks with: for
     * each watch, newest first, bits 8..15 are cleared and the watch's tag, shifted by 24, ORed in, so
     * the top byte holds the tags of every watch visited so far. One post per watch, each to its own
     * watch id. The watches are asked for in the policy lane, so the list is the one the post would meet.
     */
    private CompletableFuture<List<KernelAction>> tagsInTopByte(io.watchsim.actors.ObjectEvent event,
                                                                Map<Long, Integer> tagsByWatch) {
        return kernel.watches(event.objectId()).thenApply(watches -> {
            List<KernelAction> out = new ArrayList<>();
            int tags = 0;
            for (io.watchsim.actors.WatchedObject.WatchInfo w : watches) {
                tags |= tagsByWatch.getOrDefault(w.watchId(), 0);
                List<io.watchsim.queues.record.Notification> records = new ArrayList<>();
                for (io.watchsim.queues.record.Notification n : event.records()) {
                    byte[] bytes = n.toBytes(n.info() | tags << 24);
                    records.add(io.watchsim.queues.record.Notification.decode(bytes, 0, bytes.length));
                }
                out.add(new KernelAction.PostEvent(new io.watchsim.actors.ObjectEvent(event.objectId(), w.watchId(),
                        records)));
            }
            return out;
        }).toCompletableFuture();
    }
}
