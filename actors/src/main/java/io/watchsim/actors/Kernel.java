package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyCounts;
import io.watchsim.policies.PolicyEngine;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.NotificationPipe;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.QueueStatus;
import io.watchsim.queues.RecordsInTransit;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.NotificationRing;
import io.watchsim.queues.ring.PipeLimits;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.NotUsed;
import io.watchsim.policies.PolicyRoutable;
import io.watchsim.queues.NotificationQueueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The facade of one simulated kernel: it creates queues (pipe2 with O_NOTIFICATION_PIPE) and
 * watched objects, sets and removes watches, posts events through the policy actor, destroys or
 * crashes objects, and reloads the policy. Every call answers with a {@link CompletionStage}
 * and never blocks; credentials travel with every call the kernel would check. It assumes no
 * single caller or process identity: any number of threads may use one kernel.
 *
 * <p>Its actors live under one {@link KernelGuardian} in the given actor system.
 */
public final class Kernel {
    private final ActorSystem<?> system;
    private final ActorRef<KernelGuardian.Command> guardian;
    private final KernelGuardian.Parts parts;
    private final Directory directory = new Directory();
    /** What every object this kernel spawns is given (one instance for all of them). */
    private final ObjectContext objectContext;
    private final PolicyMetrics metrics;
    private final KernelSettings settings;
    private final AtomicLong nextQueueId = new AtomicLong(1);
    /** Records handed on by objects and not yet given a fate by a queue (the kernel's backlog). */
    private final RecordsInTransit transit = new RecordsInTransit();

    private Kernel(ActorSystem<?> system, ActorRef<KernelGuardian.Command> guardian, KernelGuardian.Parts parts,
                   PolicyMetrics metrics, KernelSettings settings) {
        this.system = system;
        this.guardian = guardian;
        this.parts = parts;
        this.metrics = metrics;
        this.settings = settings;
        this.objectContext = new ObjectContext(directory, settings.history(), settings.planted(), transit,
                settings.clock(), settings.delivery());
    }

    /**
     * Starts a kernel inside {@code system} under the name {@code name}. Waits for its actors to
     * be up, so call it from a plain thread (a test, a main method), not from an actor.
     */
    public static Kernel start(ActorSystem<?> system, String name, KernelSettings settings) {
        PolicyMetrics metrics = new PolicyMetrics();
        ActorRef<KernelGuardian.Command> guardian = system.systemActorOf(
                KernelGuardian.create(settings.initialPolicy(), metrics, settings.hosts(), settings.innerBound()),
                name, Props.empty());
        // the ask fails on its own after askTimeout; the wait (through Waits: a deterministic run's thread keeps
        // running its system meanwhile) allows ten seconds more, as Kernel.await does
        KernelGuardian.Parts parts = Waits.await(AskPattern.<KernelGuardian.Command, KernelGuardian.Parts>ask(guardian,
                KernelGuardian.GetParts::new, settings.askTimeout(), system.scheduler()),
                settings.askTimeout().plusSeconds(10));
        return new Kernel(system, guardian, parts, metrics, settings);
    }

    public ActorSystem<?> system() {
        return system;
    }

    /** The name the kernel was started under (unique in its actor system). */
    public String name() {
        return guardian.path().name();
    }

    /** How long a kernel call waits for its answer before it fails with a {@link KernelFault}. */
    public Duration timeout() {
        return settings.askTimeout();
    }

    /**
     * Waits, on a plain thread (a script's, a command's, a test's; never a dispatcher's), for the
     * answer of a call to this kernel. Every call answers or fails within {@link #timeout()}; the
     * wait allows ten seconds more, so that only a kernel that stopped answering altogether ends it,
     * with a {@link KernelFault}. A call that failed throws its failure.
     */
    public <T> T await(CompletionStage<T> call) {
        return Stages.await(call, timeout().plusSeconds(10));
    }

    /** The kernel's resolver, for its own package (tests look objects up in it). */
    Directory directory() {
        return directory;
    }

    /** The policy actor, for its own package. */
    ActorRef<PolicyEngine.Command> policy() {
        return parts.policy();
    }

    /** Whether an object with this id is up now (it leaves when its actor stops). */
    public boolean hasObject(long objectId) {
        return directory.object(objectId).isPresent();
    }

    /**
     * The kernel's backlog: records posted fire and forget that their object has not yet posted into
     * its queues (and deliveries sent to queues by message that no queue has given a fate yet). A
     * generator that must feel the fan-out (as a Linux caller does, whose post inserts into every
     * queue before the call returns) holds back while it is high. Records lost on the way (dead
     * letters) are settled by whoever sees them ({@link RecordsInTransit#settled}).
     */
    public RecordsInTransit recordsInTransit() {
        return transit;
    }

    /**
     * Settles in the kernel's backlog the deliveries {@code deadLetter} carried: a record on its way
     * to a watch or a queue that had stopped (a dead letter's message). Any other message is
     * ignored. Returns how many deliveries it settled.
     */
    public long settleLost(Object deadLetter) {
        long records = 0;
        if (deadLetter instanceof WatchedObject.Deliver || deadLetter instanceof WatchedObject.DeliverBatch) {
            records = WatchedObject.backlogOf(deadLetter);   // a post whose object had stopped
        } else if (deadLetter instanceof Watch.Forward f) {
            records = RecordsInTransit.counts(f.origin()) ? 1 : 0;
        } else if (deadLetter instanceof Watch.ForwardBatch f) {
            records = f.records().size();
        } else if (deadLetter instanceof NotificationQueue.Post p) {
            records = p.inTransit();
        } else if (deadLetter instanceof NotificationQueue.PostBatch p) {
            records = p.inTransit();
        } else if (deadLetter instanceof NotificationQueue.PostEach p) {
            records = p.inTransit();
        }
        if (records > 0) {
            transit.settled(records);
        }
        return records;
    }

    /** How many watched objects the kernel holds now (an object leaves when its actor stops). */
    public int objectCount() {
        return directory.objectCount();
    }

    /**
     * Asks {@code target}, an actor of the caller's own that belongs to this kernel (a source's
     * service), through the policy actor's lane: the request is stamped with the policy in force
     * and keeps its order with the caller's other operations. This is the one way in for sources
     * built beside the kernel; the answer may be a {@link KernelFault}, which fails the stage.
     */
    public <M, R> CompletionStage<R> askThroughPolicy(ActorRef<M> target,
                                                      Function<ActorRef<StatusReply<R>>, PolicyRoutable<M>> request) {
        return Stages.asked(AskPattern.<PolicyEngine.Command, R>askWithStatus(parts.policy(),
                        replyTo -> new PolicyEngine.Submit<>(request.apply(replyTo), target), timeout(), system.scheduler()),
                parts.policy(), timeout(), system.executionContext());
    }

    /** The same for a request whose answer is a plain value (no fault reported in it). */
    public <M, R> CompletionStage<R> askThroughPolicyPlain(ActorRef<M> target,
                                                           Function<ActorRef<R>, PolicyRoutable<M>> request) {
        return ask(parts.policy(), replyTo -> new PolicyEngine.Submit<>(request.apply(replyTo), target));
    }

    private <Req, Res> CompletionStage<Res> ask(RecipientRef<Req> target, Function<ActorRef<Res>, Req> message) {
        return Stages.asked(AskPattern.ask(target, message::apply, timeout(), system.scheduler()), target, timeout(),
                system.executionContext());
    }

    private static ActorRef<SpawnProtocol.Command> host(List<ActorRef<SpawnProtocol.Command>> hosts, long id) {
        return hosts.get((int) Math.floorMod(Long.hashCode(id) * 0x9E3779B9L, (long) hosts.size()));
    }

    // ------------------------------------------------------------------ queues

    /** pipe2(O_NOTIFICATION_PIPE): a new queue, unsized and unfiltered. */
    public CompletionStage<QueueHandle> createQueue() {
        return createQueue(NotificationRing.PIPE_DEF_BUFFERS);
    }

    /** The same, for a pipe whose max_usage starts at {@code maxUsage} pages (2 for a user over the soft limit). */
    public CompletionStage<QueueHandle> createQueue(int maxUsage) {
        long id = nextQueueId.getAndIncrement();
        ActorRef<SpawnProtocol.Command> host = host(parts.queueHosts(), id);
        NotificationPipe pipe = new NotificationPipe(maxUsage, id, settings.history());
        Behavior<NotificationQueue.Command> queue = NotificationQueue.create(pipe, settings.innerBound(), transit,
                directory.calls());
        return this.<SpawnProtocol.Command, ActorRef<NotificationQueue.Command>>ask(host,
                        replyTo -> new SpawnProtocol.Spawn<>(queue, "queue-" + id, Props.empty(), replyTo))
                .thenApply(ref -> {
                    pipe.attach(ref);
                    directory.putQueue(id, pipe);
                    return new QueueHandle(id, ref);
                });
    }

    public CompletionStage<SysResult> setQueueSize(long queueId, long notes) {
        return setQueueSize(queueId, notes, PipeLimits.WITHIN);
    }

    /** IOC_WATCH_QUEUE_SET_SIZE by a caller whose user and privileges {@code limits} describe. */
    public CompletionStage<SysResult> setQueueSize(long queueId, long notes, PipeLimits limits) {
        return queueCall(queueId, r -> new NotificationQueue.SetSize(notes, limits, r));
    }

    public CompletionStage<SysResult> setFilter(long queueId, FilterRequest filter) {
        return queueCall(queueId, r -> new NotificationQueue.SetFilter(filter, r));
    }

    /** Closes one end of a queue; with both closed the queue stops and its watches go silently. */
    public CompletionStage<SysResult> closeQueueEnd(long queueId, PipeEnd end) {
        return queueCall(queueId, r -> new NotificationQueue.Close(end, r)).thenApply(result -> {
            if (result.isOk() && result.value() == 1) {
                directory.removeQueue(queueId);
            }
            return result.isOk() ? SysResult.ok() : result;
        });
    }

    /** Closes both ends: the queue becomes defunct and stops. */
    public CompletionStage<SysResult> closeQueue(long queueId) {
        return closeQueueEnd(queueId, PipeEnd.READ).thenCompose(r -> closeQueueEnd(queueId, PipeEnd.WRITE));
    }

    private CompletionStage<SysResult> queueCall(long queueId,
                                                 Function<ActorRef<SysResult>, NotificationQueue.Command> message) {
        NotificationPipe pipe = directory.pipe(queueId);
        return pipe == null ? CompletableFuture.completedFuture(noQueue(queueId)) : askQueue(pipe, message);
    }

    /**
     * Asks the queue that owns {@code pipe}. Should the queue stop before the request reaches it, the
     * call is answered as one to a queue that is not there: once the queue, as it stops, tells the
     * kernel that it is gone ({@link PendingCalls}), or from the dead letters ({@link DeadLetterAnswers}),
     * whichever comes first; a query of its state (which the dead letters cannot answer) with null.
     */
    private <R> CompletionStage<R> askQueue(NotificationPipe pipe,
                                            Function<ActorRef<R>, NotificationQueue.Command> message) {
        ActorRef<NotificationQueue.Command> queue = pipe.queue();
        // It may have told its callers before the call was registered (its pipe has ended by then).
        return registeredAsk(queue, queue, message, request -> request, pipe::hasEnded);
    }

    /**
     * Asks {@code via} with the request {@code message} makes for {@code callee}, sent as {@code envelope}
     * wraps it, the call registered with {@link PendingCalls} before it is sent: the callee's own answer,
     * or, should the callee stop without answering it, the answer of a call to a gone callee. When
     * {@code goneAlready} says, once the call is registered, that the callee had stopped before, the call is
     * told so at once, before the answer is made up, so that Pekko's failing at once an ask of an actor
     * already terminated cannot come first.
     */
    private <M, Req, R> CompletionStage<R> registeredAsk(RecipientRef<Req> via, ActorRef<?> callee,
                                                          Function<ActorRef<R>, ? extends M> message,
                                                          Function<M, Req> envelope, BooleanSupplier goneAlready) {
        PendingCalls calls = directory.calls();
        PendingCalls.Call[] call = new PendingCalls.Call[1];
        // Pekko's own answer, complete as soon as the callee tells it (a Scala future's view: nothing but
        // PendingCalls.answer touches it, with its async forms and isDone alone).
        CompletionStage<R> asked = AskPattern.<Req, R>ask(via, r -> {
            M request = message.apply(r);
            call[0] = new PendingCalls.Call(request);
            calls.register(callee, call[0]);   // before it is sent: a stopping callee answers it
            return envelope.apply(request);
        }, timeout(), system.scheduler());
        PendingCalls.Call c = call[0];
        if (goneAlready.getAsBoolean()) {
            c.calleeGone.complete(null);
        }
        return Stages.asked(calls.answer(callee, c, asked, system.executionContext()), via, timeout(),
                system.executionContext());
    }

    private static SysResult noQueue(long queueId) {
        return SysResult.fail(Errno.EBADF, "no queue " + queueId + " (never created, or both ends closed)");
    }

    /** A non-blocking read() of up to {@code bufSize} bytes; EBADF for a queue that is not there. */
    public CompletionStage<ReadResult> readQueue(long queueId, int bufSize) {
        NotificationPipe pipe = directory.pipe(queueId);
        return pipe == null ? CompletableFuture.completedFuture(ReadResult.error(Errno.EBADF))
                : this.<ReadResult>askQueue(pipe, r -> new NotificationQueue.Read(bufSize, false, r));
    }

    /**
     * A blocking read() that a reader actor repeats: each {@link RepeatedRead#next()} asks for the
     * next records, answered to {@code reader} as soon as there are some (or with EBADF or end of
     * file once the queue ends, even a read lost on its way to the stopping queue). Empty when the
     * queue is not there.
     */
    public Optional<RepeatedRead> repeatedRead(long queueId, int bufSize, ActorRef<ReadResult> reader) {
        return Optional.ofNullable(directory.pipe(queueId))
                .map(pipe -> RepeatedRead.of(pipe, bufSize, reader, directory.calls()));
    }

    /**
     * The queue's records as a stream (blocking reads of {@code bufSize}), the loss record in its place.
     * Its reads are a {@link RepeatedRead} of the stream's own: should the queue stop with one on its way,
     * it is answered EBADF and the stream fails rather than waits. The stream releases it as it stops.
     */
    public Optional<Source<Notification, NotUsed>> readStream(long queueId, int bufSize) {
        return readStream(queueId, bufSize, read -> read::next);
    }

    /** The same, each read sent by what {@code sender} makes of the stream's repeated read (tests: a lost read). */
    Optional<Source<Notification, NotUsed>> readStream(long queueId, int bufSize,
                                                       Function<RepeatedRead, Runnable> sender) {
        return Optional.ofNullable(directory.pipe(queueId)).map(pipe -> NotificationQueueSource.create(pipe.queue(),
                bufSize, self -> {
                    RepeatedRead read = RepeatedRead.of(pipe, bufSize, self, directory.calls());
                    Runnable send = sender.apply(read);
                    return new NotificationQueueSource.Reads() {
                        @Override
                        public void next() {
                            send.run();
                        }

                        @Override
                        public void release() {
                            read.release();
                        }
                    };
                }));
    }

    /**
     * Inserts a record into a queue as a watch with {@code tag} would post it, through its filter
     * and loss rules but with no object, watch or policy: WatchSim's own way to exercise a queue
     * before any source posts to it (the script's {@code post} op, a flood fault). In place, on the
     * caller's thread, as an object posts: when it returns 0 the record's fate is decided, so a
     * record posted later by anyone comes after it. 0, or EBADF when the queue is not there or has
     * stopped.
     */
    public SysResult postToQueue(long queueId, Notification record, int tag) {
        NotificationPipe pipe = directory.pipe(queueId);
        if (pipe == null) {
            return noQueue(queueId);
        }
        return pipe.post(record, tag, PostCheck.NONE, null) != null ? SysResult.ok()
                : SysResult.fail(Errno.EBADF, "queue " + queueId + " had stopped");
    }

    /**
     * Fault injection: the queue's actor crashes; its watches stop without leaving their objects
     * first, so posts may still reach them until each object hears of it. 0, or EBADF.
     */
    public SysResult crashQueue(long queueId) {
        Optional<ActorRef<NotificationQueue.Command>> q = directory.queue(queueId);
        q.ifPresent(ref -> {
            directory.removeQueue(queueId);
            ref.tell(NotificationQueue.Crash.INSTANCE);
        });
        return q.isPresent() ? SysResult.ok() : noQueue(queueId);
    }

    /** The queue's counters; empty when the queue is not there (or stops before it answers). */
    public CompletionStage<Optional<QueueStatistics>> queueStatistics(long queueId) {
        return queueQuery(queueId, NotificationQueue.GetStatistics::new);
    }

    /**
     * FIONREAD, poll and F_GETPIPE_SZ state and the counters; empty when the queue is not there (or
     * stops before it answers).
     */
    public CompletionStage<Optional<QueueStatus>> queueStatus(long queueId) {
        return queueQuery(queueId, NotificationQueue.GetStatus::new);
    }

    private <T> CompletionStage<Optional<T>> queueQuery(long queueId,
                                                        Function<ActorRef<T>, NotificationQueue.Command> message) {
        NotificationPipe pipe = directory.pipe(queueId);
        return pipe == null ? CompletableFuture.completedFuture(Optional.empty())
                : askQueue(pipe, message).thenApply(Optional::ofNullable);   // null: it stopped first
    }

    // ------------------------------------------------------------------ objects

    /** A plain watched object with that identity (kind, id, label): 0, or EEXIST if the id is taken. */
    public CompletionStage<SysResult> createObject(SecuredObject identity) {
        return spawnObject(identity.id(), ctx -> SimpleObject.create(identity, ctx));
    }

    /**
     * Spawns a watched object of any kind (sources use it for keys, mounts, superblocks) under
     * an object host, and registers it by id: 0 once it is up, or EEXIST if the id is taken.
     */
    public CompletionStage<SysResult> spawnObject(long id, Function<ObjectContext, Behavior<WatchedObject.Command>> factory) {
        if (directory.object(id).isPresent()) {
            return CompletableFuture.completedFuture(SysResult.fail(Errno.EEXIST, "object " + id + " exists"));
        }
        Behavior<WatchedObject.Command> behavior = factory.apply(objectContext);
        return this.<SpawnProtocol.Command, ActorRef<WatchedObject.Command>>ask(host(parts.objectHosts(), id),
                        replyTo -> new SpawnProtocol.Spawn<>(behavior, "object-" + id, Props.empty(), replyTo))
                .thenApply(ref -> {
                    directory.putObject(id, ref);
                    return SysResult.ok();
                });
    }

    /** Destroys an object: its watches each send one removal record. 0, or ENOENT. */
    public CompletionStage<SysResult> destroy(long objectId) {
        return directory.object(objectId)
                .map(o -> this.<SysResult>inOrder(objectId, o, r -> new WatchedObject.Destroy(r)))
                .orElseGet(() -> CompletableFuture.completedFuture(noObject(objectId)));
    }

    private static SysResult noObject(long objectId) {
        return SysResult.fail(Errno.ENOENT, "no object " + objectId);
    }

    /**
     * Fault injection: the object's actor fails, after the events posted before this call; its
     * watches see it die and send their removal records. 0, or ENOENT.
     */
    public SysResult crash(long objectId) {
        Optional<ActorRef<WatchedObject.Command>> o = directory.object(objectId);
        o.ifPresent(ref -> parts.policy().tell(new PolicyEngine.Submit<>(WatchedObject.Crash.INSTANCE, ref)));
        return o.isPresent() ? SysResult.ok() : noObject(objectId);
    }

    /**
     * Fault injection: the watch of queue {@code queueId} on object {@code objectId} (watch id =
     * object id) fails, after the events posted before this call. It sends no removal record; its
     * object drops it once it hears. 0, ENOENT (no object) or EBADSLT (no such watch).
     */
    public CompletionStage<SysResult> crashWatch(long objectId, long queueId) {
        return directory.object(objectId)
                .map(o -> this.<SysResult>inOrder(objectId, o, r -> new WatchedObject.CrashWatch(queueId, objectId, r)))
                .orElseGet(() -> CompletableFuture.completedFuture(noObject(objectId)));
    }

    /** The watches on an object, newest first; none for an object that is not there. */
    public CompletionStage<List<WatchedObject.WatchInfo>> watches(long objectId) {
        return directory.object(objectId)
                .map(o -> this.<List<WatchedObject.WatchInfo>>inOrder(objectId, o, WatchedObject.GetWatches::new))
                .orElseGet(() -> CompletableFuture.completedFuture(List.of()));
    }

    /**
     * Asks an object through the policy actor's lane, behind the events this caller posted
     * before, so that the caller's operations keep their order. Should the object stop before the
     * request reaches it, the call is answered as one to an object that is not there: once the
     * object, as it stops, tells it that it is gone ({@link PendingCalls}), or from the dead letters
     * ({@link DeadLetterAnswers}), whichever comes first.
     */
    private <R> CompletionStage<R> inOrder(long objectId, ActorRef<WatchedObject.Command> object,
                                           Function<ActorRef<R>, ? extends PolicyRoutable<WatchedObject.Command>> message) {
        // It stopped before the call was registered when the directory no longer lists it.
        return this.<PolicyRoutable<WatchedObject.Command>, PolicyEngine.Command, R>registeredAsk(parts.policy(),
                object, message, request -> new PolicyEngine.Submit<>(request, object),
                () -> !directory.object(objectId).map(object::equals).orElse(false));
    }

    // ------------------------------------------------------------------ watches

    /**
     * Sets a watch of queue {@code queueId} on {@code objectId} with {@code tag} (0..255), as
     * {@code setter}; a tag of -1 removes it. The answer is the syscall's: 0 or an errno.
     * The watch id is the object id (keys, superblocks).
     */
    public CompletionStage<SysResult> watch(long objectId, long queueId, long tag, Credentials setter) {
        return watch(objectId, objectId, queueId, tag, setter);
    }

    /** The same, for objects whose watches are told apart by another id (a mount's dentries). */
    public CompletionStage<SysResult> watch(long objectId, long watchId, long queueId, long tag, Credentials setter) {
        Optional<ActorRef<WatchedObject.Command>> object = directory.object(objectId);
        if (object.isEmpty()) {
            return CompletableFuture.completedFuture(noObject(objectId));
        }
        NotificationPipe pipe = directory.pipe(queueId);
        if (tag == WatchList.REMOVE_TAG) {
            return inOrder(objectId, object.get(), r -> new WatchedObject.RemoveWatch(watchId, queueId, pipe != null, setter, r));
        }
        return inOrder(objectId, object.get(), r -> new WatchedObject.AddWatch(watchId, queueId, pipe == null ? null : pipe.queue(),
                pipe, tag, setter, r));
    }

    public CompletionStage<SysResult> unwatch(long objectId, long queueId, Credentials setter) {
        return watch(objectId, queueId, WatchList.REMOVE_TAG, setter);
    }

    // ------------------------------------------------------------------ events

    /**
     * Posts a record to the watches of {@code objectId} through the policy actor, fire and
     * forget. {@code generator} is the event generator's credentials, or null for a system
     * source. 0 once submitted, or ENOENT for an object that is not there (nothing is posted).
     */
    public SysResult post(long objectId, Notification record, Credentials generator) {
        return post(List.of(ObjectEvent.of(objectId, record)), generator);
    }

    /** Posts several records in one message, in order, to the same watches (none: nothing to post). */
    public SysResult postAll(long objectId, List<Notification> records, Credentials generator) {
        if (records.isEmpty()) {
            return SysResult.ok();
        }
        return post(List.of(new ObjectEvent(objectId, objectId, records)), generator);
    }

    /**
     * Posts several events in order, fire and forget: the number of events submitted, or ENOENT
     * (and nothing posted) when one of their objects is not there.
     */
    public SysResult post(List<ObjectEvent> events, Credentials generator) {
        List<ActorRef<WatchedObject.Command>> objects = new java.util.ArrayList<>(events.size());
        for (ObjectEvent e : events) {
            Optional<ActorRef<WatchedObject.Command>> o = directory.object(e.objectId());
            if (o.isEmpty()) {
                return noObject(e.objectId());
            }
            objects.add(o.get());
        }
        for (int i = 0; i < events.size(); i++) {
            ObjectEvent e = events.get(i);
            transit.handedOn(e.records().size());
            parts.policy().tell(new PolicyEngine.Submit<>(e.records().size() == 1
                    ? new WatchedObject.Notify(e.watchId(), e.records().get(0), generator, null, true)
                    : new WatchedObject.NotifyBatch(e.watchId(), e.records(), generator, null, true), objects.get(i)));
        }
        return SysResult.ok(events.size());
    }

    /**
     * A generator's handle on one object: posts records to its watches (watch id = object id)
     * through the policy actor, judged by the policy in force, with {@code generator}'s
     * credentials. For load generators that post from their own actors; empty when the object is
     * not there.
     */
    public Optional<EventSource> eventSource(long objectId, Credentials generator) {
        return directory.object(objectId).map(o -> new EventSource(parts.policy(), o, objectId, generator, transit));
    }

    /**
     * Posts records and answers, with the watches reached, once every record is in its queue
     * (in its ring, or in its mailbox when sent by message): a later read of any of those queues sees them. An object that is not there is
     * counted as absent.
     */
    public CompletionStage<DeliveryReport> postAndWait(long objectId, List<Notification> records, Credentials generator) {
        return postAndWait(List.of(new ObjectEvent(objectId, objectId, records)), generator);
    }

    /**
     * Posts several events in order and answers, with the watches reached, once every record is
     * in its queue.
     */
    public CompletionStage<DeliveryReport> postAndWait(List<ObjectEvent> events, Credentials generator) {
        return perform(events.stream().<KernelAction>map(KernelAction.PostEvent::new).toList(), generator);
    }

    /**
     * Carries out posts and destructions one after another, as one system call would, and
     * answers, with the watches reached and missed, once every record (removal records included)
     * is in its queue. A step whose object is not there is counted as absent; a watch
     * or object that stops meanwhile is counted as missed. Fails with a {@link KernelFault} when
     * the kernel's inner bound runs out first.
     */
    public CompletionStage<DeliveryReport> perform(List<KernelAction> actions, Credentials generator) {
        List<KernelGuardian.Target> targets = new java.util.ArrayList<>(actions.size());
        for (KernelAction a : actions) {
            long id = a instanceof KernelAction.PostEvent p ? p.event().objectId() : ((KernelAction.DestroyObject) a).objectId();
            directory.object(id).ifPresent(o -> targets.add(new KernelGuardian.Target(o, a)));
        }
        int absent = actions.size() - targets.size();
        if (targets.isEmpty()) {
            return CompletableFuture.completedFuture(new DeliveryReport(0, 0, absent));
        }
        CompletableFuture<DeliveryReport> report = Stages.asked(
                AskPattern.<KernelGuardian.Command, DeliveryReport>askWithStatus(guardian,
                        r -> new KernelGuardian.SyncSubmit(List.copyOf(targets), generator,
                                settings.delivery() == DeliveryPath.DIRECT, r), timeout(), system.scheduler()),
                guardian, timeout(), system.executionContext());
        return absent == 0 ? report : report.thenApply(r -> new DeliveryReport(r.reached(), r.missed(), absent));
    }

    // ------------------------------------------------------------------ policy

    /** Replaces the policy; once the answer arrives, every later event is judged by it. */
    public CompletionStage<PolicyEngine.Reloaded> reloadPolicy(SecurityModule module) {
        return ask(parts.policy(), r -> new PolicyEngine.Reload(module, r));
    }

    public CompletionStage<PolicyCounts> policyCounts() {
        return ask(parts.policy(), PolicyEngine.GetCounts::new);
    }

    public PolicyMetrics policyMetrics() {
        return metrics;
    }

    /** Stops every actor of this kernel; the stage completes once all of them have stopped. */
    public CompletionStage<Void> stop() {
        return Stopping.stop(system, guardian, KernelGuardian.Stop.INSTANCE);
    }
}
