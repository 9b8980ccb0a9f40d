package io.watchsim.simulations.runner;

import io.watchsim.actors.ActorNames;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.RepeatedRead;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.RecordBytes;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;
import io.watchsim.simulations.history.HistoryRecorder;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.ReadPace;
import io.watchsim.simulations.scenario.Rate;
import io.watchsim.simulations.scenario.Reader;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.Stall;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.javadsl.AbstractMatchingBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runner's readers: one actor per queue, reading as its queue group's reader says
 * (continuously with blocking reads, or at a pace; stalled at the scenario's times), and counting
 * what it reads where it reads it: records per object, removal records per object, loss records,
 * and a removal followed by a record of the same object (which the removal invariant forbids).
 * Faults steer them through {@link ReaderControl}; at the end {@link #drain()} lets every reader
 * read at full speed and {@link #tallies()} collects what each saw.
 */
final class QueueReaders implements ReaderControl {

    /** What one reader read, by the end of the run. */
    record Tally(long queueId, String group, long records, long removals, long lossMarks, long floods,
                 Map<Long, Long> recordsByObject, Map<Long, Integer> removalsByObject,
                 List<String> removalViolations, boolean closed, List<String> orderViolations,
                 MountRecovery.Found recovery) {
        Tally(long queueId, String group, long records, long removals, long lossMarks, long floods,
              Map<Long, Long> recordsByObject, Map<Long, Integer> removalsByObject,
              List<String> removalViolations, boolean closed) {
            this(queueId, group, records, removals, lossMarks, floods, recordsByObject, removalsByObject,
                    removalViolations, closed, List.of(), null);
        }
    }

    /**
     * Told of every read a reader has counted: its queue and how many records (not loss or removal
     * records) the read returned. Called on the reader's thread; for a benchmark that paces its
     * load by what each reader has read.
     */
    interface ReadObserver {
        void read(long queueId, int records);
    }

    private final Map<Long, ActorRef<Command>> readers = new LinkedHashMap<>();
    private final Kernel kernel;
    private final ActorSystem<?> system;

    private QueueReaders(Kernel kernel, ActorSystem<?> system) {
        this.kernel = kernel;
        this.system = system;
    }

    /** A reader for every queue of the built world, started now (their stalls timed from {@code clock}). */
    static QueueReaders start(ActorSystem<?> system, Kernel kernel, Scenario scenario, BuiltWorld world,
                              RunClock clock, RunCounters counters) {
        return start(system, kernel, scenario, world, clock, counters, null);
    }

    /** The same, telling {@code observer} (when not null) of every read. */
    static QueueReaders start(ActorSystem<?> system, Kernel kernel, Scenario scenario, BuiltWorld world,
                              RunClock clock, RunCounters counters, ReadObserver observer) {
        return start(system, kernel, scenario, world, clock, counters, observer, null);
    }

    /** The same, each reader also telling {@code history} (when not null) what it reads. */
    static QueueReaders start(ActorSystem<?> system, Kernel kernel, Scenario scenario, BuiltWorld world,
                              RunClock clock, RunCounters counters, ReadObserver observer, HistoryRecorder history) {
        return start(system, kernel, scenario, world, clock, counters, observer, history, Map.of());
    }

    /**
     * The same, the reader of each queue of {@code trackers} recovering through mountinfo with
     * those trackers ({@link MountRecovery}).
     */
    static QueueReaders start(ActorSystem<?> system, Kernel kernel, Scenario scenario, BuiltWorld world,
                              RunClock clock, RunCounters counters, ReadObserver observer, HistoryRecorder history,
                              Map<Long, List<io.watchsim.sources.mounts.MountChangeTracker>> trackers) {
        QueueReaders r = new QueueReaders(kernel, system);
        long instance = ActorNames.of(system).nextNumber("reader");
        for (QueueGroup g : scenario.queues()) {
            for (long q : world.queues(g.name())) {
                List<io.watchsim.sources.mounts.MountChangeTracker> t = trackers.get(q);
                r.readers.put(q, system.systemActorOf(Reading.create(kernel, q, g.name(), g.reader(), clock, counters,
                                observer, history, t == null ? null : new MountRecovery(t)),
                        "reader-" + instance + "-" + q, Props.empty()).narrow());
            }
        }
        return r;
    }

    @Override
    public boolean stall(long queueId, Duration length) {
        return tell(queueId, new StallFor(length));
    }

    @Override
    public boolean slow(long queueId, Rate pace, Duration length) {
        return tell(queueId, new SlowFor(pace, length));
    }

    @Override
    public boolean shrinkBuffer(long queueId, int bytes) {
        return tell(queueId, new Shrink(bytes));
    }

    @Override
    public boolean queueClosed(long queueId) {
        return tell(queueId, QueueClosed.INSTANCE);
    }

    private boolean tell(long queueId, Command c) {
        ActorRef<Command> r = readers.get(queueId);
        if (r == null) {
            return false;
        }
        r.tell(c);
        return true;
    }

    /** From now on every reader reads continuously at full speed: stalls and paces end. */
    void drain() {
        readers.values().forEach(r -> r.tell(Drain.INSTANCE));
    }

    /** What every reader has read so far, by queue id; then every reader stops. */
    Map<Long, Tally> tallies() {
        Map<Long, Tally> out = new LinkedHashMap<>();
        List<CompletableFuture<Tally>> asked = new ArrayList<>();
        for (ActorRef<Command> r : readers.values()) {
            asked.add(AskPattern.<Command, Tally>ask(r, Finish::new, kernel.timeout(), system.scheduler())
                    .toCompletableFuture());
        }
        for (CompletableFuture<Tally> f : asked) {
            Tally t = kernel.await(f);
            out.put(t.queueId(), t);
        }
        return out;
    }

    // ------------------------------------------------------------------ the reader actor

    interface Command {
    }

    private enum ReadAgain implements Command {
        INSTANCE
    }

    private record StallFor(Duration length) implements Command {
    }

    private record SlowFor(Rate pace, Duration length) implements Command {
    }

    /** The end of the slow spell numbered {@code spell}; an older spell's end is ignored. */
    private record SlowEnds(long spell) implements Command {
    }

    /** The end of the stall numbered {@code stall}; an older stall's end is ignored. */
    private record StallEnds(long stall) implements Command {
    }

    private record Shrink(int bytes) implements Command {
    }

    private enum QueueClosed implements Command {
        INSTANCE
    }

    private enum Drain implements Command {
        INSTANCE
    }

    private record Finish(ActorRef<Tally> replyTo) implements Command {
    }

    /** A recovery walk ended: what it found, or null when it failed. */
    private record WalkDone(List<io.watchsim.sources.mounts.MountChanges> changes) implements Command {
    }

    /** The watch of one object, by the id it was set on, as seen from its queue. */
    private record WatchOnQueue(long objectId, long watchId) {
    }

    /**
     * One queue's reader. At most one read() is outstanding; after each answer the next goes out
     * at once (continuous), after the pace's interval (paced), or once a stall has ended. It takes
     * its {@link Command}s and the queue's {@link ReadResult}s alike, dispatched by type in one
     * method, with no message adapter, receive table or timer interceptor on the way: a reader is
     * on the way of every record, and a hundred thousand of them each touching its own table on
     * every read cost the runner a third of the kernel's delivery rate at a fan-out of 100,000.
     * Its timers are scheduled messages; a stall's or slow spell's end carries the spell's number,
     * so that only the latest one's end counts, as a timer restarted under the same key would.
     */
    private static final class Reading extends AbstractMatchingBehavior<Object> {
        private final Kernel kernel;
        private final long queueId;
        private final String group;
        private final RunCounters counters;
        /** The run's clock, on the kernel's: a record's post-to-read latency is read off it. */
        private final RunClock clock;
        private final ReadObserver observer;
        private final ActorRef<ReadResult> answers;
        private RepeatedRead read;
        private Rate pace;
        private Rate paceBeforeSlow;
        private boolean outstanding;
        private boolean stalled;
        private boolean closed;
        private boolean draining;
        private long stall;
        private long spell;
        /** Scheduled messages still to come (planned stalls, ends, the next paced read), cancelled at the drain. */
        private List<Cancellable> scheduled;
        private long records;
        private long removals;
        private long lossMarks;
        private long floods;
        private final ObjectCounts recordsByObject = new ObjectCounts();
        private final Map<Long, Integer> removalsByObject = new HashMap<>();
        private final List<String> removalViolations = new ArrayList<>();
        /**
         * Per watch feeding this queue (object and watch id), the post number of the last of its
         * records read here, but for the watch of the current run: they must rise (ordering).
         */
        private final Map<WatchOnQueue, Long> lastPostByWatch = new HashMap<>();
        /** The watch whose records were read last and its last post number: the map is touched once a run. */
        private long runObject = Long.MIN_VALUE;
        private long runWatch;
        private long runPost;
        private final List<String> orderViolations = new ArrayList<>();
        private final HistoryRecorder history;
        /** Recovery through mountinfo after a loss, or null for a reader that does not recover. */
        private final MountRecovery recovery;
        /** A Finish that waits for a recovery walk to end. */
        private Finish finishing;

        static Behavior<Object> create(Kernel kernel, long queueId, String group, Reader reader, RunClock clock,
                                        RunCounters counters, ReadObserver observer, HistoryRecorder history,
                                        MountRecovery recovery) {
            return Behaviors.setup(ctx -> new Reading(ctx, kernel, queueId, group, reader, clock, counters, observer,
                    history, recovery));
        }

        private Reading(ActorContext<Object> ctx, Kernel kernel, long queueId, String group, Reader reader,
                        RunClock clock, RunCounters counters, ReadObserver observer,
                        HistoryRecorder history, MountRecovery recovery) {
            super(ctx);
            this.recovery = recovery;
            this.observer = observer;
            this.history = history;
            this.kernel = kernel;
            this.queueId = queueId;
            this.group = group;
            this.counters = counters;
            this.clock = clock;
            this.answers = ctx.getSelf().narrow();
            this.pace = reader.pace() instanceof ReadPace.Paced p ? p.rate() : null;
            this.read = kernel.repeatedRead(queueId, reader.buffer(), answers).orElse(null);
            for (Stall s : reader.stalls()) {
                long delay = Math.max(0, s.at().toNanos() - clock.elapsedNanos());
                schedule(Duration.ofNanos(delay), new StallFor(s.length()));
            }
            next();
        }

        private void schedule(Duration after, Object message) {
            if (scheduled == null) {
                scheduled = new ArrayList<>(2);
            }
            scheduled.removeIf(Cancellable::isCancelled);
            scheduled.add(getContext().scheduleOnce(after, getContext().getSelf(), message));
        }

        @Override
        public Behavior<Object> onMessage(Object message) {
            if (message instanceof ReadResult r) {
                return onRead(r);
            } else if (message == ReadAgain.INSTANCE) {
                next();
            } else if (message instanceof StallFor s) {
                if (!draining) {
                    stalled = true;
                    schedule(s.length(), new StallEnds(++stall));
                }
            } else if (message instanceof StallEnds e) {
                if (e.stall() == stall && stalled) {
                    stalled = false;
                    next();
                }
            } else if (message instanceof SlowFor s) {
                if (!draining) {
                    paceBeforeSlow = pace;
                    pace = s.pace();
                    schedule(s.length(), new SlowEnds(++spell));
                }
            } else if (message instanceof SlowEnds e) {
                if (e.spell() == spell && !draining) {
                    pace = paceBeforeSlow;
                    next();
                }
            } else if (message instanceof Shrink s) {
                if (read != null) {
                    read = read.withBuffer(s.bytes());
                }
            } else if (message == QueueClosed.INSTANCE) {
                closed = true;
            } else if (message == Drain.INSTANCE) {
                draining = true;
                pace = null;
                stalled = false;
                if (scheduled != null) {
                    scheduled.forEach(Cancellable::cancel);
                    scheduled = null;
                }
                next();
            } else if (message instanceof WalkDone w) {
                pipeWalk(recovery.walked(w.changes()));
                if (finishing != null && !recovery.walking()) {
                    return finish(finishing);
                }
            } else if (message instanceof Finish f) {
                if (recovery != null && recovery.walking()) {
                    finishing = f;   // answered once the walk has ended
                    return this;
                }
                return finish(f);
            } else {
                return Behaviors.unhandled();
            }
            return this;
        }

        private Behavior<Object> finish(Finish f) {
            f.replyTo().tell(new Tally(queueId, group, records, removals, lossMarks, floods,
                    Map.copyOf(recordsByObject.toMap()), Map.copyOf(removalsByObject), List.copyOf(removalViolations),
                    closed, List.copyOf(orderViolations), recovery == null ? null : recovery.found()));
            if (read != null) {
                read.release();   // the queue may outlive its reader
            }
            return Behaviors.stopped();
        }

        /** Hands a recovery walk's end back to this actor (nothing when there is no walk). */
        private void pipeWalk(java.util.concurrent.CompletionStage<List<io.watchsim.sources.mounts.MountChanges>> walk) {
            if (walk != null) {
                getContext().pipeToSelf(walk, (changes, failure) -> new WalkDone(failure == null ? changes : null));
            }
        }

        /** Sends the next read unless one is out, the queue is gone, or a stall holds it back. */
        private void next() {
            if (outstanding || read == null || closed || stalled) {
                return;
            }
            outstanding = true;
            read.next();
        }

        private Behavior<Object> onRead(ReadResult r) {
            outstanding = false;
            if (r.isError() || r.isEof()) {
                closed = true;   // EBADF: the queue was closed (a fault) or the kernel is stopping
                return this;
            }
            if (history != null) {
                history.read(queueId, r);
            }
            long before = records;
            count(r);
            if (observer != null) {
                observer.read(queueId, (int) (records - before));
            }
            if (stalled) {
                return this;   // StallEnds sends the next read
            }
            if (pace != null && !draining) {
                schedule(Duration.ofNanos((long) (1e9 / pace.perSecond())), ReadAgain.INSTANCE);
            } else {
                next();
            }
            return this;
        }

        /** A record of {@code origin}'s watch must come after every earlier one of that watch read here. */
        private void checkOrder(Provenance origin) {
            if (origin.objectId() != runObject || origin.watchId() != runWatch) {
                if (runObject != Long.MIN_VALUE) {
                    lastPostByWatch.put(new WatchOnQueue(runObject, runWatch), runPost);
                }
                runObject = origin.objectId();
                runWatch = origin.watchId();
                Long before = lastPostByWatch.get(new WatchOnQueue(runObject, runWatch));
                runPost = before == null ? 0 : before;
            }
            if (origin.sequence() <= runPost && orderViolations.size() < 10) {
                orderViolations.add("queue " + queueId + ": object " + origin.objectId() + "'s post "
                        + origin.sequence() + " read after its post " + runPost);
            }
            runPost = Math.max(runPost, origin.sequence());
        }

        /**
         * Counts every record of one read() where it is read; times each from its post, and checks
         * that each watch's records come in its post order.
         */
        private void count(ReadResult r) {
            byte[] data = r.data();
            long now = clock.nanoTime();   // the kernel's clock, which stamped each record's post
            PerThreadRecorder.Writer latencies = counters.postToRead.writer();
            long read = 0;
            int index = 0;
            for (int off = 0; off < data.length; index++) {
                int at = off;   // the record is looked at in place: nothing is copied per record
                off += RecordBytes.length(data, at);
                Provenance origin = r.origin(index);
                if (origin != null && !origin.isRemoval()) {
                    latencies.recordValue(Math.max(0, now - origin.postedNanos()));
                    checkOrder(origin);
                }
                int type = RecordBytes.type(data, at);
                if (type == WatchNotification.WATCH_TYPE_META) {
                    if (RecordBytes.subtype(data, at) == WatchNotification.WATCH_META_LOSS_NOTIFICATION) {
                        lossMarks++;
                        counters.lossMarks.increment();
                        if (recovery != null) {
                            pipeWalk(recovery.onLoss());
                        }
                    } else {
                        long id = RecordBytes.length(data, at) >= MetaNotify.REMOVAL_LENGTH
                                ? RecordBytes.u64(data, at, 8) : 0;
                        removals++;
                        counters.removals.increment();
                        int seen = removalsByObject.merge(id, 1, Integer::sum);
                        if (seen > 1 && removalViolations.size() < 10) {
                            removalViolations.add("queue " + queueId + ": removal record " + seen + " for object " + id);
                        }
                    }
                    continue;
                }
                records++;
                read++;
                boolean key = type == WatchNotification.WATCH_TYPE_KEY_NOTIFY;
                if (key && RecordBytes.u32(data, at, KeyNotify.KEY_ID_OFFSET) == FloodRecords.KEY_ID) {
                    floods++;
                    continue;
                }
                long object;
                if (key) {
                    object = Integer.toUnsignedLong(RecordBytes.u32(data, at, KeyNotify.KEY_ID_OFFSET));
                } else {
                    object = -1;
                    if (recovery != null && type == WatchNotification.WATCH_TYPE_MOUNT_NOTIFY) {
                        recovery.onMountRecord(RecordBytes.u32(data, at, MountNotify.TRIGGERED_ON_OFFSET),
                                RecordBytes.u32(data, at, MountNotify.AUXILIARY_MOUNT_OFFSET));
                    }
                }
                recordsByObject.add(object, 1);
                if (!removalsByObject.isEmpty() && removalsByObject.containsKey(object)
                        && removalViolations.size() < 10) {
                    removalViolations.add("queue " + queueId + ": a record of object " + object
                            + " after its removal record");
                }
            }
            if (read > 0) {
                counters.delivered.add(read);
            }
        }

    }
}
