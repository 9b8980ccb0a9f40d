package io.watchsim.actors;

import org.apache.pekko.actor.typed.RecipientRef;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * Answers of asks as plain {@link CompletableFuture}s whose continuations run where they are
 * completed. Pekko's ask answers with Scala's converted future, whose non-async continuations
 * run on the default async executor; on a machine of 2 cores that executor starts a new thread
 * for every continuation (the common pool has one thread there), which made every kernel call
 * that composed on an ask cost a thread start.
 */
final class Stages {
    private Stages() {
    }

    /** Waits on a plain thread for a kernel call's answer: {@link Waits#await}. */
    public static <T> T await(CompletionStage<T> stage, Duration timeout) {
        return Waits.await(stage, timeout);
    }

    /**
     * The answer of an ask of {@code target}, completed on {@code executor}; an ask that got no answer within
     * {@code timeout} fails with a {@link KernelFault} that names the target, not with Pekko's
     * bare timeout.
     */
    public static <T> CompletableFuture<T> asked(CompletionStage<T> stage, RecipientRef<?> target, Duration timeout,
                                                 Executor executor) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause instanceof TimeoutException) {
                out.completeExceptionally(new KernelFault(target + " did not answer within " + timeout, cause));
            } else if (cause != null) {
                out.completeExceptionally(cause);
            } else {
                out.complete(value);
            }
        }, executor);
        return out;
    }
}
