package io.watchsim.simulations.bench;

import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.function.Consumer;

/**
 * A bench reader: one blocking read of 4096 bytes at a time, each answer handed to
 * {@code onData} before the next read goes out; it stops when its queue answers with an error
 * or end of file (the queue closed or stopped).
 */
final class QueueReader {
    private QueueReader() {
    }

    static Behavior<ReadResult> create(ActorRef<NotificationQueue.Command> queue, Consumer<ReadResult> onData) {
        return Behaviors.setup(ctx -> {
            NotificationQueue.Read read = new NotificationQueue.Read(4096, true, ctx.getSelf());
            queue.tell(read);
            return Behaviors.receiveMessage(r -> {
                if (r.isError() || r.isEof()) {
                    return Behaviors.stopped();
                }
                onData.accept(r);
                queue.tell(read);
                return Behaviors.same();
            });
        });
    }
}
