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
 * answers, at the end of its {@code PostStop}, every call still registered for it, as a call to an
 * object that is gone ({@link DeadLetterAnswers#answer}); whatever it answered itself is answered
 * already and skipped, and a second answer to an ask that has its answer goes nowhere.
 *
 * <p>Thread-safe: callers register on their threads, objects answer on theirs. A call is
 * registered before its request is sent and leaves when its answer arrives.
 */
final class PendingCalls {
    /** One call: the request (which carries its reply address) and, once sent, its answer. */
    static final class Call {
        final Object request;
        volatile CompletableFuture<?> answer;

        Call(Object request) {
            this.request = request;
        }

        boolean answered() {
            CompletableFuture<?> a = answer;
            return a != null && a.isDone();
        }

        /** Answers the call as a call to an object that is gone, unless it has its answer. */
        void answerGone() {
            if (!answered()) {
                DeadLetterAnswers.answer(request);
            }
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

    /** {@code object} has stopped: every call still registered for it is answered as gone. */
    void objectStopped(ActorRef<?> object) {
        Set<Call> calls = byObject.remove(object);
        if (calls != null) {
            List.copyOf(calls).forEach(Call::answerGone);
        }
    }

    /** How many objects have calls waiting (for tests). */
    int objectsWithCalls() {
        return byObject.size();
    }
}
