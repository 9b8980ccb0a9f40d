package io.watchsim.actors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Answers of asks as plain {@link CompletableFuture}s whose continuations run where they are
 * completed. Pekko's ask answers with Scala's converted future, whose non-async continuations
 * run on the default async executor; on a machine of 2 cores that executor starts a new thread
 * for every continuation (the common pool has one thread there), which made every kernel call
 * that composed on an ask cost a thread start.
 */
public final class Stages {
    private Stages() {
    }

    /** A plain future completed, on {@code executor}, with the outcome of {@code stage}. */
    public static <T> CompletableFuture<T> plain(CompletionStage<T> stage, Executor executor) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                out.completeExceptionally(failure);
            } else {
                out.complete(value);
            }
        }, executor);
        return out;
    }
}
