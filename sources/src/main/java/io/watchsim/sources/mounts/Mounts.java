package io.watchsim.sources.mounts;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.Stopping;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.queues.SysResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.pattern.StatusReply;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The mount and superblock sources of a {@link Kernel}, as a Java API: mount system calls and
 * filesystem events by any process, watch_mount and watch_sb, and the fsinfo-style query. Every
 * call goes through the kernel's policy actor, so it keeps its caller's order and is judged by the
 * policy in force; it is answered once the records it posts are in their queues.
 */
public final class Mounts {
    private final Kernel kernel;
    private final ActorRef<MountService.Command> service;

    private Mounts(Kernel kernel, ActorRef<MountService.Command> service) {
        this.kernel = kernel;
        this.service = service;
    }

    /**
     * Starts the mount sources of {@code kernel} with its namespace's root mount and superblock,
     * reproducing the ver #5 bugs {@code bugs} selects. Waits for the root's actors: call it from a
     * plain thread.
     */
    public static Mounts start(Kernel kernel, String name, V5Bugs bugs) {
        ActorRef<MountService.Command> service = kernel.system().systemActorOf(MountService.create(kernel, bugs), name,
                Props.empty());
        Mounts mounts = new Mounts(kernel, service);
        kernel.await(mounts.<SysResult>askWithStatus(MountService.Boot::new)).orThrow();
        return mounts;
    }

    /** Stops the mount sources (not its kernel); the stage completes once they have stopped. */
    public CompletionStage<Void> stop() {
        return Stopping.stop(kernel.system(), service, MountService.Stop.INSTANCE);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** One call as a process with {@code creds}: 0, a new mount's id, or an errno. */
    public CompletionStage<SysResult> call(Credentials creds, MountOp op) {
        return askWithStatus(r -> new MountService.Call(creds, op, r, null));
    }

    /**
     * The call {@code op} (any but watch_mount and watch_sb) with the rename {@code rename} by the same
     * process racing its first rootward walk, landing where {@link RacingRename} says: how ver #5's
     * walk posts duplicates after a rename ({@link V5Bug#RENAME_RETRY_DUPLICATES}) is made to happen
     * on purpose. Answered with the call's result, the rename's and where it landed.
     *
     * @throws IllegalArgumentException for a watch call
     */
    public CompletionStage<RacingRename.Outcome> callRacingRename(Credentials creds, MountOp op, RacingRename rename) {
        if (op instanceof MountOp.WatchMount || op instanceof MountOp.WatchSb) {
            throw new IllegalArgumentException("a rename races with a call the mount table runs itself, not with " + op);
        }
        return askWithStatus(r -> new MountService.CallRacingRename(creds, op, rename, r, null));
    }

    /** The fsinfo-style query of the mount {@code path} resolves in. */
    public CompletionStage<MountService.InfoAnswer> info(Credentials creds, String path) {
        return ask(r -> new MountService.GetInfo(creds, path, r));
    }

    /**
     * The fsinfo-style query of the mount whose id is {@code mntId}, as fsinfo() with
     * AT_FSINFO_MOUNTID_PATH asks it: what a reader that lost records walks the tree with
     * ({@link MountChangeTracker}). ENOENT when no mount has that id.
     */
    public CompletionStage<MountService.InfoAnswer> info(Credentials creds, int mntId) {
        return ask(r -> new MountService.GetInfoById(creds, mntId, r));
    }

    /** The mount {@code path} resolves in, and the watch id a mount watch on that entry has. */
    public CompletionStage<MountService.PlaceAnswer> place(Credentials creds, String path) {
        return ask(r -> new MountService.GetPlace(creds, path, r));
    }

    public CompletionStage<List<MountView>> mounts() {
        return ask(MountService.GetMounts::new);
    }

    private <R> CompletionStage<R> ask(Function<ActorRef<R>, PolicyRoutable<MountService.Command>> message) {
        return kernel.askThroughPolicyPlain(service, message);
    }

    private <R> CompletionStage<R> askWithStatus(
            Function<ActorRef<StatusReply<R>>, PolicyRoutable<MountService.Command>> message) {
        return kernel.askThroughPolicy(service, message);
    }
}
