package io.watchsim.actors;

import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocking helpers for tests that drive a {@link Kernel} from the test thread. */
final class KernelFixture {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KernelFixture() {
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static QueueHandle sizedQueue(Kernel kernel, int notes) {
        QueueHandle q = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(q.id(), notes)).isOk()).isTrue();
        return q;
    }

    static SecuredObject key(long id, String label) {
        return new SecuredObject(ObjectKind.KEY, id, "key-" + id, label);
    }

    /** Everything the queue holds now, read non-blocking in 4096-byte reads, decoded. */
    static List<Notification> drain(Kernel kernel, QueueHandle q) {
        List<Notification> out = new ArrayList<>();
        while (true) {
            ReadResult r = await(AskPattern.<NotificationQueue.Command, ReadResult>ask(q.ref(),
                    replyTo -> new NotificationQueue.Read(4096, false, replyTo), TIMEOUT, kernel.system().scheduler()));
            if (r.isError() || r.isEof()) {
                return out;
            }
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                out.add(n);
                off += n.length();
            }
        }
    }

    static ActorRef<WatchedObject.Command> object(Kernel kernel, long id, String label) {
        assertThat(await(kernel.createObject(key(id, label))).isOk()).isTrue();
        return kernel.directory().object(id).orElseThrow();
    }
}
