package io.watchsim.actors;

import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.QueueCallers;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The kernel's calls to objects and queues that have not been answered yet, by callee actor, so
 * that a callee that stops answers every call made to it, including those that never reached it. A
 * request racing its callee's end normally reaches the dead letters, where {@link DeadLetterAnswers}
 * answers it; but Pekko delivers dead letters on a best-effort basis, and a message enqueued at the
 * very moment the stopping actor's mailbox is swapped for the dead letters' is lost (seen once in
 * some thousands of crash races: a destroy, then an add, waited for the ask's 30 s bound). So the
 * callee tells, at the end of its {@code PostStop}, every call still registered for it that it is
 * gone ({@link Call#calleeGone}): an object directly, a queue through the {@link QueueCallers} it
 * was spawned with. The caller then answers it as a call to a gone object or queue unless the
 * callee's own answer came first ({@link #answer}). A callee answers on its own thread before it
 * stops, and an ask's answer completes as it is told, so a call the callee answered always has its
 * answer first.
 *
 * <p>A repeated read ({@link RepeatedRead}) is registered once for its queue, for as long as the queue
 * lives or until its reader releases it, rather than once per read (it counts its own reads
 * outstanding), and costs one map entry: the repeated reads of one queue are chained through
 * themselves, newest first, and a released one is unlinked under the entry's lock.
 *
 * <p>Thread-safe: callers register on their threads, callees end theirs on their own. A call is
 * registered before its request is sent and leaves when its answer arrives.
 */
final class PendingCalls implements QueueCallers {
    /** One call: the request as the kernel sent it, and the signal that its callee stopped. */
    static final class Call {
        final Object request;
        final CompletableFuture<Void> calleeGone = new CompletableFuture<>();

        Call(Object request) {
            this.request = request;
        }

        /** The answer of a call to a gone object or queue ({@link DeadLetterAnswers#goneAnswer}). */
        Object goneAnswer() {
            return DeadLetterAnswers.goneAnswer(request);
        }
    }

    private final ConcurrentHashMap<ActorRef<?>, Set<Call>> byCallee = new ConcurrentHashMap<>();
    /** The repeated reads of each queue, the latest registered first, each linking to the one before. */
    private final ConcurrentHashMap<ActorRef<?>, RepeatedRead> repeatedReads = new ConcurrentHashMap<>();

    /** {@code call} is about to be sent to {@code callee}. */
    void register(ActorRef<?> callee, Call call) {
        byCallee.compute(callee, (k, calls) -> {
            Set<Call> s = calls == null ? new HashSet<>(2) : calls;
            s.add(call);
            return s;
        });
    }

    /** {@code call} has its answer. */
    void unregister(ActorRef<?> callee, Call call) {
        byCallee.computeIfPresent(callee, (k, calls) -> {
            calls.remove(call);
            return calls.isEmpty() ? null : calls;
        });
    }

    /** {@code read} repeats its reads of {@code queue} until the queue stops. */
    void register(ActorRef<?> queue, RepeatedRead read) {
        repeatedReads.compute(queue, (k, latest) -> read.registeredAfter(latest));
    }

    /** {@code read}'s reader has gone: it leaves the repeated reads of {@code queue} (nothing if it had left). */
    void unregister(ActorRef<?> queue, RepeatedRead read) {
        repeatedReads.computeIfPresent(queue, (k, latest) -> {
            if (latest == read) {
                return read.registeredBefore();   // null: the queue's last one, its entry goes
            }
            for (RepeatedRead r = latest; r.registeredBefore() != null; r = r.registeredBefore()) {
                if (r.registeredBefore() == read) {
                    r.registeredAfter(read.registeredBefore());
                    break;
                }
            }
            return latest;
        });
    }

    /**
     * {@code callee} has stopped: every call still registered for it learns that it is gone, and each
     * repeated read of it answers the reads it never received.
     */
    void stopped(ActorRef<?> callee) {
        Set<Call> calls = byCallee.remove(callee);
        if (calls != null) {
            List.copyOf(calls).forEach(c -> c.calleeGone.complete(null));
        }
        for (RepeatedRead r = repeatedReads.remove(callee); r != null; r = r.registeredBefore()) {
            r.queueStopped();
        }
    }

    /** A queue has stopped, at the end of its {@code PostStop}: {@link #stopped}. */
    @Override
    public void queueStopped(ActorRef<NotificationQueue.Command> queue) {
        stopped(queue);
    }

    /**
     * The answer of {@code call}, registered for {@code callee} and asked as {@code asked} (Pekko's
     * ask): the callee's own, or, should the callee stop without having answered it, the answer of a
     * call to a gone callee, given on the callee's thread as it tells that it stopped. A callee
     * answers with a value: an ask that failed is not its answer (Pekko fails an ask of an actor
     * already terminated at once, as timed out: a caller that knows the callee gone tells
     * {@code call} so before it calls this, and the gone answer comes first). The call leaves the
     * registry once {@code asked} completes. {@code asked} is a Scala future's view, whose non-async
     * continuations run on the common pool (a thread each on 2 cores): only its async form with
     * {@code executor} is used, and {@code isDone} and {@code isCompletedExceptionally}.
     */
    <R> CompletableFuture<R> answer(ActorRef<?> callee, Call call, CompletionStage<R> asked, Executor executor) {
        CompletableFuture<R> calleeAnswered = asked.toCompletableFuture();
        CompletableFuture<R> answer = new CompletableFuture<>();
        // On the callee's thread as it stops: a call it answered has its answer by then (told before it
        // stopped), and keeps it; any other is answered as a call to a gone callee. Attached first: a callee
        // already known gone answers here and now, before a failed ask can reach the executor.
        call.calleeGone.thenRun(() -> {
            if (!calleeAnswered.isDone() || calleeAnswered.isCompletedExceptionally()) {
                @SuppressWarnings("unchecked")
                R gone = (R) call.goneAnswer();
                answer.complete(gone);
            }
        });
        asked.whenCompleteAsync((value, failure) -> {
            unregister(callee, call);
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(value);
            }
        }, executor);
        return answer;
    }

    /** How many repeated reads are registered for {@code queue} (for tests). */
    int repeatedReadsOf(ActorRef<?> queue) {
        int n = 0;
        for (RepeatedRead r = repeatedReads.get(queue); r != null; r = r.registeredBefore()) {
            n++;
        }
        return n;
    }

    /** How many callees have calls waiting, or repeated reads (for tests). */
    int calleesWithCalls() {
        Set<ActorRef<?>> callees = new HashSet<>(byCallee.keySet());
        callees.addAll(repeatedReads.keySet());
        return callees.size();
    }
}
