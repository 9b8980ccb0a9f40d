package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.WatchSpec;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;

/**
 * One watch: the binding of one object to one queue, with the tag and the credentials of whoever
 * set it. The watch actor owns the watch's life: it is started by its queue (its parent) when set,
 * it is what a removal, its object's end and its queue's end act on, and its own failure (a crash)
 * ends it. It carries no record: its object posts each record straight to the queue, with the
 * watch's tag and the setter's post check from its watch list (one hop per delivery, issue 15).
 *
 * <p>It ends in exactly one of three ways:
 * <ul>
 *   <li>removed explicitly: its object posts the removal record on its behalf, behind every record
 *       it posted to that queue, and tells it {@link Remove}; it reports and stops;</li>
 *   <li>its object ends, destroyed or crashed: the object posts the removal record on its behalf
 *       (from its last message or its PostStop), after every record it sent that queue, and tells
 *       it to stop;</li>
 *   <li>its queue ends (both ends closed): the queue tells it {@link QueueEnding}; it asks its
 *       object to drop it ({@link WatchedObject.WatchDetached}, no record: the queue is defunct) and
 *       stops once the object has, so that the close returns only when no object lists it.
 *       Records the object posts meanwhile reach the defunct queue, which counts them as dropped.</li>
 * </ul>
 * A watch stopped any other way (its queue crashed, its own crash, its kernel stops) tells its
 * object, from its PostStop, that it is gone; the object stops posting for it when that arrives.
 *
 * <p>Why the object posts the removal record: Pekko keeps the order of messages only per sender
 * and receiver. The records go object to queue, so the removal record must take the same pair, or
 * it could overtake them. On the earlier path kept for comparison ({@link DeliveryPath#VIA_WATCH}:
 * object to {@link Forward} to watch to queue) the records pass through the watch, so the watch
 * posts them and its removal record itself, as before issue 15.
 *
 * <pre>
 *  WatchedObject --AttachWatch(binding)--------------------------&gt; NotificationQueue
 *       ^  &lt;--WatchStarted, WatchDetached, WatchRemoved-- Watch (child)  ^  --QueueEnding--&gt; Watch
 *       +--Remove, ObjectDestroyed/ObjectGone, DetachAck, Crash--&gt; Watch
 *  WatchedObject --Post/PostBatch(tag, check), removal record------&gt; queue   (direct path)
 *  WatchedObject --Forward/ForwardBatch--&gt; Watch --Post/PostBatch--&gt; queue   (VIA_WATCH only)
 * </pre>
 *
 * No death watch: an idle watch is its actor cell, its binding and the object's list entry
 * (two death watches would add 190 bytes).
 */
public final class Watch extends AbstractMatchingBehavior<Watch.Command> {

    /** The watch's protocol; every message type is the kernel's own (package-private). */
    public interface Command {
    }

    /**
     * One record of an event, judged by {@code snapshot}, from {@code generator} (null: system);
     * {@code origin} says which post of its object it is. Only on the earlier path through the
     * watch actors ({@link DeliveryPath#VIA_WATCH}).
     */
    record Forward(Notification record, Provenance origin, Credentials generator, PolicySnapshot snapshot,
                          ActorRef<DeliveryReceipt> receipt) implements Command {
    }

    /** Several records of one event or burst, posted to the queue in one message, each with its origin. */
    record ForwardBatch(List<Notification> records, List<Provenance> origins, Credentials generator,
                        PolicySnapshot snapshot, ActorRef<DeliveryReceipt> receipt) implements Command {
        ForwardBatch {
            records = List.copyOf(records);
            origins = List.copyOf(origins);
        }
    }

    /**
     * Explicit removal (tag -1): its object has posted the removal record (its id {@code removalId})
     * on the direct path; on the earlier path the watch posts it. Then tell the object
     * ({@link WatchedObject.WatchRemoved}, which answers {@code replyTo}), stop.
     */
    record Remove(long removalId, ActorRef<SysResult> replyTo) implements Command {
    }

    /** Fault injection: fail with an exception, as a bug would make it. */
    enum Crash implements Command {
        INSTANCE
    }

    /** From the queue: it is defunct; leave the object's list, then stop. */
    enum QueueEnding implements Command {
        INSTANCE
    }

    /** From the object: it has dropped this watch from its list (after {@link WatchedObject.WatchDetached}). */
    enum DetachAck implements Command {
        INSTANCE
    }

    /**
     * The object is being destroyed: stop (on the earlier path: send the removal record and report
     * it to {@code receipt} first; on the direct path the object has done both).
     */
    record ObjectDestroyed(ActorRef<DeliveryReceipt> receipt) implements Command {
    }

    /**
     * The object stopped without a destroy (it crashed, or its kernel stops): stop (on the earlier
     * path, send the removal record first; on the direct path the object has sent it).
     */
    enum ObjectGone implements Command {
        INSTANCE
    }

    /**
     * What a watch is: the object and queue it binds, its ids, tag and setter. The object builds
     * it and sends it to the queue ({@link NotificationQueue.AttachWatch}), which starts the watch
     * as its child; the running watch keeps this same instance, so an idle watch holds it once.
     *
     * @param objectId  the object's id in the kernel (its posts' provenance names it)
     * @param watchId   the id the watch is told apart by on its object (key serial, dentry, sb id)
     * @param removalId the id the removal record carries (the key serial, mount id, sb id)
     * @param removalInfoBits type-info bits (16..31) its removal record carries besides the tag: 0,
     *                  except for ver #5's superblock watches, whose tag sits in the top byte
     */
    record Binding(ActorRef<WatchedObject.Command> object, ActorRef<NotificationQueue.Command> queue,
                          NotificationPipe pipe, long queueId, long objectId, long watchId, long removalId, int tag,
                          Credentials setter, WatchContext context, int removalInfoBits) implements WatchSpec {
        /** A binding whose removal record carries only its tag, to a queue that takes posts by message only. */
        Binding(ActorRef<WatchedObject.Command> object, ActorRef<NotificationQueue.Command> queue, long queueId,
                long objectId, long watchId, long removalId, int tag, Credentials setter, WatchContext context) {
            this(object, queue, null, queueId, objectId, watchId, removalId, tag, setter, context, 0);
        }

        /**
         * Where the object's posts for this watch go in place, on the object's thread, into the queue's
         * pipe: on the direct path, with no planted fault (a planted fault posts record by record by
         * message, so its removal records go the same way); null: by message to the queue's actor.
         */
        NotificationPipe inPlace() {
            return context.viaWatch() || context.planted() != PlantedFault.NONE ? null : pipe;
        }

        @Override
        public Behavior<Command> behavior() {
            return create(this);
        }

        @Override
        public Object queueEnding() {
            return QueueEnding.INSTANCE;
        }
    }

    private final Binding binding;
    private PostAuthorization lastCheck;
    /** Set when the watch's end is already arranged (removed, object gone, detaching): its stop then tells nobody. */
    private boolean ended;
    /** Set while it waits for its object to drop it (its queue is ending); cleared by the object's answer. */
    private boolean detaching;

    /** The watch's behavior; it reports to its object at once that it is up. */
    static Behavior<Command> create(Binding binding) {
        return Behaviors.setup(ctx -> {
            binding.object().tell(new WatchedObject.WatchStarted(binding.queueId(), binding.watchId(), ctx.getSelf()));
            return new Watch(ctx, binding);
        });
    }

    private Watch(ActorContext<Command> context, Binding binding) {
        super(context);
        this.binding = binding;
    }

    /**
     * Dispatch by type (no per-actor receive table: a built receive of six cases would add about
     * 400 bytes to each of a million idle watches).
     */
    @Override
    public Behavior<Command> onMessage(Command message) {
        if (message instanceof ForwardBatch f) {
            return onForwardBatch(f);
        } else if (message instanceof Forward f) {
            return onForward(f);
        } else if (message instanceof Remove r) {
            return onRemove(r);
        } else if (message instanceof ObjectDestroyed d) {
            return onObjectDestroyed(d);
        } else if (message == ObjectGone.INSTANCE) {
            return onObjectGone();
        } else if (message == QueueEnding.INSTANCE) {
            return onQueueEnding();
        } else if (message == Crash.INSTANCE) {
            throw new io.watchsim.queues.InjectedCrash(getContext().getSelf().path().name());
        } else if (message == DetachAck.INSTANCE) {
            detaching = false;
            return Behaviors.stopped();
        }
        return Behaviors.unhandled();
    }

    /**
     * Stopped without arranging its end (its queue crashed, its kernel stops), or stopped with its
     * queue before its object answered the detach (the queue's bound ran out): the object forgets
     * it when this arrives.
     */
    @Override
    public Behavior<Command> onSignal(Signal signal) {
        if (signal instanceof PostStop && (!ended || detaching)) {
            KernelHistory history = binding.context().history();
            if (history.isOn()) {
                history.watchLost(binding.objectId(), binding.watchId(), binding.queueId());
            }
            binding.object().tell(new WatchedObject.WatchDetached(binding.queueId(), binding.watchId(),
                    getContext().getSelf(), false));
        }
        return Behaviors.same();
    }

    /**
     * The queue is defunct: ask the object to drop this watch and wait for its answer (or for the
     * object's end, which it reports with {@link ObjectGone}); records forwarded meanwhile still go
     * to the queue, which counts them as dropped, and are still acknowledged.
     */
    private Behavior<Command> onQueueEnding() {
        if (!ended) {
            ended = true;
            detaching = true;
            binding.object().tell(new WatchedObject.WatchDetached(binding.queueId(), binding.watchId(),
                    getContext().getSelf(), true));
        }
        return this;
    }

    /** The check for this generator and snapshot; reused while neither changes (no allocation per record). */
    private PostAuthorization check(Credentials generator, PolicySnapshot snapshot) {
        PostAuthorization c = lastCheck;
        if (c == null || c.snapshot() != snapshot || c.generator() != generator) {
            c = new PostAuthorization(snapshot, binding.setter(), generator);
            lastCheck = c;
        }
        return c;
    }

    private Behavior<Command> onForward(Forward f) {
        if (binding.context().planted() != PlantedFault.NONE) {
            planted(f);
        } else {
            binding.queue().tell(new NotificationQueue.Post(f.record(), binding.tag(), check(f.generator(), f.snapshot()),
                    f.origin()));
        }
        if (f.receipt() != null) {
            f.receipt().tell(new DeliveryReceipt.Forwarded(getContext().getSelf()));
        }
        return this;
    }

    private Behavior<Command> onForwardBatch(ForwardBatch f) {
        if (binding.context().planted() != PlantedFault.NONE) {
            for (int i = 0; i < f.records().size(); i++) {
                planted(new Forward(f.records().get(i), f.origins().get(i), f.generator(), f.snapshot(), null));
            }
        } else {
            binding.queue().tell(new NotificationQueue.PostBatch(f.records(), binding.tag(),
                    check(f.generator(), f.snapshot()), f.origins()));
        }
        if (f.receipt() != null) {
            f.receipt().tell(new DeliveryReceipt.Forwarded(getContext().getSelf()));
        }
        return this;
    }

    /** Ends on its own: removed, or its object destroyed or gone; either way no object lists it any more. */
    private Behavior<Command> end() {
        ended = true;
        detaching = false;
        return Behaviors.stopped();
    }

    // ------------------------------------------------------------------ planted bugs (tests only)

    /** Under a planted bug: what it keeps of this watch's records. Allocated only then. */
    private PlantedDelivery plantedState;

    /** Posts {@code f} as the planted bug would (see {@link PlantedFault}). */
    private void planted(Forward f) {
        PlantedFault fault = binding.context().planted();
        if (plantedState == null) {
            plantedState = new PlantedDelivery();
        }
        plantedState.post(fault, binding.queue(), new NotificationQueue.Post(f.record(), binding.tag(),
                PlantedDelivery.check(fault, check(f.generator(), f.snapshot())), f.origin()));
    }

    // ------------------------------------------------------------------ removal records

    /**
     * Posts the removal record of the watch {@code binding} describes, with id {@code id} and the
     * watch's tag, to its queue: twice under {@link PlantedFault#DOUBLE_REMOVAL}. Whoever delivers the
     * watch's records posts it, after the last of them, so that it cannot overtake one: its object on
     * the direct path, the watch itself on the earlier path through it.
     */
    static void postRemoval(Binding binding, long id) {
        if (binding.context().planted() == PlantedFault.DOUBLE_REMOVAL) {
            postOneRemoval(binding, id);
        }
        postOneRemoval(binding, id);
    }

    private static void postOneRemoval(Binding binding, long id) {
        Provenance origin = new Provenance(binding.objectId(), binding.watchId(), Provenance.REMOVAL,
                binding.context().clock().nanoTime());
        Notification removal = MetaNotify.removal(id, binding.removalInfoBits());
        NotificationPipe pipe = binding.inPlace();
        if (pipe != null) {
            pipe.post(removal, binding.tag(), io.watchsim.queues.PostCheck.NONE, origin);
        } else {
            binding.queue().tell(new NotificationQueue.Post(removal, binding.tag(), io.watchsim.queues.PostCheck.NONE,
                    origin));
        }
    }

    /** Posts the removal record itself when records pass through it (the earlier path); else its object did. */
    private void postRemovalIfCarrying(long id) {
        if (binding.context().viaWatch()) {
            postRemoval(binding, id);
        }
    }

    private Behavior<Command> onRemove(Remove r) {
        postRemovalIfCarrying(r.removalId());
        binding.object().tell(new WatchedObject.WatchRemoved(getContext().getSelf(), r.replyTo()));
        return end();
    }

    private Behavior<Command> onObjectDestroyed(ObjectDestroyed d) {
        postRemovalIfCarrying(binding.removalId());
        if (d.receipt() != null) {
            d.receipt().tell(new DeliveryReceipt.Forwarded(getContext().getSelf()));
        }
        return end();
    }

    private Behavior<Command> onObjectGone() {
        postRemovalIfCarrying(binding.removalId());
        return end();
    }
}
