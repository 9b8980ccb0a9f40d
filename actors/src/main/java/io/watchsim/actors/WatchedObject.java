package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.InjectedCrash;
import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every watched object does, whatever its kind (key, keyring, mount, superblock): it owns
 * its {@link WatchList}, sets and removes watches with the kernel's checks and errnos, and posts
 * each record to the queue of each of its watches, newest first. Object kinds extend it with their
 * own state and messages; all share the one {@link Command} protocol.
 *
 * <p>Its protocol is the kernel's own: every message type but {@link Command}, {@link InOrder}
 * and {@link WatchInfo} is package-private, so nothing outside the kernel can hand an object a
 * record or a watch that the policy actor has not stamped. Requests ({@code Notify},
 * {@code AddWatch}) are not even {@link Command}s: only the policy actor turns them into one,
 * with the snapshot whose hooks judge them.
 *
 * <pre>
 *  Kernel --AddWatch--&gt; PolicyEngine --StampedAdd(snapshot)--&gt; object --AttachWatch(binding)--&gt; queue
 *                                                              &lt;--WatchStarted------ Watch (queue's child)
 *  source --Notify----&gt; PolicyEngine --Deliver(snapshot)-----&gt; object --pipe.post(tag, check)--&gt; queue × N
 *  Kernel --RemoveWatch, GetWatches, Destroy, Crash (InOrder, same lane)--&gt; object
 * </pre>
 *
 * <p>One hop per delivery (issue 15): each watch is still an actor, which owns its setting, its
 * removal and its failure, but records do not pass through it. The object posts into each watching
 * queue's {@link io.watchsim.queues.NotificationPipe} in place, on its own thread (a message,
 * {@code Post} or {@code PostBatch}, only to a queue known by its actor alone), with the watch's tag
 * and a {@link PostAuthorization} built from the setter's credentials on its list entry and the
 * snapshot the policy actor stamped. Removal records take the same lane, so they cannot overtake a record:
 * the object posts each watch's removal record on its behalf, after every record it posted to
 * that queue, when it is destroyed, when it stops any other way (its PostStop) and when a watch is
 * removed explicitly; then it tells the watch actor, which stops. A watch actor that stops on its
 * own (its queue crashed, it crashed) tells the object from its PostStop, and the object stops
 * posting for it when that arrives. A queue that ends asks its watches to leave, as before.
 * {@link DeliveryPath#VIA_WATCH} keeps the earlier path (object to watch to queue) only so that a
 * test can compare the two.
 *
 * <p>While watches are being started ({@link Adding}) the object pipelines further adds and
 * stashes everything else, so no message is handled out of order and no second add for the same
 * queue slips in; it watches the queue of a pending add until the watch reports, so that an add to
 * a queue that ends meanwhile is still answered (ENOENT, as Linux answers an add to a defunct queue).
 */
public abstract class WatchedObject extends AbstractMatchingBehavior<WatchedObject.Command> {
    /** Messages waiting while a watch is spawned; beyond this the object fails. */
    public static final int STASH_CAPACITY = 1 << 20;

    /** The protocol every object kind understands (kinds add their own messages). */
    public interface Command {
    }

    /**
     * A message that takes the same lane as events (through the policy actor), so that a caller's
     * operations on an object keep the caller's order; the snapshot is not needed. Object kinds
     * give their own ordered requests this type.
     */
    public interface InOrder extends Command, PolicyRoutable<Command> {
        @Override
        default Command stamp(PolicySnapshot snapshot) {
            return this;
        }
    }

    /** What one watch looks like from outside. */
    public record WatchInfo(long watchId, long queueId, int tag, Credentials setter) {
    }

    // ------------------------------------------------------------------ requests (through the policy actor)

    /**
     * An event on its way through the policy actor: the record to post to the watches whose id
     * is {@code watchId}, from {@code generator} (null for a system source). {@code inBacklog}: a
     * fire-and-forget post ({@link Kernel#post}, {@link EventSource}) that the kernel's backlog
     * counts until the object has posted it (or it is lost on the way).
     */
    record Notify(long watchId, Notification record, Credentials generator, ActorRef<DeliveryReceipt> receipt,
                  boolean inBacklog) implements PolicyRoutable<Command> {
        Notify {
            Objects.requireNonNull(record);
        }

        Notify(long watchId, Notification record, Credentials generator, ActorRef<DeliveryReceipt> receipt) {
            this(watchId, record, generator, receipt, false);
        }

        @Override
        public Command stamp(PolicySnapshot snapshot) {
            return new Deliver(watchId, record, generator, snapshot, receipt, inBacklog);
        }
    }

    /** Several records to the same watches in one message (a burst). */
    record NotifyBatch(long watchId, List<Notification> records, Credentials generator,
                       ActorRef<DeliveryReceipt> receipt, boolean inBacklog) implements PolicyRoutable<Command> {
        NotifyBatch {
            records = List.copyOf(records);
        }

        NotifyBatch(long watchId, List<Notification> records, Credentials generator,
                    ActorRef<DeliveryReceipt> receipt) {
            this(watchId, records, generator, receipt, false);
        }

        @Override
        public Command stamp(PolicySnapshot snapshot) {
            return new DeliverBatch(watchId, records, generator, snapshot, receipt, inBacklog);
        }
    }

    /**
     * Several events of one operation on this object, in order, each to the watches on its own id
     * (a mount walk passing several watched directories of one mount). Sent only on the direct path:
     * a queue that several of them reach gets all their records in one message.
     */
    record NotifyEvents(List<ObjectEvent> events, Credentials generator, ActorRef<DeliveryReceipt> receipt)
            implements PolicyRoutable<Command> {
        NotifyEvents {
            events = List.copyOf(events);
        }

        @Override
        public Command stamp(PolicySnapshot snapshot) {
            return new DeliverEvents(events, generator, snapshot, receipt);
        }
    }

    /**
     * Sets a watch (KEYCTL_WATCH_KEY with a tag of 0..255, watch_mount, watch_sb). Travels
     * through the policy actor, which stamps it with the snapshot whose watch hook applies.
     * {@code queue} is null when the descriptor is not a notification pipe (EINVAL). {@code pipe}
     * is the queue's ring, which the object then posts into on its own thread; null: the object posts
     * to the queue's actor by message (a stand-in queue in a test).
     */
    record AddWatch(long watchId, long queueId, ActorRef<NotificationQueue.Command> queue, NotificationPipe pipe,
                    long tag, Credentials setter, ActorRef<SysResult> replyTo) implements PolicyRoutable<Command> {
        AddWatch {
            Objects.requireNonNull(setter);
            Objects.requireNonNull(replyTo);
        }

        /** An add whose queue takes posts by message only. */
        AddWatch(long watchId, long queueId, ActorRef<NotificationQueue.Command> queue, long tag, Credentials setter,
                 ActorRef<SysResult> replyTo) {
            this(watchId, queueId, queue, null, tag, setter, replyTo);
        }

        @Override
        public Command stamp(PolicySnapshot snapshot) {
            return new StampedAdd(this, snapshot);
        }
    }

    // ------------------------------------------------------------------ stamped and internal messages

    /** An event stamped with the policy it is judged by. */
    record Deliver(long watchId, Notification record, Credentials generator, PolicySnapshot snapshot,
                   ActorRef<DeliveryReceipt> receipt, boolean inBacklog) implements Command {
        Deliver {
            Objects.requireNonNull(snapshot);
        }

        /** The records of the kernel's backlog this message carries (0 unless a fire-and-forget post). */
        long backlog() {
            return inBacklog ? 1 : 0;
        }
    }

    record DeliverBatch(long watchId, List<Notification> records, Credentials generator,
                        PolicySnapshot snapshot, ActorRef<DeliveryReceipt> receipt, boolean inBacklog)
            implements Command {
        DeliverBatch {
            Objects.requireNonNull(snapshot);
        }

        /** The records of the kernel's backlog this message carries (0 unless a fire-and-forget post). */
        long backlog() {
            return inBacklog ? records.size() : 0;
        }
    }

    /** The records of the kernel's backlog {@code message} carries, when it is a stamped fire-and-forget post. */
    static long backlogOf(Object message) {
        if (message instanceof Deliver d) {
            return d.backlog();
        } else if (message instanceof DeliverBatch d) {
            return d.backlog();
        }
        return 0;
    }

    record DeliverEvents(List<ObjectEvent> events, Credentials generator, PolicySnapshot snapshot,
                         ActorRef<DeliveryReceipt> receipt) implements Command {
        DeliverEvents {
            Objects.requireNonNull(snapshot);
        }
    }

    /** A watch add stamped with the policy whose watch hook judges it. */
    record StampedAdd(AddWatch add, PolicySnapshot snapshot) implements Command {
        StampedAdd {
            Objects.requireNonNull(add);
            Objects.requireNonNull(snapshot);
        }
    }

    /** Removes the watch of (queue, watch id) (tag -1): one removal record, or EBADSLT. */
    record RemoveWatch(long watchId, long queueId, boolean queueValid, Credentials setter,
                       ActorRef<SysResult> replyTo) implements InOrder {
    }

    /** The watches on this object, newest first. */
    record GetWatches(ActorRef<List<WatchInfo>> replyTo) implements InOrder {
    }

    /**
     * Destroys the object: each watch sends its removal record, then the object stops. With a
     * receipt, the object reports its fan-out and each watch reports once its removal record is
     * in its queue's mailbox.
     */
    record Destroy(ActorRef<SysResult> replyTo, ActorRef<DeliveryReceipt> receipt) implements InOrder {
        Destroy(ActorRef<SysResult> replyTo) {
            this(replyTo, null);
        }
    }

    /** Fault injection: the object fails with an exception, as a bug would make it. */
    enum Crash implements InOrder {
        INSTANCE
    }

    /** Fault injection: the watch of (queue, watch id) fails with an exception; answered 0 or EBADSLT. */
    record CrashWatch(long queueId, long watchId, ActorRef<SysResult> replyTo) implements InOrder {
    }

    /** From a new Watch: it is up and watching this object and its queue. */
    record WatchStarted(long queueId, long watchId, ActorRef<Watch.Command> watch) implements Command {
    }

    /** The queue of a pending add ended before its watch reported (death watch). */
    private record QueueLost(long queueId) implements Command {
    }

    /**
     * From a Watch whose queue ended: drop it from the list, silently (no record). With
     * {@code acknowledge} the watch waits for {@link Watch.DetachAck} before it stops, so that its
     * queue's close returns only once no object lists the watch; without, the watch has already
     * stopped (its queue crashed, its kernel stops).
     */
    record WatchDetached(long queueId, long watchId, ActorRef<Watch.Command> watch, boolean acknowledge)
            implements Command {
    }

    /** From a Watch told to {@link Watch.Remove}: its removal record is in its queue's mailbox. */
    record WatchRemoved(ActorRef<Watch.Command> watch, ActorRef<SysResult> replyTo) implements Command {
    }

    /** A watch being removed stopped before it reported (death watch): the removal is answered all the same. */
    private record RemovalLost(ActorRef<SysResult> replyTo) implements Command {
    }

    // ------------------------------------------------------------------ phases

    /**
     * What the object is doing besides serving: {@link Serving} (the usual phase, shared by every
     * object), {@link Adding} while watches are being started, {@link Destroyed} once its watches
     * have been told of its end.
     */
    private sealed interface Phase permits Serving, Adding, Destroyed {
    }

    private enum Serving implements Phase {
        INSTANCE
    }

    private enum Destroyed implements Phase {
        INSTANCE
    }

    /**
     * Adds whose watch is being started, by (queue, watch id), in the order they came; never empty
     * while the phase lasts.
     */
    private record Adding(Map<PendingKey, PendingAdd> adds) implements Phase {
        boolean isPendingOn(long queueId) {
            for (PendingKey k : adds.keySet()) {
                if (k.queueId() == queueId) {
                    return true;
                }
            }
            return false;
        }
    }

    private record PendingKey(long queueId, long watchId) {
    }

    /** An add whose watch is being started, with the binding its queue was asked to start it with. */
    private record PendingAdd(AddWatch add, Watch.Binding binding) {
    }

    /**
     * What the object keeps of one watch besides its list entry: the watch's actor (which owns the
     * watch's end and failure) and its binding (the queue it feeds, the ids its removal record
     * carries), shared with that actor. The object posts records to the binding's queue itself.
     */
    record Watcher(ActorRef<Watch.Command> watch, Watch.Binding binding) {
    }

    // ------------------------------------------------------------------ state

    private final WatchList<Watcher> watches = new WatchList<>();
    private final StashBuffer<Command> stash;
    private final ObjectContext objectContext;
    private Phase phase = Serving.INSTANCE;
    /**
     * Removals this object started whose watches have not reported yet (null while none): answered
     * 0 when the object stops first, as the removal is done (the entry is gone and its record posted).
     */
    private List<ActorRef<SysResult>> removalsUnderway;
    /** Records posted so far: each post's sequence number in its {@link Provenance}. */
    private long posts;
    /** Under a planted bug (tests only): what it keeps per watch. Null otherwise. */
    private Map<Watcher, PlantedDelivery> plantedStates;

    protected WatchedObject(ActorContext<Command> context, StashBuffer<Command> stash, ObjectContext objectContext) {
        super(context);
        this.stash = stash;
        this.objectContext = objectContext;
    }

    /** The object's id: key serial, mount id, superblock id. Removal records carry it. */
    protected abstract long objectId();

    /** What the LSM watch hook sees of this object. */
    protected abstract SecuredObject securedObject();

    /**
     * The id the removal records of this object's watches carry when the object goes: its object id,
     * unless the kind's records name it otherwise (a mount's id, which is reused, is not its actor's).
     */
    protected long removalId() {
        return objectId();
    }

    /**
     * The id the removal record of a watch removed explicitly (tag -1) carries: the object's removal
     * id, unless the kind says otherwise (ver #5's mount watches send the watched directory's).
     */
    protected long explicitRemovalId(long watchId) {
        return removalId();
    }

    /**
     * The tag a watch set with {@code tag} (0..255) writes into bits 8..15 of the records it
     * delivers, its removal record's included: the tag itself, unless the kind places it otherwise
     * (ver #5's watch_sb shifts it into the top byte and leaves 0 here).
     */
    protected int watchTag(long tag) {
        return (int) tag;
    }

    /**
     * Type-info bits (16..31) the removal record of a watch set with {@code tag} carries besides
     * {@link #watchTag}: none, unless the kind places its tag there (ver #5's watch_sb: the tag
     * shifted by 24, which remove_watch_from_object() copies from the watch's {@code info_id}).
     */
    protected int removalInfoBits(long tag) {
        return 0;
    }

    /**
     * The object's own permission check for setting or removing a watch (key VIEW, directory
     * search), made first, before the queue is looked at. Null when allowed.
     */
    protected ErrnoException checkWatchPermission(Credentials setter) {
        return null;
    }

    /**
     * A kind's own messages: handle {@code message} and return the next behavior, or return null
     * when it is not one of the kind's. Called for messages the common protocol does not know.
     */
    protected Behavior<Command> onKindMessage(Command message) {
        return null;
    }

    /**
     * Dispatch by type, with no per-actor receive table (an idle object is mostly its actor cell;
     * a built receive would add 400 bytes to each of a million objects). While watches are being
     * started only adds, their starts and the answers of watches already listed are handled;
     * everything else waits in the stash.
     */
    @Override
    public final Behavior<Command> onMessage(Command message) {
        if (phase instanceof Adding adding) {
            return onMessageWhileAdding(adding, message);
        }
        if (objectContext.watchContext().planted().onRace()) {
            noteRace(message);
        }
        if (message instanceof DeliverBatch d) {
            return onDeliverBatch(d);
        } else if (message instanceof DeliverEvents d) {
            return onDeliverEvents(d);
        } else if (message instanceof Deliver d) {
            return onDeliver(d);
        } else if (message instanceof StampedAdd add) {
            return onAddWatch(add);
        } else if (message instanceof RemoveWatch rm) {
            return onRemoveWatch(rm);
        } else if (message instanceof WatchDetached || message instanceof WatchRemoved
                || message instanceof RemovalLost) {
            return onWatchEnded(message);
        } else if (message instanceof GetWatches g) {
            return onGetWatches(g);
        } else if (message instanceof Destroy d) {
            return onDestroy(d);
        } else if (message == Crash.INSTANCE) {
            return onCrash();
        } else if (message instanceof CrashWatch c) {
            return onCrashWatch(c);
        } else if (message instanceof WatchStarted || message instanceof QueueLost) {
            return this; // an add already answered because its queue ended
        }
        Behavior<Command> next = onKindMessage(message);
        return next != null ? next : Behaviors.unhandled();
    }

    private Behavior<Command> onMessageWhileAdding(Adding adding, Command message) {
        if (message instanceof StampedAdd add) {
            return onAddWhileAdding(add);
        } else if (message instanceof WatchStarted started) {
            return onWatchStarted(adding, started);
        } else if (message instanceof QueueLost lost) {
            return onQueueLost(adding, lost);
        } else if (message instanceof WatchDetached || message instanceof WatchRemoved
                || message instanceof RemovalLost) {
            // Answers to watches already listed: they change no pending add and must not wait
            // behind one (a defunct queue waits for its watches to be dropped).
            return onWatchEnded(message);
        }
        stash.stash(message);
        return this;
    }

    @Override
    public Behavior<Command> onSignal(Signal signal) {
        if (signal instanceof PostStop) {
            return onPostStop();
        }
        return Behaviors.unhandled();
    }

    /**
     * Leaves the directory and, unless a destroy already did, posts each watch's removal record on
     * its behalf (after every record the object posted to its queue) and tells the watch that the
     * object is gone (on the earlier path the watch posts the removal record itself). Adds still
     * pending are answered ENOENT; their watches, if they start, idle under their queues. Requests
     * held back behind a pending add (or behind a crash that fired while they were being replayed)
     * are answered as requests to an object that is gone: a stash is not sent to the dead letters.
     * Removals it started are answered 0 (they are done). Last, every kernel call still registered
     * for it learns that it is gone, and is answered as a call to a gone object ({@link PendingCalls}):
     * those still in its mailbox, and one lost on its way to the dead letters.
     */
    private Behavior<Command> onPostStop() {
        objectContext.directory().removeObject(objectId(), getContext().getSelf());
        if (phase != Destroyed.INSTANCE) {
            unwatchedAll(KernelHistory.Unwatch.OBJECT_GONE);
            boolean direct = !objectContext.watchContext().viaWatch();
            for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
                if (direct) {
                    Watch.postRemoval(e.handle().binding(), e.handle().binding().removalId());
                }
                e.handle().watch().tell(Watch.ObjectGone.INSTANCE);
            }
        }
        if (phase instanceof Adding adding) {
            adding.adds().values().forEach(pending -> pending.add().replyTo().tell(
                    SysResult.fail(Errno.ENOENT, "the object stopped while the watch was being set")));
        }
        stash.forEach(m -> {
            settleBacklog(backlogOf(m));   // a post that will never be made
            DeadLetterAnswers.answer(m);
        });
        if (removalsUnderway != null) {
            removalsUnderway.forEach(r -> r.tell(SysResult.ok()));   // the removal is done; its report comes too late
            removalsUnderway = null;
        }
        // Last: every call still registered for this object, which will now never reach it or be answered
        // by it (one lost on the way to the dead letters included), is told that it is gone.
        objectContext.directory().calls().stopped(getContext().getSelf());
        return this;
    }

    // ------------------------------------------------------------------ fan-out

    /**
     * Earlier path ({@link DeliveryPath#VIA_WATCH}) only: hands one message to every watch on
     * {@code watchId}, newest first. The same immutable message goes to every watch. With a receipt,
     * the object first reports which watches it is about to reach, so that the collector knows (and
     * watches) them before any of them can answer. The kernel's backlog grows by {@code records}
     * per watch reached.
     */
    private void fanOutViaWatches(long watchId, Watch.Command message, int records, ActorRef<DeliveryReceipt> receipt) {
        List<ActorRef<Watch.Command>> handles = new ArrayList<>();
        for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
            if (e.watchId() == watchId) {
                handles.add(e.handle().watch());
            }
        }
        if (handles.isEmpty()) {
            report(receipt, 0);
            return;
        }
        // Into the backlog before any is sent: a queue may settle a delivery before this thread runs on.
        objectContext.transit().handedOn((long) handles.size() * records);
        if (receipt != null) {
            receipt.tell(new DeliveryReceipt.Fanout(objectId(), 0, handles));
        }
        handles.forEach(w -> w.tell(message));
    }

    /**
     * The direct path: posts {@code records} to the queue of every watch on {@code watchId}, newest
     * first, each with the watch's tag and the post check of its setter under {@code snapshot} (one
     * check shared by watches set with the same credentials): into the queue's pipe on this thread,
     * as Linux posts, or, to a queue known only by its actor, one message per queue ({@code Post} for
     * one record, {@code PostBatch} for several). A queue is fed by one watch per (queue, watch id), so
     * one post reaches each queue at most once. Posts made in place share one check per run of
     * watches with the same setter in its burst form ({@link PostCheck#forBurst()}): the hook is
     * decided once per record type where the module allows it and counted once after the fan-out, so a
     * post reaching 1,000 queues asks the policy once, not 1,000 times (each record offered to each
     * queue is still counted, and each denial audited). The kernel's backlog grows by the records sent by
     * message; with a receipt the object then reports how many queues it reached: the records are in
     * their rings or their mailboxes, nothing more to wait for.
     */
    private void postToQueues(long watchId, List<Notification> records, List<Provenance> origins,
                              Credentials generator, PolicySnapshot snapshot, ActorRef<DeliveryReceipt> receipt) {
        int reached = 0;
        boolean single = records.size() == 1;
        PlantedFault fault = objectContext.watchContext().planted();
        PostAuthorization check = null;
        PostCheck.Burst inPlaceCheck = null;   // the check's fan-out form, for posts made in place
        for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
            if (e.watchId() != watchId) {
                continue;
            }
            if (check == null || check.watcher() != e.setter()) {
                if (inPlaceCheck != null) {
                    inPlaceCheck.finish();
                    inPlaceCheck = null;
                }
                check = new PostAuthorization(snapshot, e.setter(), generator);
            }
            Watch.Binding binding = e.handle().binding();
            NotificationPipe pipe = binding.inPlace();   // null under a planted fault too
            reached++;
            if (pipe == null) {
                // into the backlog before it is sent: its queue may settle it before this thread runs on
                objectContext.transit().handedOn(records.size());
            }
            if (fault != PlantedFault.NONE) {
                postPlanted(fault, e.handle(), records, origins, check);
            } else if (pipe != null) {
                if (inPlaceCheck == null) {
                    inPlaceCheck = check.forBurst();
                }
                if (single) {
                    pipe.post(records.get(0), e.tag(), inPlaceCheck, origins.get(0));
                } else {
                    pipe.postBatch(records, e.tag(), inPlaceCheck, origins);
                }
            } else {
                binding.queue().tell(single ? new NotificationQueue.Post(records.get(0), e.tag(), check, origins.get(0))
                        : new NotificationQueue.PostBatch(records, e.tag(), check, origins));
            }
        }
        if (inPlaceCheck != null) {
            inPlaceCheck.finish();
        }
        report(receipt, reached);
    }

    /** Posts one watch's records as a planted bug would (tests only), record by record. */
    private void postPlanted(PlantedFault fault, Watcher w, List<Notification> records, List<Provenance> origins,
                             PostAuthorization check) {
        if (plantedStates == null) {
            plantedStates = new IdentityHashMap<>();
        }
        PlantedDelivery state = plantedStates.computeIfAbsent(w, x -> new PlantedDelivery());
        PlantedFault acting = fault;
        if (fault == PlantedFault.REORDER_ON_RACE) {
            // swaps the records of the post that met the race and the next ones; else passes them
            acting = onRace || state.holding() ? PlantedFault.REORDER_RECORDS : PlantedFault.NONE;
        } else if (fault == PlantedFault.DROP_REPLY_ON_CLOSE_RACE) {
            acting = PlantedFault.NONE;
        }
        for (int i = 0; i < records.size(); i++) {
            state.post(acting, w.binding().queue(), new NotificationQueue.Post(records.get(i), w.binding().tag(),
                    PlantedDelivery.check(acting, check), origins.get(i)));
        }
    }

    /** Under a race bug (tests only): when the object last learned that a watch's queue ended; -1: never. */
    private long queueEndedAt = -1;
    /** Under a race bug: whether the message being handled is a post that met a queue's end. */
    private boolean onRace;

    /** Under a race bug (tests only): whether {@code message} is a post that meets a queue's end closely. */
    private void noteRace(Command message) {
        long now = objectContext.clock().nanoTime();
        boolean near = queueEndedAt >= 0 && now - queueEndedAt <= PlantedFault.RACE_NANOS;
        onRace = near && (objectContext.watchContext().planted() == PlantedFault.REORDER_ON_RACE
                ? message instanceof Deliver || message instanceof DeliverBatch || message instanceof DeliverEvents
                : message instanceof CrashWatch);
        if (message instanceof WatchDetached d && d.acknowledge()) {
            queueEndedAt = now;
        }
    }

    /** Reports a post's fan-out to its receipt. */
    private void report(ActorRef<DeliveryReceipt> receipt, int reached) {
        if (receipt == null) {
            return;
        }
        receipt.tell(new DeliveryReceipt.Fanout(objectId(), reached, List.of()));
    }

    /** The provenance of the object's next post on {@code watchId}, told to the history when one is kept. */
    private Provenance nextPost(long watchId, Notification record, Credentials generator, PolicySnapshot snapshot,
                                long now) {
        Provenance origin = new Provenance(objectId(), watchId, ++posts, now);
        KernelHistory history = objectContext.history();
        if (history.isOn()) {
            history.posted(origin, record, generator, snapshot);
        }
        return origin;
    }

    private Behavior<Command> onDeliver(Deliver d) {
        Provenance origin = nextPost(d.watchId(), d.record(), d.generator(), d.snapshot(), objectContext.clock().nanoTime());
        if (objectContext.watchContext().viaWatch()) {
            fanOutViaWatches(d.watchId(), new Watch.Forward(d.record(), origin, d.generator(), d.snapshot(),
                    d.receipt()), 1, d.receipt());
        } else {
            postToQueues(d.watchId(), List.of(d.record()), List.of(origin), d.generator(), d.snapshot(), d.receipt());
        }
        settleBacklog(d.backlog());
        return this;
    }

    private Behavior<Command> onDeliverBatch(DeliverBatch d) {
        Provenance[] origins = new Provenance[d.records().size()];
        long now = objectContext.clock().nanoTime();   // a burst is fanned out at one moment
        for (int i = 0; i < origins.length; i++) {
            origins[i] = nextPost(d.watchId(), d.records().get(i), d.generator(), d.snapshot(), now);
        }
        if (objectContext.watchContext().viaWatch()) {
            fanOutViaWatches(d.watchId(), new Watch.ForwardBatch(d.records(), Arrays.asList(origins), d.generator(),
                    d.snapshot(), d.receipt()), origins.length, d.receipt());
        } else {
            postToQueues(d.watchId(), d.records(), List.of(origins), d.generator(), d.snapshot(), d.receipt());
        }
        settleBacklog(d.backlog());
        return this;
    }

    /** A fire-and-forget post's records are in their queues (or handed on): they leave the kernel's backlog. */
    private void settleBacklog(long records) {
        if (records > 0) {
            objectContext.transit().settled(records);
        }
    }

    /**
     * Several events of one operation, in order, on the direct path: every record of every event
     * is numbered and checked as if each event came alone, but each queue gets what they bring it
     * at once (in the events' order and, within each, the records' order): into its pipe under one
     * lock, or in one message (a {@code Post} when it is one record, else a {@code PostEach}), so a
     * queue reached by several watches of this object takes one post for the whole operation. The
     * receipt counts each (event, watch) pair reached, as separate posts would.
     */
    private Behavior<Command> onDeliverEvents(DeliverEvents d) {
        if (objectContext.watchContext().viaWatch()) {
            throw new IllegalStateException("several events in one message are sent only on the direct path");
        }
        long now = objectContext.clock().nanoTime();   // one operation's posts at one moment
        PlantedFault fault = objectContext.watchContext().planted();
        LinkedHashMap<Long, List<NotificationQueue.Post>> byQueue = new LinkedHashMap<>();
        LinkedHashMap<Long, Watch.Binding> queues = new LinkedHashMap<>();
        int reached = 0;
        long handedOn = 0;
        for (ObjectEvent event : d.events()) {
            Provenance[] origins = new Provenance[event.records().size()];
            for (int i = 0; i < origins.length; i++) {
                origins[i] = nextPost(event.watchId(), event.records().get(i), d.generator(), d.snapshot(), now);
            }
            PostAuthorization check = null;
            for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
                if (e.watchId() != event.watchId()) {
                    continue;
                }
                if (check == null || check.watcher() != e.setter()) {
                    check = new PostAuthorization(d.snapshot(), e.setter(), d.generator());
                }
                reached++;
                if (e.handle().binding().inPlace() == null) {   // by message (a planted fault posts so too)
                    handedOn += origins.length;
                }
                if (fault != PlantedFault.NONE) {
                    postPlanted(fault, e.handle(), event.records(), List.of(origins), check);
                    continue;
                }
                List<NotificationQueue.Post> posts = byQueue.computeIfAbsent(e.queueId(), q -> new ArrayList<>(2));
                queues.putIfAbsent(e.queueId(), e.handle().binding());
                for (int i = 0; i < origins.length; i++) {
                    posts.add(new NotificationQueue.Post(event.records().get(i), e.tag(), check, origins[i]));
                }
            }
        }
        if (handedOn > 0) {
            objectContext.transit().handedOn(handedOn);
        }
        for (Map.Entry<Long, List<NotificationQueue.Post>> q : byQueue.entrySet()) {
            List<NotificationQueue.Post> posts = q.getValue();
            Watch.Binding binding = queues.get(q.getKey());
            NotificationPipe pipe = binding.inPlace();
            if (pipe != null) {
                pipe.postAll(posts);
            } else {
                binding.queue().tell(posts.size() == 1 ? posts.get(0) : new NotificationQueue.PostEach(posts));
            }
        }
        report(d.receipt(), reached);
        return this;
    }

    /** Tells the history, when one is kept, that an entry left the list. */
    private void unwatched(long watchId, long queueId, KernelHistory.Unwatch why) {
        KernelHistory history = objectContext.history();
        if (history.isOn()) {
            history.unwatched(objectId(), watchId, queueId, why);
        }
    }

    /** Tells the history, when one is kept, that every entry leaves the list. */
    private void unwatchedAll(KernelHistory.Unwatch why) {
        if (objectContext.history().isOn()) {
            for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
                unwatched(e.watchId(), e.queueId(), why);
            }
        }
    }

    // ------------------------------------------------------------------ setting and removing watches

    private Behavior<Command> onAddWatch(StampedAdd add) {
        startAdd(add);
        return this;
    }

    /**
     * Checks an add and, when it passes, asks its queue to start the watch, entering (or staying
     * in) the {@link Adding} phase. Several adds may be pending at once; each is answered when its
     * watch has started.
     */
    private void startAdd(StampedAdd stamped) {
        SysResult refusal = refuseAdd(stamped);
        AddWatch add = stamped.add();
        if (refusal != null) {
            add.replyTo().tell(refusal);
            return;
        }
        if (!(phase instanceof Adding)) {
            phase = new Adding(new LinkedHashMap<>(4));
        }
        Adding adding = (Adding) phase;
        if (!adding.isPendingOn(add.queueId())) {
            getContext().watchWith(add.queue(), new QueueLost(add.queueId()));
        }
        Watch.Binding binding = new Watch.Binding(getContext().getSelf(), add.queue(), add.pipe(), add.queueId(),
                objectId(), add.watchId(), removalId(), watchTag(add.tag()), add.setter(), objectContext.watchContext(),
                removalInfoBits(add.tag()));
        adding.adds().put(new PendingKey(add.queueId(), add.watchId()), new PendingAdd(add, binding));
        add.queue().tell(new NotificationQueue.AttachWatch(binding));
    }

    /**
     * While watches are being spawned, further adds are pipelined as long as nothing has been
     * stashed; once something waits in the stash, adds wait behind it, so that every message is
     * still handled in its order.
     */
    private Behavior<Command> onAddWhileAdding(StampedAdd add) {
        if (stash.isEmpty()) {
            startAdd(add);
        } else {
            stash.stash(add);
        }
        return this;
    }

    /** The kernel's checks, in its order: tag, object permission, queue, LSM hook, duplicate. */
    private SysResult refuseAdd(StampedAdd stamped) {
        AddWatch add = stamped.add();
        try {
            WatchList.checkTag(add.tag());
        } catch (ErrnoException e) {
            return SysResult.of(e);
        }
        ErrnoException denied = checkWatchPermission(add.setter());
        if (denied != null) {
            return SysResult.of(denied);
        }
        if (add.queue() == null) {
            return SysResult.fail(Errno.EINVAL, "descriptor is not a notification pipe");
        }
        if (add.tag() == WatchList.REMOVE_TAG) {
            return SysResult.fail(Errno.EINVAL, "tag -1 removes a watch; send RemoveWatch");
        }
        Decision d = stamped.snapshot().checkWatch(add.setter(), securedObject());
        if (!d.allowed()) {
            return SysResult.fail(d.errno(), d.engine() + ": " + d.reason());
        }
        PendingKey key = new PendingKey(add.queueId(), add.watchId());
        if (watches.contains(add.queueId(), add.watchId())
                || (phase instanceof Adding adding && adding.adds().containsKey(key))) {
            return SysResult.fail(Errno.EBUSY, "queue " + add.queueId() + " already watches " + add.watchId());
        }
        return null;
    }

    private Behavior<Command> onWatchStarted(Adding adding, WatchStarted started) {
        PendingAdd pending = adding.adds().remove(new PendingKey(started.queueId(), started.watchId()));
        if (pending == null) {
            return this; // answered already: its queue ended first
        }
        AddWatch add = pending.add();
        if (!adding.isPendingOn(add.queueId())) {
            getContext().unwatch(add.queue());
        }
        watches.add(add.queueId(), add.watchId(), watchTag(add.tag()), add.setter(),
                new Watcher(started.watch(), pending.binding()));
        KernelHistory history = objectContext.history();
        if (history.isOn()) {
            history.watched(objectId(), add.watchId(), add.queueId(), watchTag(add.tag()), add.setter());
        }
        add.replyTo().tell(SysResult.ok());
        return afterPending(adding);
    }

    /**
     * A pending add's queue ended before it started the watch: the add fails with ENOENT and
     * nothing is added, as add_watch_to_object() answers when it finds the queue defunct.
     */
    private Behavior<Command> onQueueLost(Adding adding, QueueLost lost) {
        adding.adds().entrySet().removeIf(e -> {
            if (e.getKey().queueId() == lost.queueId()) {
                e.getValue().add().replyTo().tell(SysResult.fail(Errno.ENOENT, "queue " + lost.queueId()
                        + " became defunct while the watch was being set"));
                return true;
            }
            return false;
        });
        return afterPending(adding);
    }

    /** Back to {@link Serving} once no add is pending, with everything held back meanwhile. */
    private Behavior<Command> afterPending(Adding adding) {
        if (!adding.adds().isEmpty()) {
            return this;
        }
        phase = Serving.INSTANCE;
        return stash.unstashAll(this);
    }

    private Behavior<Command> onRemoveWatch(RemoveWatch rm) {
        ErrnoException denied = checkWatchPermission(rm.setter());
        if (denied != null) {
            rm.replyTo().tell(SysResult.of(denied));
            return this;
        }
        if (!rm.queueValid()) {
            rm.replyTo().tell(SysResult.fail(Errno.EINVAL, "descriptor is not a notification pipe"));
            return this;
        }
        try {
            Watcher w = watches.remove(rm.queueId(), rm.watchId()).handle();
            unwatched(rm.watchId(), rm.queueId(), KernelHistory.Unwatch.REMOVED);
            long removal = explicitRemovalId(rm.watchId());
            if (!objectContext.watchContext().viaWatch()) {
                // On the watch's behalf, behind every record this object posted to that queue.
                Watch.postRemoval(w.binding(), removal);
            }
            // Answered when the watch reports its removal done, or, should it stop first (its queue
            // crashed), when its death is seen: the entry is gone either way.
            getContext().watchWith(w.watch(), new RemovalLost(rm.replyTo()));
            w.watch().tell(new Watch.Remove(removal, rm.replyTo()));
            if (removalsUnderway == null) {
                removalsUnderway = new ArrayList<>(1);
            }
            removalsUnderway.add(rm.replyTo());
        } catch (ErrnoException e) {
            rm.replyTo().tell(SysResult.of(e));
        }
        return this;
    }

    /** A removal this object started is done: answered 0. */
    private void removalDone(ActorRef<SysResult> replyTo) {
        if (removalsUnderway != null && removalsUnderway.remove(replyTo) && removalsUnderway.isEmpty()) {
            removalsUnderway = null;
        }
        replyTo.tell(SysResult.ok());
    }

    /** A watch that left: detached by its queue's end, or reporting (or lost during) its removal. */
    private Behavior<Command> onWatchEnded(Command message) {
        if (message instanceof WatchDetached d) {
            if (watches.removeIf(d.queueId(), d.watchId(), w -> w.watch().equals(d.watch()))) {
                unwatched(d.watchId(), d.queueId(), d.acknowledge() ? KernelHistory.Unwatch.QUEUE_ENDED
                        : KernelHistory.Unwatch.WATCH_LOST);
            }
            if (d.acknowledge()) {
                d.watch().tell(Watch.DetachAck.INSTANCE);
            }
        } else if (message instanceof WatchRemoved r) {
            getContext().unwatch(r.watch());
            removalDone(r.replyTo());
        } else if (message instanceof RemovalLost lost) {
            removalDone(lost.replyTo());
        }
        return this;
    }

    private Behavior<Command> onGetWatches(GetWatches msg) {
        msg.replyTo().tell(watches.newestFirst().stream()
                .map(e -> new WatchInfo(e.watchId(), e.queueId(), e.tag(), e.setter())).toList());
        return this;
    }

    // ------------------------------------------------------------------ life

    private Behavior<Command> onDestroy(Destroy msg) {
        phase = Destroyed.INSTANCE;
        unwatchedAll(KernelHistory.Unwatch.DESTROYED);
        if (objectContext.watchContext().viaWatch()) {
            Watch.ObjectDestroyed destroyed = new Watch.ObjectDestroyed(msg.receipt());
            List<ActorRef<Watch.Command>> told = new ArrayList<>(watches.size());
            for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
                told.add(e.handle().watch());
            }
            if (msg.receipt() != null) {
                msg.receipt().tell(new DeliveryReceipt.Fanout(objectId(), 0, told));   // before any watch can answer
            }
            told.forEach(w -> w.tell(destroyed));
        } else {
            // Each removal record on its watch's behalf, behind every record this object posted to that queue.
            Watch.ObjectDestroyed destroyed = new Watch.ObjectDestroyed(null);
            for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
                Watch.postRemoval(e.handle().binding(), e.handle().binding().removalId());
                e.handle().watch().tell(destroyed);
            }
            if (msg.receipt() != null) {
                msg.receipt().tell(new DeliveryReceipt.Fanout(objectId(), watches.size(), List.of()));
            }
        }
        msg.replyTo().tell(SysResult.ok());
        return Behaviors.stopped();
    }

    /**
     * Tells the watch to fail; it stops (its queue, its parent, stops it) and its PostStop tells
     * this object, which then drops it: no removal record, as no kernel path removes a watch so.
     */
    private Behavior<Command> onCrashWatch(CrashWatch c) {
        // a planted bug (tests only) drops the answer when the request meets a queue's end
        boolean answer = !(onRace && objectContext.watchContext().planted() == PlantedFault.DROP_REPLY_ON_CLOSE_RACE);
        for (WatchList.Entry<Watcher> e : watches.newestFirstView()) {
            if (e.queueId() == c.queueId() && e.watchId() == c.watchId()) {
                e.handle().watch().tell(Watch.Crash.INSTANCE);
                if (answer) {
                    c.replyTo().tell(SysResult.ok());
                }
                return this;
            }
        }
        if (answer) {
            c.replyTo().tell(SysResult.fail(Errno.EBADSLT, "queue " + c.queueId() + " has no watch on " + c.watchId()));
        }
        return this;
    }

    private Behavior<Command> onCrash() {
        throw new InjectedCrash(getContext().getSelf().path().name());
    }
}
