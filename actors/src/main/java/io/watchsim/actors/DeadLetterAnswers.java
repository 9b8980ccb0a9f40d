package io.watchsim.actors;

import io.watchsim.queues.Errno;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.List;

/**
 * Answers the requests that reached one of this kernel's objects or queues after it had stopped:
 * the kernel looked the actor up while it lived, the actor was destroyed or crashed before the
 * request arrived, and the request went to the dead letters, where nobody would answer it. This
 * actor watches the dead letters of its kernel (by the recipient's path under the kernel's
 * guardian) and answers each request as the kernel answers a call about an object or queue that
 * is not there: ENOENT for an object, EBADF for a queue, nothing listed. So every request inside
 * the kernel is answered, and the common path pays nothing for it.
 */
final class DeadLetterAnswers {
    private DeadLetterAnswers() {
    }

    /**
     * Starts the answering actor under {@code ctx} (the kernel's guardian) and subscribes it to
     * the dead letters before returning, so that no request of the kernel dies unanswered between
     * the kernel's start and the subscription (the typed event stream subscribes asynchronously;
     * the classic one at once).
     */
    static ActorRef<DeadLetter> start(ActorContext<?> ctx) {
        ActorPath kernelPath = ctx.getSelf().path();
        ActorRef<DeadLetter> answers = ctx.spawn(Behaviors.receiveMessage(d -> {
            if (d.recipient().path().toString().startsWith(kernelPath.toString() + "/")) {
                answer(d.message());
            }
            return Behaviors.same();
        }), "dead-letter-answers");
        ctx.getSystem().classicSystem().eventStream().subscribe(Adapter.toClassic(answers), DeadLetter.class);
        return answers;
    }

    /** Answers one request as the kernel answers a call about an object or queue that is gone. */
    static void answer(Object message) {
        if (message instanceof WatchedObject.StampedAdd s) {
            s.add().replyTo().tell((SysResult) goneAnswer(s.add()));
        } else if (message instanceof WatchedObject.RemoveWatch r) {
            r.replyTo().tell((SysResult) goneAnswer(r));
        } else if (message instanceof WatchedObject.Destroy d) {
            d.replyTo().tell((SysResult) goneAnswer(d));
        } else if (message instanceof WatchedObject.CrashWatch c) {
            c.replyTo().tell((SysResult) goneAnswer(c));
        } else if (message instanceof WatchedObject.WatchRemoved r) {
            // The watch was removed and its removal record queued; its object stopped before it
            // could answer the removal (a crash right after the RemoveWatch): answer as it would have.
            r.replyTo().tell(SysResult.ok());
        } else if (message instanceof Watch.Remove r) {
            // The watch had stopped (its queue ended, or it crashed) when its object told it to go; the
            // object had already taken it off its list (and posted its removal record on the direct path),
            // and the object itself may stop before it sees the watch's death: answer as the removal done.
            r.replyTo().tell(SysResult.ok());
        } else if (message instanceof WatchedObject.GetWatches g) {
            g.replyTo().tell(List.of());   // as goneAnswer: nothing listed
        } else if (message instanceof NotificationQueue.SetSize s) {
            s.replyTo().tell((SysResult) goneAnswer(s));
        } else if (message instanceof NotificationQueue.SetFilter s) {
            s.replyTo().tell((SysResult) goneAnswer(s));
        } else if (message instanceof NotificationQueue.Close c) {
            c.replyTo().tell((SysResult) goneAnswer(c));
        } else if (message instanceof NotificationQueue.Read r) {
            // A repeated read is answered here unless its queue's end already answered it (it counted it).
            if (r.outstanding() == null || r.outstanding().takeUnanswered()) {
                r.replyTo().tell((ReadResult) goneAnswer(r));
            }
        }
        // GetStatus and GetStatistics have no answer to give here (the kernel answers a query of a gone
        // queue with nothing, when the queue tells it that it stopped: PendingCalls)
    }

    /**
     * The answer to a call to an object or queue that stopped without answering it, for the request
     * as the kernel sent it (before the policy stamped it): from the dead letters ({@link #answer})
     * and for a call its object or queue told it was gone ({@link PendingCalls}). Null for anything
     * else, a query of a queue's state among them (the kernel answers it with nothing).
     */
    static Object goneAnswer(Object request) {
        if (request instanceof WatchedObject.AddWatch) {
            return gone("the object stopped before the watch could be set");
        } else if (request instanceof WatchedObject.RemoveWatch) {
            return gone("the object stopped before the watch could be removed");
        } else if (request instanceof WatchedObject.Destroy || request instanceof WatchedObject.CrashWatch) {
            return gone("the object had stopped");
        } else if (request instanceof WatchedObject.GetWatches) {
            return List.of();
        } else if (request instanceof NotificationQueue.SetSize || request instanceof NotificationQueue.SetFilter
                || request instanceof NotificationQueue.Close) {
            return noQueue();
        } else if (request instanceof NotificationQueue.Read) {
            return ReadResult.error(Errno.EBADF);
        }
        return null;
    }

    private static SysResult gone(String why) {
        return SysResult.fail(Errno.ENOENT, why);
    }

    private static SysResult noQueue() {
        return SysResult.fail(Errno.EBADF, "the queue had stopped");
    }
}
