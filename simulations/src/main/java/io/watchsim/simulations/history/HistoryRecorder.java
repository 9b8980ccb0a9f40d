package io.watchsim.simulations.history;

import io.watchsim.actors.KernelHistory;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.NanoClock;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PostOutcome;
import io.watchsim.queues.ring.ReadResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a run's history: the kernel's objects and queues call it (as its {@link KernelHistory}),
 * the runner's readers tell it what they read and the runner what it did; every call becomes one
 * {@link HistoryEvent} on an unbounded queue (a call never blocks an actor), and one thread of its
 * own feeds them, in the order they came, to a {@link HistoryChecker} and to a {@link HistoryFile}
 * writer (to the file asked for, or to none: then only the history's {@link #fingerprint()} is
 * kept). Should that thread fall more than {@code backlogLimit} events behind, the recorder stops
 * recording and the verdict says the history is incomplete, rather than let memory grow without
 * bound or pass a verdict on part of a run.
 *
 * <p>An {@linkplain #inline inline} recorder (for a deterministic run, whose actors all run on one
 * thread) has no thread of its own: each call checks and writes its event at once, and nothing is
 * ever dropped, so that what it records depends on the run alone. Times (a read's, a note's) are
 * on the run's {@link NanoClock}, the one the kernel stamps its posts with.
 */
public final class HistoryRecorder implements KernelHistory, AutoCloseable {
    /** The default bound on events waiting for the checker. */
    public static final long DEFAULT_BACKLOG_LIMIT = 4_000_000;

    private static final HistoryEvent END = new HistoryEvent.Note(0, "end");

    private final LinkedBlockingQueue<HistoryEvent> events = new LinkedBlockingQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final long backlogLimit;
    private final Map<Long, SecurityModule> versions = new ConcurrentHashMap<>();
    private final Map<SecurityModule, HistoryEvent.PolicyInForce> descriptions = new ConcurrentHashMap<>();
    private final HistoryChecker checker = new HistoryChecker(versions::get);
    private final HistoryFile.Writer file;
    /** The thread that checks and writes, or null for an inline recorder. */
    private final Thread consumer;
    private final NanoClock clock;
    private final long startNanos;
    private volatile boolean open = true;
    private volatile Throwable failure;
    private volatile String fingerprint;

    /**
     * A recorder with a thread of its own, on the JVM's monotonic clock.
     *
     * @param file         where the history is written as it is checked, or null to check it in memory only
     * @param backlogLimit events that may wait for the checker before the history is declared incomplete
     */
    public HistoryRecorder(HistoryFile.Writer file, long backlogLimit) {
        this(file, backlogLimit, NanoClock.SYSTEM);
    }

    /** The same, its times on {@code clock} (the run's). */
    public HistoryRecorder(HistoryFile.Writer file, long backlogLimit, NanoClock clock) {
        this(file, backlogLimit, clock, true);
    }

    private HistoryRecorder(HistoryFile.Writer file, long backlogLimit, NanoClock clock, boolean threaded) {
        this.file = file == null ? HistoryFile.digestOnly() : file;
        this.backlogLimit = backlogLimit;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        if (threaded) {
            this.consumer = new Thread(this::consume, "watchsim-history");
            consumer.setDaemon(true);
            consumer.start();
        } else {
            this.consumer = null;
        }
    }

    /**
     * A recorder without a thread of its own: each event is checked and written by the call that
     * records it, and none is ever dropped (for a deterministic run, whose calls all come from its
     * one thread; calls from several threads are serialized). Times on {@code clock}.
     *
     * @param file where the history is written, or null to keep only its fingerprint
     */
    public static HistoryRecorder inline(HistoryFile.Writer file, NanoClock clock) {
        return new HistoryRecorder(file, Long.MAX_VALUE, clock, false);
    }

    /** A recorder that checks in memory only, with the default backlog bound. */
    public static HistoryRecorder inMemory() {
        return new HistoryRecorder(null, DEFAULT_BACKLOG_LIMIT);
    }

    // ------------------------------------------------------------------ what the runner tells

    /**
     * Says what rules {@code module} holds (its engines, SELinux mode and rule files), so that a
     * written history can judge its posts again; call it before the module is put in force.
     */
    public void describe(SecurityModule module, List<String> engines, String selinuxMode,
                         List<HistoryEvent.RuleFile> files) {
        descriptions.put(module, new HistoryEvent.PolicyInForce(-1, List.copyOf(engines), selinuxMode, List.copyOf(files)));
    }

    /** The reader of {@code queueId} got {@code result}. */
    public void read(long queueId, ReadResult result) {
        if (result.data().length > 0) {
            offer(new HistoryEvent.Read(queueId, clock.nanoTime(), result.data(), result.origins()));
        }
    }

    /** A deterministic run began: its description, the first event of its history. */
    public void runStarted(HistoryEvent.RunStarted run) {
        offer(run);
    }

    /**
     * Whether the checker has found a violation yet. Exact when the recorder is {@linkplain #inline inline}
     * (a deterministic run: checked as recorded), late otherwise.
     */
    public boolean violated() {
        return checker.violated();
    }

    /** Something the runner did, for the context of a violation. */
    public void note(String text) {
        offer(new HistoryEvent.Note(clock.nanoTime() - startNanos, text));
    }

    // ------------------------------------------------------------------ what the kernel tells

    @Override
    public void watched(long objectId, long watchId, long queueId, int tag, Credentials setter) {
        offer(new HistoryEvent.Watched(objectId, watchId, queueId, tag, setter));
    }

    @Override
    public void unwatched(long objectId, long watchId, long queueId, Unwatch why) {
        offer(new HistoryEvent.Unwatched(objectId, watchId, queueId, why));
    }

    @Override
    public void posted(Provenance origin, Notification record, Credentials generator, PolicySnapshot snapshot) {
        long version = snapshot.version();
        if (!versions.containsKey(version) && versions.putIfAbsent(version, snapshot.module()) == null) {
            offer(policyEvent(version, snapshot.module()));
        }
        offer(new HistoryEvent.Posted(origin.objectId(), origin.watchId(), origin.sequence(), origin.postedNanos(),
                record, generator, version));
    }

    private HistoryEvent.PolicyInForce policyEvent(long version, SecurityModule module) {
        HistoryEvent.PolicyInForce d = descriptions.get(module);
        if (d == null) {
            d = module == PermissiveModule.INSTANCE
                    ? new HistoryEvent.PolicyInForce(-1, List.of("permissive"), "strict", List.of())
                    : new HistoryEvent.PolicyInForce(-1, List.of(), "strict", List.of());   // not described: unjudgeable later
        }
        return new HistoryEvent.PolicyInForce(version, d.engines(), d.selinuxMode(), d.files());
    }

    @Override
    public void fate(long queueId, Provenance origin, int tag, Notification record, PostOutcome outcome) {
        offer(new HistoryEvent.Fate(queueId, origin, tag, record, outcome));
    }

    @Override
    public void watchLost(long objectId, long watchId, long queueId) {
        offer(new HistoryEvent.WatchLost(objectId, watchId, queueId));
    }

    @Override
    public void queueEnded(long queueId, boolean crashed) {
        offer(new HistoryEvent.QueueEnded(queueId, crashed));
    }

    private void offer(HistoryEvent e) {
        if (!open) {
            return;   // after the run: the kernel's own shutdown is not part of it
        }
        if (consumer == null) {
            take(e);
            return;
        }
        if (backlog.incrementAndGet() > backlogLimit) {
            backlog.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        events.add(e);
    }

    // ------------------------------------------------------------------ the checker's thread

    private void consume() {
        try {
            for (;;) {
                HistoryEvent e = events.take();
                if (e == END) {
                    return;
                }
                backlog.decrementAndGet();
                take(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks and writes one event (on the recorder's thread, or inline under its lock); the first failure stops both. */
    private synchronized void take(HistoryEvent e) {
        if (failure != null) {
            return;
        }
        try {
            checker.accept(e);
            file.write(e);
        } catch (RuntimeException | Error x) {
            failure = x;
        }
    }

    /** Events recorded and not yet checked. */
    public long backlog() {
        return backlog.get();
    }

    /**
     * Ends the history (later calls are ignored), waits for the checker to take every event, and
     * returns its verdict; marked incomplete if events were dropped.
     */
    public HistoryVerdict finish() {
        return finish(null);
    }

    /**
     * The same, for a run that knows its history is not whole ({@code notWhole}: why, or null): the
     * file then says so last, and the verdict is marked incomplete.
     */
    public HistoryVerdict finish(String notWhole) {
        open = false;
        if (consumer != null) {
            events.add(END);
            try {
                consumer.join();   // the recorder's own thread, ending: it takes no waiting on the run's clock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the history was being checked", e);
            }
        }
        long lost = dropped.get();
        String why = lost > 0 ? "the checker fell more than " + backlogLimit + " events behind the run (run at a lower "
                + "rate, or a smaller world, to check it)" : notWhole;
        synchronized (this) {
            try {
                if (why != null && failure == null) {
                    file.write(new HistoryEvent.Incomplete(lost, why));
                }
                file.close();
                fingerprint = file.fingerprint();
            } catch (IOException e) {
                throw new UncheckedIOException("the history file could not be written: " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the history checker failed: " + failure, failure);
        }
        HistoryVerdict v = checker.finish();
        return why == null ? v : v.overrun(lost > 0 ? lost + " events were not recorded: " + why : why);
    }

    /**
     * The history's fingerprint: SHA-256 over the exact bytes of its lines in order, the format line
     * first, whether or not they went to a file ({@link HistoryFile.Writer}), in lowercase hex. Two
     * runs that recorded the same events have the same fingerprint. Known once {@link #finish} has
     * returned.
     *
     * @throws IllegalStateException before that
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            throw new IllegalStateException("the history's fingerprint is known once it is finished");
        }
        return f;
    }

    /** Whether this recorder checks and writes on the caller's thread ({@link #inline}). */
    public boolean isInline() {
        return consumer == null;
    }

    @Override
    public void close() {
        if (open) {
            finish();
        }
    }
}
