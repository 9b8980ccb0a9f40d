package io.watchsim.sources.service;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelFault;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.SysResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What every source's service actor (the key subsystem's {@code KeyService}, the mount sources'
 * {@code MountService}) does around its table's work: it answers a call once the call's kernel
 * work has completed, through its own mailbox, with the call's result or, when the kernel under it
 * failed, that {@link KernelFault}; it makes the actors of the objects a call created, and a clash
 * there is a fault of the simulation. Its control messages take the policy actor's lane
 * ({@link InOrder}).
 *
 * @param <C> the service's message type
 */
public abstract class SourceService<C> extends AbstractBehavior<C> {
    /** A message that takes the policy actor's lane without needing its snapshot. */
    public interface InOrder<C> extends PolicyRoutable<C> {
        @Override
        @SuppressWarnings("unchecked")
        default C stamp(PolicySnapshot snapshot) {
            return (C) this;
        }
    }

    /** A call's answer, to be sent from the service's own thread ({@link #answered}). */
    public record Answer(StatusReply<SysResult> result, ActorRef<StatusReply<SysResult>> replyTo) {
    }

    /** The kernel the service's objects live in, driven through its facade. */
    protected final Kernel kernel;
    private final Function<Answer, C> wrap;
    private final String calls;

    /**
     * @param kernel the kernel the service acts on
     * @param wrap   the service's own message holding an answer (its handler calls {@link #answered})
     * @param calls  what the service's calls are, for a fault's message ("a key call")
     */
    protected SourceService(ActorContext<C> context, Kernel kernel, Function<Answer, C> wrap, String calls) {
        super(context);
        this.kernel = kernel;
        this.wrap = wrap;
        this.calls = calls;
    }

    /**
     * Answers {@code replyTo} once {@code result} completes: its result (an errno is a result), or,
     * when the kernel under the call failed (a delivery that did not finish within its bound), that
     * {@link KernelFault}, so the caller's stage fails with what the kernel was waiting for.
     */
    protected void reply(CompletionStage<SysResult> result, ActorRef<StatusReply<SysResult>> replyTo) {
        getContext().pipeToSelf(result, (r, failure) -> wrap.apply(new Answer(failure == null
                ? StatusReply.success(r) : StatusReply.error(asFault(failure)), replyTo)));
    }

    /** Sends an answer {@link #reply} prepared. */
    protected Behavior<C> answered(Answer a) {
        a.replyTo().tell(a.result());
        return this;
    }

    /** The kernel's failure under a call, as the fault it is. */
    protected KernelFault asFault(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause instanceof KernelFault f ? f : new KernelFault(calls + "'s kernel work failed: " + cause, cause);
    }

    /**
     * The spawn of a new object's actor, which must succeed: the tables hand out unique ids, so a
     * refusal is a fault of the simulation, and the stage fails with it.
     */
    protected static CompletableFuture<SysResult> spawned(String what, long objectId, CompletionStage<SysResult> spawn) {
        return spawn.thenApply(r -> {
            if (!r.isOk()) {
                throw new KernelFault("the actor of new " + what + " " + objectId + " was not made: " + r);
            }
            return r;
        }).toCompletableFuture();
    }

    /** The object's answer to a watch call as the service's own result: its value or its errno and detail. */
    protected static SysResult asCallResult(SysResult s) {
        return s.isOk() ? SysResult.ok(s.value()) : SysResult.fail(s.errno(), s.detail());
    }
}
