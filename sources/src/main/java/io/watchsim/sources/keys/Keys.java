package io.watchsim.sources.keys;

import io.watchsim.queues.SysResult;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.Stopping;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyRoutable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.pattern.StatusReply;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The key subsystem of a {@link Kernel}, as a Java API: key system calls by any number of
 * processes, simulated time for expiry and garbage collection. Every call goes through the
 * kernel's policy actor, so it keeps its caller's order and is judged by the policy in force.
 */
public final class Keys {
    private final Kernel kernel;
    private final ActorRef<KeyService.Command> service;

    private Keys(Kernel kernel, ActorRef<KeyService.Command> service) {
        this.kernel = kernel;
        this.service = service;
    }

    /** Starts the key subsystem of {@code kernel}; {@code seed} decides every key serial. */
    public static Keys start(Kernel kernel, String name, long seed) {
        ActorRef<KeyService.Command> service = kernel.system().systemActorOf(KeyService.create(kernel, seed), name,
                Props.empty());
        return new Keys(kernel, service);
    }

    /** Stops the key subsystem (not its kernel); the stage completes once it has stopped. */
    public CompletionStage<Void> stop() {
        return Stopping.stop(kernel.system(), service, KeyService.Stop.INSTANCE);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** A request to the key service through the policy lane, answered with a plain value. */
    private <R> CompletionStage<R> ask(Function<ActorRef<R>, PolicyRoutable<KeyService.Command>> message) {
        return kernel.askThroughPolicyPlain(service, message);
    }

    /** The same for a request whose answer may be a KernelFault, which fails the stage. */
    private <R> CompletionStage<R> askWithStatus(
            Function<ActorRef<StatusReply<R>>, PolicyRoutable<KeyService.Command>> message) {
        return kernel.askThroughPolicy(service, message);
    }

    /** A key system call, answered once every record it posts is in its queue's mailbox. */
    public CompletionStage<SysResult> call(long pid, Credentials creds, KeyOp op) {
        return askWithStatus(r -> new KeyService.Call(pid, creds, op, true, r, null));
    }

    /** A key system call answered as soon as its records are on their way (for load). */
    public CompletionStage<SysResult> callAsync(long pid, Credentials creds, KeyOp op) {
        return askWithStatus(r -> new KeyService.Call(pid, creds, op, false, r, null));
    }

    /**
     * Lets {@code ms} (0 or more; EINVAL if negative) of simulated time pass: the garbage
     * collector's pending work runs first, then expiry and collection; answered once the removal
     * records of collected keys are queued. Time stops at {@link KeyTable#END_OF_TIME}.
     */
    public CompletionStage<SysResult> advance(long ms) {
        return askWithStatus(r -> new KeyService.Advance(ms, r));
    }

    /** /proc/sys/kernel/keys/gc_delay: 0..INT_MAX seconds (EINVAL otherwise). */
    public CompletionStage<SysResult> setGcDelay(long seconds) {
        return ask(r -> new KeyService.SetGcDelay(seconds, r));
    }

    /** The serials of the special keyrings process {@code pid} has now, by special id. */
    public CompletionStage<Map<Integer, Integer>> specials(long pid, Credentials creds) {
        return ask(r -> new KeyService.GetSpecials(pid, creds, r));
    }

    /**
     * When garbage collection next has work, in simulated ms since the kernel started: the
     * current moment while work is pending, Long.MAX_VALUE when there is none at all.
     */
    public CompletionStage<Long> nextGcTime() {
        return ask(KeyService.GetNextGcTime::new);
    }
}
