package io.watchsim.actors.sim;

import scala.Function0;
import scala.concurrent.BlockContext;
import scala.concurrent.BlockContext$;
import scala.concurrent.CanAwait;

import java.util.function.Supplier;

/**
 * Pekko waits for itself in a few places while it starts (a logger's start, the stream materializer's):
 * with Scala's {@code Await}, which blocks the calling thread. On the loop's thread that would wait for work
 * only the loop can run, so while a deterministic run is on the thread, such a wait first runs the loop's
 * ready work, which completes what Pekko waits for.
 */
final class PumpingBlockContext implements BlockContext {
    private final SimLoop loop;

    private PumpingBlockContext(SimLoop loop) {
        this.loop = loop;
    }

    static <T> T around(SimLoop loop, Supplier<T> body) {
        Function0<T> thunk = body::get;
        return BlockContext$.MODULE$.withBlockContext(new PumpingBlockContext(loop), thunk);
    }

    @Override
    public <T> T blockOn(Function0<T> thunk, CanAwait permission) {
        loop.beforeBlocking();
        return thunk.apply();
    }
}
