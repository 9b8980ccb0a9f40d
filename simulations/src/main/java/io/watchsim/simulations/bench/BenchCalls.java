package io.watchsim.simulations.bench;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.SysResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * How the benches wait for the calls they make: on the bench's own thread, with one long bound.
 * A bench asks for hundreds of thousands of queues, objects, keys and watches, so one answer may
 * wait behind all the others of its batch; {@link io.watchsim.actors.Kernel#await} allows a single
 * call's timeout, which is right for scripts and keyctl, not for that.
 */
final class BenchCalls {
    private BenchCalls() {
    }

    /** The longest a bench waits for one answer; a kernel silent for that long has stopped answering. */
    static final Duration BOUND = Duration.ofMinutes(30);

    /**
     * The answer of {@code call}; a failed call, or no answer within {@link #BOUND}, throws a
     * {@link java.util.concurrent.CompletionException} with the failure as its cause.
     */
    static <T> T await(CompletionStage<T> call) {
        return call.toCompletableFuture().orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /**
     * Calls {@code call} for 0 to {@code n - 1}, {@code batch} calls at a time, each batch waited
     * for before the next is asked: the answers in order.
     */
    static <T> List<T> inBatches(long n, int batch, LongFunction<? extends CompletionStage<T>> call) {
        List<T> answers = new ArrayList<>();
        for (long from = 0; from < n; from += batch) {
            List<CompletableFuture<T>> asked = new ArrayList<>();
            for (long i = from; i < Math.min(n, from + batch); i++) {
                asked.add(call.apply(i).toCompletableFuture());
            }
            asked.forEach(f -> answers.add(await(f)));
        }
        return answers;
    }

    /**
     * {@code n} notification queues of {@code notes} notes each, made {@code batch} at a time (a
     * queue is made, then sized).
     */
    static List<QueueHandle> queues(Kernel kernel, long n, int notes, int batch) {
        return inBatches(n, batch, i -> kernel.createQueue()
                .thenCompose(q -> kernel.setQueueSize(q.id(), notes).thenApply(sized -> q)));
    }

    /** {@code r} when the call succeeded; a failed call ends the bench: {@code what} failed. */
    static SysResult checked(SysResult r, String what) {
        if (!r.isOk()) {
            throw new IllegalStateException(what + " failed: " + r);
        }
        return r;
    }
}
