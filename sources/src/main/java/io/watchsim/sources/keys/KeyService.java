package io.watchsim.sources.keys;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelAction;
import io.watchsim.actors.SimpleObject;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.service.SourceService;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The key subsystem of one kernel: it owns the {@link KeyTable} and carries out what each key
 * system call does outside it, in order: creates each new key's actor (a watched object under
 * the kernel's hosts), posts the call's records on keys, destroys collected keys (their watches
 * send the removal records), and sets or removes watches through the key's actor.
 *
 * <pre>
 *  caller --Call(op)--&gt; PolicyEngine --Call(op, snapshot)--&gt; KeyService --perform--&gt; Kernel
 *                                                               (KeyTable)  --&gt; key actors --&gt; watches --&gt; queues
 * </pre>
 *
 * Calls reach it through the policy actor, so each is judged by the policy in force when it was
 * made, and a caller's calls keep their order with its other operations. A synchronous call is
 * answered once its records are in their queues' mailboxes.
 */
public final class KeyService extends SourceService<KeyService.Command> {

    public interface Command {
    }

    /** Stops the key subsystem (its key table goes with it). */
    public enum Stop implements Command {
        INSTANCE
    }

    /** A message that takes the policy actor's lane without needing its snapshot. */
    public interface InOrder extends Command, SourceService.InOrder<Command> {
    }

    /** A key system call of process {@code pid} with credentials {@code creds}. */
    public record Call(long pid, Credentials creds, KeyOp op, boolean sync, ActorRef<StatusReply<SysResult>> replyTo,
                       PolicySnapshot snapshot) implements Command, PolicyRoutable<Command> {
        public Call {
            Objects.requireNonNull(creds);
            Objects.requireNonNull(op);
            Objects.requireNonNull(replyTo);
        }

        @Override
        public Command stamp(PolicySnapshot s) {
            return new Call(pid, creds, op, sync, replyTo, s);
        }
    }

    /**
     * Lets {@code ms} (0 or more) of simulated time pass: the garbage collector's pending work,
     * expiry and collection; answered when the removals are queued (EINVAL for a negative ms).
     */
    public record Advance(long ms, ActorRef<StatusReply<SysResult>> replyTo) implements InOrder {
    }

    /** /proc/sys/kernel/keys/gc_delay: 0..INT_MAX seconds, EINVAL otherwise, as the sysctl answers. */
    public record SetGcDelay(long seconds, ActorRef<SysResult> replyTo) implements InOrder {
    }

    /** The serials of a process's special keyrings that exist now (id to serial). */
    public record GetSpecials(long pid, Credentials creds, ActorRef<Map<Integer, Integer>> replyTo) implements InOrder {
    }

    /** The next moment garbage collection has work, in simulated ms (Long.MAX_VALUE: none). */
    public record GetNextGcTime(ActorRef<Long> replyTo) implements InOrder {
    }

    private record Done(Answer answer) implements Command {
    }

    private record Construct(Call call, int serial, KeyTable.Construction how) implements Command {
    }

    /** The watch the request's other process asked for, now that construction has ended. */
    private record WatchConstructed(Call call, int serial, SysResult requestResult) implements Command {
    }

    private final KeyTable table;

    /** @param seed decides every key serial */
    public static Behavior<Command> create(Kernel kernel, long seed) {
        return Behaviors.setup(ctx -> new KeyService(ctx, kernel, new KeyTable(new SplittableRandom(seed))));
    }

    private KeyService(ActorContext<Command> context, Kernel kernel, KeyTable table) {
        super(context, kernel, Done::new, "a key call");
        this.table = table;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Call.class, this::onCall)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onMessage(Construct.class, this::onConstruct)
                .onMessage(Done.class, d -> answered(d.answer()))
                .onMessage(WatchConstructed.class, this::onWatchConstructed)
                .onMessage(Advance.class, this::onAdvance)
                .onMessage(SetGcDelay.class, msg -> {
                    if (msg.seconds() < 0 || msg.seconds() > KeyTable.MAX_GC_DELAY_SECONDS) {
                        msg.replyTo().tell(SysResult.fail(Errno.EINVAL, "gc_delay " + msg.seconds()
                                + " is out of range; allowed 0.." + KeyTable.MAX_GC_DELAY_SECONDS));
                    } else {
                        table.setGcDelay(msg.seconds());
                        msg.replyTo().tell(SysResult.ok(0));
                    }
                    return this;
                })
                .onMessage(GetSpecials.class, this::onGetSpecials)
                .onMessage(GetNextGcTime.class, msg -> {
                    msg.replyTo().tell(table.nextGcTime());
                    return this;
                })
                .build();
    }

    private Behavior<Command> onCall(Call call) {
        KeyCaller caller = new KeyCaller(call.pid(), call.creds(), call.snapshot());
        KeyTable.Outcome outcome = dispatch(caller, call.op());
        CompletionStage<SysResult> done = perform(outcome.steps(), call.creds(), call.sync())
                .thenApply(v -> outcome.result());
        SysResult r = outcome.result();
        if (r.isOk() && call.op() instanceof KeyOp.Watch w) {
            done = done.thenCompose(v -> watch((int) r.value(), w.queueId(), w.tag(), call.creds()));
        } else if (r.isOk() && call.op() instanceof KeyOp.Request req && table.isUnderConstruction((int) r.value())) {
            int serial = (int) r.value();
            KeyTable.Construction how = req.errno() == null ? new KeyTable.Construction.Instantiate(req.payload())
                    : new KeyTable.Construction.Reject(req.timeoutSeconds(), req.errno());
            getContext().pipeToSelf(done, (v, failure) -> new Construct(call, serial, how));
            return this;
        }
        reply(done, call.replyTo());
        return this;
    }

    /** The key table's method for each call. */
    private KeyTable.Outcome dispatch(KeyCaller caller, KeyOp op) {
        if (op instanceof KeyOp.Add a) {
            return table.add(caller, a.type(), a.description(), a.payload(), a.ring());
        } else if (op instanceof KeyOp.Update u) {
            return table.update(caller, u.key(), u.payload());
        } else if (op instanceof KeyOp.Link l) {
            return table.link(caller, l.key(), l.ring());
        } else if (op instanceof KeyOp.Unlink u) {
            return table.unlink(caller, u.key(), u.ring());
        } else if (op instanceof KeyOp.Move m) {
            return table.move(caller, m.key(), m.from(), m.to(), m.flags());
        } else if (op instanceof KeyOp.Revoke r) {
            return table.revoke(caller, r.key());
        } else if (op instanceof KeyOp.Invalidate i) {
            return table.invalidate(caller, i.key());
        } else if (op instanceof KeyOp.Clear c) {
            return table.clear(caller, c.ring());
        } else if (op instanceof KeyOp.SetPerm p) {
            return table.setPerm(caller, p.key(), p.perm());
        } else if (op instanceof KeyOp.Chown c) {
            return table.chown(caller, c.key(), c.uid(), c.gid());
        } else if (op instanceof KeyOp.SetTimeout t) {
            return table.setTimeout(caller, t.key(), t.seconds());
        } else if (op instanceof KeyOp.Restrict r) {
            return table.restrict(caller, r.ring(), r.type(), r.restriction());
        } else if (op instanceof KeyOp.Describe d) {
            return table.describe(caller, d.key());
        } else if (op instanceof KeyOp.Read r) {
            return table.read(caller, r.key());
        } else if (op instanceof KeyOp.GetSecurity g) {
            return table.getSecurity(caller, g.key());
        } else if (op instanceof KeyOp.Watch w) {
            return table.checkWatch(caller, w.key(), w.tag());
        } else if (op instanceof KeyOp.JoinSession j) {
            return table.joinSession(caller, j.name());
        } else if (op instanceof KeyOp.KeyringId k) {
            return table.keyringId(caller, k.id(), k.create());
        } else if (op instanceof KeyOp.Request r) {
            return table.requestBegin(caller, r.type(), r.description(), r.dest(), r.payload() != null || r.errno() != null);
        } else if (op instanceof KeyOp.Find f) {
            return table.find(caller, f.type(), f.description());
        }
        throw new IllegalArgumentException("unknown key operation " + op);
    }

    private Behavior<Command> onConstruct(Construct c) {
        KeyTable.Outcome outcome = table.construct(c.serial(), c.how());
        SysResult result = outcome.result();
        CompletionStage<Void> done = perform(outcome.steps(), c.call().creds(), c.call().sync());
        if (c.call().op() instanceof KeyOp.Request req && req.watchQueueId() >= 0) {
            getContext().pipeToSelf(done, (v, failure) -> new WatchConstructed(c.call(), c.serial(), result));
        } else {
            reply(done.thenApply(v -> result), c.call().replyTo());
        }
        return this;
    }

    /**
     * The KEYCTL_WATCH_KEY another process made while the key was under construction: its
     * lookup waited for construction to end (wait_for_key_construction() in lookup_user_key()),
     * so the watch is set only now, or fails as the lookup does (ENOKEY after a negation, the
     * rejection's error after a rejection), and never sees INSTANTIATED. The process is a child
     * of the requester: its credentials and keyrings. Its result is not the request's: the
     * request answers with its own once the watch is settled.
     */
    private Behavior<Command> onWatchConstructed(WatchConstructed w) {
        Call call = w.call();
        KeyOp.Request req = (KeyOp.Request) call.op();
        KeyCaller watcher = new KeyCaller(call.pid(), call.creds(), call.snapshot());
        KeyTable.Outcome check = table.checkWatch(watcher, w.serial(), req.watchTag());
        CompletionStage<Void> done = perform(check.steps(), call.creds(), call.sync());
        if (check.result().isOk()) {
            // Whatever becomes of the watch, the request answers with its own result.
            done = done.thenCompose(v -> watch(w.serial(), req.watchQueueId(), req.watchTag(), call.creds())
                    .handle((watchResult, failure) -> null));
        }
        reply(done.thenApply(v -> w.requestResult()), call.replyTo());
        return this;
    }

    /** The watch itself, on the key's actor: queue, LSM hook and duplicate checks; the tag as the syscall's int. */
    private CompletionStage<SysResult> watch(int serial, long queueId, long tag, Credentials setter) {
        return kernel.watch(Integer.toUnsignedLong(serial), queueId, KeyTable.watchTag(tag), setter)
                .thenApply(SourceService::asCallResult);
    }

    private Behavior<Command> onAdvance(Advance a) {
        if (a.ms() < 0) {
            a.replyTo().tell(StatusReply.success(SysResult.fail(Errno.EINVAL, "time cannot pass by " + a.ms() + " ms")));
            return this;
        }
        List<KeyStep> steps = table.advance(a.ms());
        reply(perform(steps, null, true).thenApply(v -> SysResult.ok(0)), a.replyTo());
        return this;
    }

    private Behavior<Command> onGetSpecials(GetSpecials msg) {
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        for (int id = KeyTable.USER_SESSION; id <= KeyTable.THREAD; id++) {
            int serial = table.specialSerial(msg.pid(), msg.creds().uid(), id);
            if (serial != 0) {
                out.put(id, serial);
            }
        }
        msg.replyTo().tell(out);
        return this;
    }

    /** The submission of the last asynchronous call's records (see {@link #perform}). */
    private CompletableFuture<Void> asyncTail = CompletableFuture.completedFuture(null);

    /**
     * Creates the new keys' actors, then posts and destroys in order. A synchronous call's stage
     * completes once every record is in its queue's mailbox; otherwise once the work is handed on.
     */
    private CompletionStage<Void> perform(List<KeyStep> steps, Credentials generator, boolean sync) {
        if (steps.isEmpty()) {
            return DONE;
        }
        if (!sync && asyncTail.isDone() && postsOnly(steps)) {
            // The load's common case (an update, a setperm): records on existing keys, nothing made
            // and the asynchronous calls before all handed on, so these go out now, in order,
            // without futures or a collector.
            postNow(steps, generator);
            return DONE;
        }
        List<CompletableFuture<?>> creations = new ArrayList<>();
        List<KernelAction> actions = new ArrayList<>();
        java.util.Set<Long> fresh = new java.util.HashSet<>();
        for (KeyStep s : steps) {
            if (s instanceof KeyStep.Create c) {
                creations.add(spawned("key", c.identity().id(), kernel.spawnObject(c.identity().id(),
                        ctx -> SimpleObject.create(c.identity(), ctx))));
                fresh.add(c.identity().id());
            } else if (s instanceof KeyStep.Post p) {
                if (!fresh.contains(p.event().objectId())) {
                    // A key made by this very call has no watch yet: a post to it reaches nobody.
                    actions.add(new KernelAction.PostEvent(p.event()));
                }
            } else if (s instanceof KeyStep.Destroy d) {
                actions.add(new KernelAction.DestroyObject(Integer.toUnsignedLong(d.serial())));
            }
        }
        CompletableFuture<Void> created = CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new));
        if (actions.isEmpty()) {
            return created;
        }
        if (sync) {
            return created.thenCompose(v -> kernel.perform(actions, generator)).thenApply(n -> null);
        }
        // An asynchronous call answers once its keys exist; its records go out after those of the
        // asynchronous calls before it, so that successive calls' records reach an object in order.
        CompletableFuture<Void> previous = asyncTail;
        if (onOneObject(actions)) {
            // Nothing to order across objects and nobody waits for the records: post them straight
            // through the policy lane, without a delivery collector.
            List<io.watchsim.actors.ObjectEvent> events = actions.stream()
                    .map(a -> ((KernelAction.PostEvent) a).event()).toList();
            asyncTail = after(created, previous).thenAccept(v -> kernel.post(events, generator));
        } else {
            // Records on several objects: the call's own order needs a delivery collector, and the
            // next call's records wait until these are queued.
            asyncTail = after(created, previous).thenCompose(v -> kernel.perform(actions, generator))
                    .handle((n, t) -> null);
        }
        return created;
    }

    /**
     * Completes (normally) once both have completed, failed or not: a failed spawn must not stop
     * later calls' records (a post to an object that does not exist is skipped, as in perform).
     */
    private static CompletableFuture<Void> after(CompletableFuture<?> a, CompletableFuture<?> b) {
        return CompletableFuture.allOf(a, b).handle((v, t) -> null);
    }

    /** A stage already complete: a call whose work was handed on at once. */
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Whether every step is a post, all to one and the same object. */
    private static boolean postsOnly(List<KeyStep> steps) {
        long object = -1;
        for (KeyStep s : steps) {
            if (!(s instanceof KeyStep.Post p) || (object != -1 && p.event().objectId() != object)) {
                return false;
            }
            object = p.event().objectId();
        }
        return true;
    }

    /** Posts the steps' events straight through the policy lane, in order (see {@link #postsOnly}). */
    private void postNow(List<KeyStep> steps, Credentials generator) {
        List<io.watchsim.actors.ObjectEvent> events = new ArrayList<>(steps.size());
        for (KeyStep s : steps) {
            events.add(((KeyStep.Post) s).event());
        }
        kernel.post(events, generator);
    }

    /** Whether every action is a post to one and the same object. */
    private static boolean onOneObject(List<KernelAction> actions) {
        long object = -1;
        for (KernelAction a : actions) {
            if (!(a instanceof KernelAction.PostEvent p)) {
                return false;
            }
            if (object != -1 && p.event().objectId() != object) {
                return false;
            }
            object = p.event().objectId();
        }
        return true;
    }
}
