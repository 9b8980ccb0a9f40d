package io.watchsim.simulations.bench;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.RepeatedRead;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.function.Consumer;

/**
 * A bench reader: one blocking read of 4096 bytes at a time, each answer handed to
 * {@code onData} before the next read goes out; it stops when its queue answers with an error
 * or end of file (the queue closed or stopped), or when the queue is not there to begin with.
 */
final class QueueReader {
    private QueueReader() {
    }

    static Behavior<ReadResult> create(Kernel kernel, long queueId, Consumer<ReadResult> onData) {
        return Behaviors.setup(ctx -> {
            RepeatedRead read = kernel.repeatedRead(queueId, 4096, ctx.getSelf()).orElse(null);
            if (read == null) {
                return Behaviors.stopped();
            }
            read.next();
            return Behaviors.receiveMessage(r -> {
                if (r.isError() || r.isEof()) {
                    return Behaviors.stopped();
                }
                onData.accept(r);
                read.next();
                return Behaviors.same();
            });
        });
    }
}
