package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.List;

/**
 * One watch: the binding of one object to one queue, with the tag and the credentials of whoever
 * set it. It hands each record to its queue with its tag and the LSM post check (the queue filters
 * first, then checks, then inserts), and it ends in exactly one of three ways:
 * <ul>
 *   <li>removed explicitly: one removal record to the queue, then stop;</li>
 *   <li>its object is destroyed (told so by the object) or crashes (seen through death watch):
 *       one removal record, after every record the object sent it before, then stop;</li>
 *   <li>its queue closes (seen through death watch): stop silently and tell the object.</li>
 * </ul>
 *
 * <pre>
 *  WatchedObject --Forward/ForwardBatch--&gt; Watch --Post/PostBatch(tag, check)--&gt; NotificationQueue
 *               &lt;--Started, Detached-----       (death watch on both)
 * </pre>
 *
 * Spawned under a watch host (not under its object, so that it outlives an object crash long
 * enough to deliver what it holds and send the removal record).
 */
public final class Watch extends AbstractBehavior<Watch.Command> {

    public interface Command {
    }

    /** One record of an event, judged by {@code snapshot}, from {@code generator} (null: system). */
    public record Forward(Notification record, Credentials generator, PolicySnapshot snapshot,
                          ActorRef<DeliveryReceipt> receipt) implements Command {
    }

    /** Several records of one event or burst, posted to the queue in one message. */
    public record ForwardBatch(List<Notification> records, Credentials generator, PolicySnapshot snapshot,
                               ActorRef<DeliveryReceipt> receipt) implements Command {
        public ForwardBatch {
            records = List.copyOf(records);
        }
    }

    /** Explicit removal (tag -1): send the removal record, answer, stop. */
    public record Remove(ActorRef<SysResult> replyTo) implements Command {
    }

    /** The object is being destroyed: send the removal record, report it, stop. */
    public record ObjectDestroyed(ActorRef<DeliveryReceipt> receipt) implements Command {
    }

    /** The object refused this watch after all (it was not added): stop without a record. */
    enum Discard implements Command {
        INSTANCE
    }

    private enum ObjectGone implements Command {
        INSTANCE
    }

    private enum QueueGone implements Command {
        INSTANCE
    }

    private final ActorRef<WatchedObject.Command> object;
    private final ActorRef<NotificationQueue.Command> queue;
    private final long queueId;
    private final long removalId;
    private final int tag;
    private final Credentials setter;
    private PostAuthorization lastCheck;

    /**
     * @param watchId   the id the watch is told apart by on its object (key serial, dentry, sb id)
     * @param removalId the id the removal record carries (the key serial, mount id, sb id)
     */
    public static Behavior<Command> create(ActorRef<WatchedObject.Command> object, ActorRef<NotificationQueue.Command> queue,
                                           long queueId, long watchId, long removalId, int tag, Credentials setter) {
        return Behaviors.setup(ctx -> {
            ctx.watchWith(object, ObjectGone.INSTANCE);
            ctx.watchWith(queue, QueueGone.INSTANCE);
            object.tell(new WatchedObject.WatchStarted(queueId, watchId, ctx.getSelf()));
            return new Watch(ctx, object, queue, queueId, removalId, tag, setter);
        });
    }

    private Watch(ActorContext<Command> context, ActorRef<WatchedObject.Command> object,
                  ActorRef<NotificationQueue.Command> queue, long queueId, long removalId, int tag, Credentials setter) {
        super(context);
        this.object = object;
        this.queue = queue;
        this.queueId = queueId;
        this.removalId = removalId;
        this.tag = tag;
        this.setter = setter;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Forward.class, this::onForward)
                .onMessage(ForwardBatch.class, this::onForwardBatch)
                .onMessage(Remove.class, this::onRemove)
                .onMessage(ObjectDestroyed.class, this::onObjectDestroyed)
                .onMessageEquals(ObjectGone.INSTANCE, this::onObjectGone)
                .onMessageEquals(QueueGone.INSTANCE, this::onQueueGone)
                .onMessageEquals(Discard.INSTANCE, Behaviors::stopped)
                .build();
    }

    /** The check for this generator and snapshot; reused while neither changes (no allocation per record). */
    private PostAuthorization check(Credentials generator, PolicySnapshot snapshot) {
        PostAuthorization c = lastCheck;
        if (c == null || c.snapshot() != snapshot || c.generator() != generator) {
            c = new PostAuthorization(snapshot, setter, generator);
            lastCheck = c;
        }
        return c;
    }

    private Behavior<Command> onForward(Forward f) {
        queue.tell(new NotificationQueue.Post(f.record(), tag, check(f.generator(), f.snapshot())));
        if (f.receipt() != null) {
            f.receipt().tell(DeliveryReceipt.FORWARDED);
        }
        return this;
    }

    private Behavior<Command> onForwardBatch(ForwardBatch f) {
        queue.tell(new NotificationQueue.PostBatch(f.records(), tag, check(f.generator(), f.snapshot())));
        if (f.receipt() != null) {
            f.receipt().tell(DeliveryReceipt.FORWARDED);
        }
        return this;
    }

    private void postRemoval() {
        queue.tell(new NotificationQueue.Post(MetaNotify.removal(removalId), tag));
    }

    private Behavior<Command> onRemove(Remove r) {
        postRemoval();
        r.replyTo().tell(SysResult.ok());
        return Behaviors.stopped();
    }

    private Behavior<Command> onObjectDestroyed(ObjectDestroyed d) {
        postRemoval();
        if (d.receipt() != null) {
            d.receipt().tell(DeliveryReceipt.FORWARDED);
        }
        return Behaviors.stopped();
    }

    private Behavior<Command> onObjectGone() {
        postRemoval();
        return Behaviors.stopped();
    }

    private Behavior<Command> onQueueGone() {
        object.tell(new WatchedObject.WatchDetached(queueId, getContext().getSelf()));
        return Behaviors.stopped();
    }
}
