package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's calls to objects that have not been answered yet, by object actor, so that an object
 * that stops answers every call made to it, including those that never reached it. A request racing
 * its object's end normally reaches the dead letters, where {@link DeadLetterAnswers} answers it;
 * but Pekko delivers dead letters on a best-effort basis, and a message enqueued at the very moment
 * the stopping actor's mailbox is swapped for the dead letters' is lost (seen once in some
 * thousands of crash races: a destroy, then an add, waited for the ask's 30 s bound). So the object
 * tells, at the end of its {@code PostStop}, every call still registered for it that it is gone
 * ({@link Call#objectGone}); the caller then answers it as a call to a gone object unless the
 * object's own answer came first. An object answers on its own thread before it stops, and an ask's
 * answer completes as it is told, so a call the object answered always has its answer first.
 *
 * <p>Thread-safe: callers register on their threads, objects end theirs on their own. A call is
 * registered before its request is sent and leaves when its answer arrives.
 */
final class PendingCalls {
    /** One call: the request as the kernel sent it, and the signal that its object stopped. */
    static final class Call {
        final Object request;
        final CompletableFuture<Void> objectGone = new CompletableFuture<>();

        Call(Object request) {
            this.request = request;
        }

        /** The answer of a call to a gone object ({@link DeadLetterAnswers#goneAnswer}). */
        Object goneAnswer() {
            return DeadLetterAnswers.goneAnswer(request);
        }
    }

    private final ConcurrentHashMap<ActorRef<?>, Set<Call>> byObject = new ConcurrentHashMap<>();

    /** {@code call} is about to be sent to {@code object}. */
    void register(ActorRef<?> object, Call call) {
        byObject.compute(object, (k, calls) -> {
            Set<Call> s = calls == null ? new HashSet<>(2) : calls;
            s.add(call);
            return s;
        });
    }

    /** {@code call} has its answer. */
    void unregister(ActorRef<?> object, Call call) {
        byObject.computeIfPresent(object, (k, calls) -> {
            calls.remove(call);
            return calls.isEmpty() ? null : calls;
        });
    }

    /** {@code object} has stopped: every call still registered for it learns that it is gone. */
    void objectStopped(ActorRef<?> object) {
        Set<Call> calls = byObject.remove(object);
        if (calls != null) {
            List.copyOf(calls).forEach(c -> c.objectGone.complete(null));
        }
    }

    /** How many objects have calls waiting (for tests). */
    int objectsWithCalls() {
        return byObject.size();
    }
}
