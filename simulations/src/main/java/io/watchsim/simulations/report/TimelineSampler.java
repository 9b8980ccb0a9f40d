package io.watchsim.simulations.report;

import io.watchsim.actors.Kernel;
import io.watchsim.policies.Hook;
import io.watchsim.policies.PolicyCounts;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.queues.ring.QueueStatistics;
import io.watchsim.simulations.runner.BuiltWorld;
import io.watchsim.simulations.runner.RunContext;
import io.watchsim.simulations.runner.RunCounters;
import io.watchsim.simulations.runner.ScenarioRunner;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.Cancellable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a run into a {@link Timeline} every {@code interval} of run time, from its own thread
 * (never a dispatcher's): the counters the runner keeps anyway (deliveries, loss records read,
 * operations), the policy's counters (posts past the queues' filters, denials per hook), an
 * interval of the post-to-read latency histogram, and the statistics of a bounded set of queues
 * (every queue of a world with at most {@value #TRACKED_QUEUES}, else that many spread evenly over
 * each group) for their depth and losses. Nothing is added to any record's path: the sampler only
 * reads adders and asks a few queues their counts. Started as the first part of a run
 * ({@link ScenarioRunner.Options#withFirstPart}), stopped last; at the end it is handed the queues'
 * final counts for the report's per-size and per-group figures ({@link #finalCounts()}).
 *
 * <p>{@link #onScheduler} samples on the run's actor system scheduler instead (virtual in a
 * deterministic run, whose actors must hear from no foreign thread): each sample is a scheduler task
 * on the system's dispatcher, and the queues' counts are asked without waiting: what has answered
 * by a sample is recorded at that sample, the rest at a later one.
 */
public final class TimelineSampler {
    /** At most this many queues are asked their counts each sample. */
    public static final int TRACKED_QUEUES = 64;
    /** Rows a timeline keeps at most (an hour at 100 ms: 36,000 samples in 563..1,125 rows). */
    public static final int CAPACITY = 2048;

    /**
     * The queues are not asked their counts during a run's first second: a fresh JVM's readers have
     * no time to spare then, and the asks made a 1-second quickstart run lose records in 5 runs of 10
     * (1 of 10 without the sampler) on a loaded 2-core machine. Their depth is not measured then.
     */
    static final Duration QUIET_START = Duration.ofSeconds(1);
    /** How often {@link #warmUp} runs a sample's work. */
    static final int WARM_UP_ROUNDS = 300;

    /** The hooks whose denials are sampled, in column order. */
    static final List<Hook> HOOKS = List.of(Hook.values());

    private final Duration interval;
    private final boolean onScheduler;
    private volatile Started started;

    /**
     * A sampler that samples every {@code interval} of run time once started. Made before the run, it
     * runs its sampling code once on data of its own, so that loading and first running that code
     * falls before the run and not into its first second, where a fresh JVM's readers have no time to
     * spare (a quickstart run of 1 s lost records in 3 runs of 8 without this, in none with it).
     */
    public TimelineSampler(Duration interval) {
        this(interval, false);
    }

    private TimelineSampler(Duration interval, boolean onScheduler) {
        this.interval = interval;
        this.onScheduler = onScheduler;
        warmUp();
    }

    /**
     * A sampler that samples every {@code interval} on the run's actor system scheduler (its time: the
     * virtual one in a deterministic run) and never blocks: queue counts are collected as they answer.
     */
    public static TimelineSampler onScheduler(Duration interval) {
        return new TimelineSampler(interval, true);
    }

    /**
     * Runs what a sample runs on throw-away data, often enough for the JIT to compile it
     * ({@value #WARM_UP_ROUNDS} rounds, some 10 to 50 ms before the run), so that the run's first
     * samples do not run it interpreted while a fresh JVM's readers are starting.
     */
    private static void warmUp() {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            LatencyRecorderWarmUp.run();
        }
        Timeline t = new Timeline(columns(List.of(1L)), 2);
        for (int i = 0; i < 3; i++) {
            t.add(new double[t.columns().size()]);
        }
        new PolicyMetrics().snapshot(0, "").of(Hook.POST_NOTIFICATION).checks();
        try {
            CompletableFuture.allOf(CompletableFuture.completedFuture(Optional.empty()))
                    .get(1, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // completed already: nothing to wait for
        }
    }

    /** The latency recorder's interval and percentiles, once. */
    private static final class LatencyRecorderWarmUp {
        static void run() {
            io.watchsim.simulations.runner.LatencyRecorder r = new io.watchsim.simulations.runner.LatencyRecorder();
            for (long v = 1_000; v < 1_000_000_000L; v *= 3) {
                r.recordValue(v);
            }
            Histogram h = r.interval();
            for (double p : new double[]{50, 90, 99, 99.9}) {
                h.getValueAtPercentile(p);
            }
            r.interval();
            r.wholeRun();
        }
    }

    /** The run part that starts sampling {@code ctx}'s run now and stops at the run's end. */
    public ScenarioRunner.RunPart start(RunContext ctx) {
        Started s = new Started(ctx, interval, onScheduler);
        started = s;
        return s;
    }

    /** What was sampled; empty before the run started. */
    public Optional<Timeline> timeline() {
        Started s = started;
        return s == null ? Optional.empty() : Optional.of(s.timeline);
    }

    /** The queues' counts at the end of the run, by queue id; empty before the run's end. */
    public Optional<FinalCounts> finalCounts() {
        Started s = started;
        return s == null || s.finalCounts == null ? Optional.empty() : Optional.of(s.finalCounts);
    }

    /** The ids of the queues sampled, in column order. */
    public List<Long> trackedQueues() {
        Started s = started;
        return s == null ? List.of() : s.tracked;
    }

    /**
     * What the end of the run counted: every queue's statistics, the whole run's latency
     * histogram, the policy's denials by hook and by pair of labels, and the queue ids of each group.
     */
    public record FinalCounts(Map<Long, QueueStatistics> queues, Histogram latency, PolicyCounts policy,
                              Map<PolicyMetrics.LabelPair, Long> deniedByLabels, Map<String, List<Long>> groups) {
    }

    /** The columns of a run's timeline for {@code tracked} queues. */
    static List<Timeline.Column> columns(List<Long> tracked) {
        List<Timeline.Column> cols = new ArrayList<>(List.of(
                new Timeline.Column("t", Timeline.Merge.LAST),
                new Timeline.Column("width", Timeline.Merge.SUM),
                new Timeline.Column("operations", Timeline.Merge.SUM),
                new Timeline.Column("posts", Timeline.Merge.SUM),
                new Timeline.Column("deliveries", Timeline.Merge.SUM),
                new Timeline.Column("lossRecords", Timeline.Merge.SUM),
                new Timeline.Column("lostSampled", Timeline.Merge.SUM),
                new Timeline.Column("p50", Timeline.Merge.MAX),
                new Timeline.Column("p90", Timeline.Merge.MAX),
                new Timeline.Column("p99", Timeline.Merge.MAX),
                new Timeline.Column("p999", Timeline.Merge.MAX)));
        for (Hook h : HOOKS) {
            cols.add(new Timeline.Column("denied." + h.kernelName(), Timeline.Merge.SUM));
        }
        for (Long q : tracked) {
            cols.add(new Timeline.Column("depth." + q, Timeline.Merge.MAX));
        }
        return cols;
    }

    /** The queues sampled: all of them when there are few, else {@value #TRACKED_QUEUES} spread over the groups. */
    static List<Long> tracked(BuiltWorld world) {
        long all = world.queueCount();
        List<Long> out = new ArrayList<>();
        List<String> groups = new ArrayList<>(world.queues().keySet());
        groups.sort(null);
        for (String g : groups) {
            List<Long> ids = world.queues(g);
            if (all <= TRACKED_QUEUES) {
                out.addAll(ids);
                continue;
            }
            int share = (int) Math.max(1, Math.round((double) TRACKED_QUEUES * ids.size() / all));
            for (int i = 0; i < share && i < ids.size(); i++) {
                out.add(ids.get((int) ((long) i * ids.size() / share)));
            }
        }
        return out.size() > TRACKED_QUEUES ? List.copyOf(out.subList(0, TRACKED_QUEUES)) : List.copyOf(out);
    }

    /** A sampler running on one run. */
    private static final class Started implements ScenarioRunner.RunPart {
        private final RunContext ctx;
        private final Kernel kernel;
        private final RunCounters counters;
        private final List<Long> tracked;
        private final Timeline timeline;
        /** The sampler's own thread, or null when it samples on the run's scheduler. */
        private final ScheduledExecutorService thread;
        /** The samples on the run's scheduler, or null when it has its own thread. */
        private final Cancellable ticks;
        private boolean ended;
        private final Map<Long, QueueStatistics> lastStats = new LinkedHashMap<>();
        private final Map<Long, CompletableFuture<Optional<QueueStatistics>>> asking = new LinkedHashMap<>();
        /** Queues that answered that they are gone (closed, crashed): no longer asked, their depth not measured. */
        private final java.util.Set<Long> gone = new java.util.HashSet<>();
        /** What the gone queues had lost, so that the lost total never falls. */
        private long goneLost;
        private final long waitNanos;
        private long lastNanos;
        private long lastOperations;
        private long lastPosts;
        private long lastDeliveries;
        private long lastLossRecords;
        private long lastLost;
        private final long[] lastDenied = new long[HOOKS.size()];
        private volatile FinalCounts finalCounts;

        Started(RunContext ctx, Duration interval, boolean onScheduler) {
            this.ctx = ctx;
            this.kernel = ctx.kernel();
            this.counters = ctx.counters();
            this.tracked = tracked(ctx.world());
            this.timeline = new Timeline(columns(tracked), CAPACITY);
            this.waitNanos = interval.toNanos();
            this.lastNanos = ctx.clock().elapsedNanos();
            // What was counted before the run's time started (the world's watch hooks) is no part of any interval.
            PolicyCounts before = kernel.policyMetrics().snapshot(0, "");
            this.lastPosts = before.of(Hook.POST_NOTIFICATION).checks();
            for (int i = 0; i < HOOKS.size(); i++) {
                lastDenied[i] = before.of(HOOKS.get(i)).denials();
            }
            this.lastOperations = counters.issued.sum();
            this.lastDeliveries = counters.delivered.sum();
            this.lastLossRecords = counters.lossMarks.sum();
            long every = Math.max(1, interval.toNanos());
            if (onScheduler) {
                this.thread = null;
                this.ticks = ctx.system().scheduler().scheduleAtFixedRate(Duration.ofNanos(every),
                        Duration.ofNanos(every), this::sample, ctx.system().executionContext());
            } else {
                this.ticks = null;
                this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "watchsim-sampler");
                    t.setDaemon(true);
                    return t;
                });
                thread.scheduleAtFixedRate(this::sample, every, every, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * One sample: the counters' growth since the last, an interval of latency, the tracked queues'
         * counts. Serialized (on the scheduler two samples may be given to two dispatcher threads); none
         * after the last.
         */
        private synchronized void sample() {
            if (ended) {
                return;
            }
            try {
                if (ctx.clock().elapsedNanos() >= QUIET_START.toNanos()) {
                    askQueues();
                }
                long now = ctx.clock().elapsedNanos();
                PolicyCounts policy = kernel.policyMetrics().snapshot(0, "");
                Histogram h = counters.postToRead.interval();
                long operations = counters.issued.sum();
                long posts = policy.of(Hook.POST_NOTIFICATION).checks();
                long deliveries = counters.delivered.sum();
                long lossRecords = counters.lossMarks.sum();
                long lost = goneLost;
                for (QueueStatistics s : lastStats.values()) {
                    lost += s.lost();
                }
                double[] row = new double[timeline.columns().size()];
                int c = 0;
                row[c++] = now / 1e9;
                row[c++] = (now - lastNanos) / 1e9;
                row[c++] = operations - lastOperations;
                row[c++] = posts - lastPosts;
                row[c++] = deliveries - lastDeliveries;
                row[c++] = lossRecords - lastLossRecords;
                row[c++] = lost - lastLost;
                boolean any = h.getTotalCount() > 0;
                for (double p : new double[]{50, 90, 99, 99.9}) {
                    row[c++] = any ? h.getValueAtPercentile(p) : Double.NaN;
                }
                for (int i = 0; i < HOOKS.size(); i++) {
                    long d = policy.of(HOOKS.get(i)).denials();
                    row[c++] = d - lastDenied[i];
                    lastDenied[i] = d;
                }
                for (Long q : tracked) {
                    QueueStatistics s = lastStats.get(q);
                    row[c++] = s == null ? Double.NaN : s.queued();
                }
                timeline.add(row);
                lastNanos = now;
                lastOperations = operations;
                lastPosts = posts;
                lastDeliveries = deliveries;
                lastLossRecords = lossRecords;
                lastLost = lost;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(TimelineSampler.class).warn("a sample failed: {}", e.toString());
            }
        }

        /**
         * Asks each tracked queue its counts (one ask in flight per queue at most) and, on the sampler's
         * own thread, waits for the answers up to one interval; on the scheduler it does not wait: the
         * answers in by now are taken. A queue that has not answered keeps its last counts.
         */
        private void askQueues() {
            for (Long q : tracked) {
                if (!gone.contains(q)) {
                    asking.computeIfAbsent(q, id -> kernel.queueStatistics(id).toCompletableFuture());
                }
            }
            if (thread != null) {
                CompletableFuture<?> all = CompletableFuture.allOf(asking.values().toArray(CompletableFuture[]::new));
                try {
                    all.get(waitNanos, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // counted with what answered; the rest keep their last counts
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            asking.entrySet().removeIf(e -> {
                CompletableFuture<Optional<QueueStatistics>> f = e.getValue();
                if (!f.isDone()) {
                    return false;
                }
                if (!f.isCompletedExceptionally()) {
                    Optional<QueueStatistics> answer = f.join();
                    if (answer.isPresent()) {
                        lastStats.put(e.getKey(), answer.get());
                    } else {
                        gone.add(e.getKey());
                        QueueStatistics last = lastStats.remove(e.getKey());
                        goneLost += last == null ? 0 : last.lost();
                    }
                }
                return true;
            });
        }

        /** Takes the last, partial interval's sample; completes once it is taken (no sample follows it). */
        @Override
        public CompletionStage<Void> stop() {
            if (thread == null) {
                ticks.cancel();
                return CompletableFuture.runAsync(this::last, ctx.system().executionContext());
            }
            // the sampler's thread runs one task at a time: the last sample follows every earlier one
            CompletableFuture<Void> done = CompletableFuture.runAsync(this::last, thread);
            thread.shutdown();
            return done;
        }

        private synchronized void last() {
            sample();
            ended = true;
        }

        @Override
        public void counted(Map<Long, QueueStatistics> stats) {
            PolicyMetrics metrics = kernel.policyMetrics();
            finalCounts = new FinalCounts(Map.copyOf(stats), counters.postToRead.wholeRun(),
                    metrics.snapshot(0, ""), metrics.denialsByLabels(), ctx.world().queues());
        }
    }
}
