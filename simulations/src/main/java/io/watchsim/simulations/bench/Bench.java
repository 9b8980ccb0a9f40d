package io.watchsim.simulations.bench;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.actors.EventSource;
import io.watchsim.actors.WatchList;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.SecurityModule;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.queues.NotificationQueue;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.QueueStatistics;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.watchsim.simulations.bench.BenchCalls.await;
import static io.watchsim.simulations.bench.BenchCalls.checked;

/**
 * The throughput benchmark: for each fan-out, WatchSim's full path (with and without a policy
 * engine), a naive Pekko relay of the same shape, and a plain-Java ring baseline, run
 * interleaved in rounds after a warm-up, reported as deliveries per second (median and range)
 * and as ratios measured within the same run.
 */
public final class Bench {
    /** The queue size of the throughput worlds, in notes: a window of bursts in flight must fit in it. */
    public static final int QUEUE_NOTES = 256;

    /** How a run is set up. */
    public record Settings(List<Integer> fanouts, int rounds, int warmups, long targetDeliveries, int burst,
                           int window, LatencyPlan latency) {
        public Settings {
            fanouts = List.copyOf(fanouts);
            if (rounds < 1 || warmups < 0 || burst < 1 || window < 1 || burst * window > QUEUE_NOTES) {
                throw new IllegalArgumentException("rounds >= 1, warmups >= 0, burst >= 1, window >= 1 and "
                        + "burst * window <= " + QUEUE_NOTES + " (the queue size); found rounds " + rounds
                        + ", warmups " + warmups
                        + ", burst " + burst + ", window " + window);
            }
        }
    }

    /** The figures of one shape at one fan-out: deliveries per second of each measured round. */
    public record Shape(String name, double[] perSecond) {
        double median() {
            return Bench.median(perSecond);
        }

        double min() {
            return Arrays.stream(perSecond).min().orElse(0);
        }

        double max() {
            return Arrays.stream(perSecond).max().orElse(0);
        }
    }

    /**
     * How latency is measured, if at all: each trial of the saturation search offers a rate for
     * {@code trialMillis}; the search bisects {@code searchSteps} times; each share of the
     * saturation found is then offered for {@code measureMillis}.
     */
    public record LatencyPlan(long trialMillis, long measureMillis, int searchSteps, int queueNotes) {
        public static final LatencyPlan NONE = new LatencyPlan(0, 0, 0, QUEUE_NOTES);

        public LatencyPlan {
            if (trialMillis < 0 || measureMillis < 0 || searchSteps < 0) {
                throw new IllegalArgumentException("latency trial, measurement and search steps must not be negative");
            }
            if (queueNotes < 1 || queueNotes > WatchNotification.WATCH_QUEUE_MAX_NOTES) {
                throw new IllegalArgumentException("the latency queues' size must be 1.."
                        + WatchNotification.WATCH_QUEUE_MAX_NOTES + " notes (a notification queue's limit), found "
                        + queueNotes);
            }
        }

        public LatencyPlan(long trialMillis, long measureMillis, int searchSteps) {
            this(trialMillis, measureMillis, searchSteps, QUEUE_NOTES);
        }

        boolean enabled() {
            return measureMillis > 0;
        }
    }

    /** Post-to-read latency of the full path with Smack at a share of its open-loop saturation rate. */
    public record LatencyResult(double load, double eventsPerSecond, long sent, long samples, double p50Micros,
                                double p99Micros, double p999Micros, double maxMicros, long lost, boolean drained) {
    }

    /**
     * The latency figures of one fan-out: the open-loop saturation (the highest offered event
     * rate found with nothing lost and every reader keeping up), the search's trials, and the
     * latency at each share of it.
     */
    public record LatencyReport(double saturationEventsPerSecond, List<String> search, List<LatencyResult> loads) {
        public static final LatencyReport NONE = new LatencyReport(0, List.of(), List.of());
    }

    /** All shapes at one fan-out, the losses the full path saw (there should be none), and latencies. */
    public record FanoutResult(int fanout, long eventsPerRound, List<Shape> shapes, long lost,
                               LatencyReport latency) {
        Shape shape(String name) {
            return shapes.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }

        /**
         * What the policy engine leaves of the full path's throughput: the median over rounds of
         * each round's full+policy / full (both measured back to back, so that drift between
         * rounds cancels out).
         */
        double policyRatio() {
            double[] withPolicy = shape(FULL_POLICY).perSecond();
            double[] without = shape(FULL).perSecond();
            double[] ratios = new double[withPolicy.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = withPolicy[i] / without[i];
            }
            return median(ratios);
        }
    }

    static final String FULL_POLICY = "full path + smack";
    static final String FULL = "full path";
    static final String RELAY = "naive relay";
    static final String RING = "plain rings";

    /** How long a generator or relay may take to answer that its round is over. */
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(3);
    private static final Credentials GENERATOR = Credentials.user(1000, 1000).withLabel("Gen");
    private static final Credentials WATCHER = Credentials.user(1001, 1001).withLabel("Watcher");

    private final ActorSystem<?> system;
    private final PrintStream log;
    private int worlds;

    public Bench(ActorSystem<?> system, PrintStream log) {
        this.system = system;
        this.log = log;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** A built full-path world: a kernel, N queues each watching one object, a generator with N readers. */
    record World(Kernel kernel, List<QueueHandle> queues, EventSource source,
                         ActorRef<FullPath.Command> generator) {
        List<Long> queueIds() {
            return queues.stream().map(QueueHandle::id).toList();
        }
    }

    /** A world; with {@code burst} above 0 also a throughput generator and its readers. */
    private World buildFullPath(int n, SecurityModule policy, int burst, int queueNotes) {
        return buildFullPath(KernelSettings.DEFAULT.withPolicy(policy).withHosts(Math.max(4, Math.min(1024, n / 100))),
                n, burst, queueNotes);
    }

    /** The same on a kernel made with {@code settings}. */
    World buildFullPath(KernelSettings settings, int n, int burst, int queueNotes) {
        Kernel kernel = Kernel.start(system, "bench-" + (++worlds), settings);
        List<QueueHandle> queues = BenchCalls.queues(kernel, n, queueNotes, 1000);
        long objectId = 1;
        checked(await(kernel.createObject(new SecuredObject(ObjectKind.KEY, objectId, "bench", "Obj"))),
                "making the bench object");
        EventSource source = kernel.eventSource(objectId, GENERATOR).orElseThrow();
        // One object's watch adds are served one at a time, so they are asked for in slices that
        // each finish well within the kernel's ask timeout.
        BenchCalls.inBatches(n, 2000, i -> kernel.watch(objectId, queues.get((int) i).id(),
                (int) (i % (WatchList.MAX_TAG + 1)), WATCHER)).forEach(r -> checked(r, "setting a bench watch"));
        if (burst == 0) {
            return new World(kernel, queues, source, null);
        }
        List<Notification> records = new ArrayList<>(burst);
        for (int i = 0; i < burst; i++) {
            records.add(KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, (int) objectId, i));
        }
        ActorRef<FullPath.Command> generator = system.systemActorOf(
                FullPath.generator(kernel, source, queues.stream().map(QueueHandle::id).toList(), List.copyOf(records)),
                "bench-generator-" + worlds, Props.empty());
        return new World(kernel, queues, source, generator);
    }

    /**
     * Latency in a world of its own: first the open-loop saturation, the highest offered rate
     * with nothing lost and every reader keeping up (bracketed from the closed-loop figure by
     * halving or growing, then bisected), then 50% and 90% of it, each measured.
     */
    private LatencyReport latency(int n, SecurityModule policy, double closedLoopDeliveries, LatencyPlan plan,
                                  int burst) {
        World w = buildFullPath(n, policy, 0, plan.queueNotes());
        Latency.Sink sink = new Latency.Sink();
        system.systemActorOf(Latency.readers(w.kernel(), w.queueIds(), sink),
                "latency-readers-" + worlds, Props.empty());
        List<String> search = new ArrayList<>();
        double lo = 0;
        double hi = 0;
        // Bracket: from the closed-loop rate, halve until a rate is sustained, or grow while one is.
        double rate = closedLoopDeliveries / n;
        for (int step = 0; step < 12 && (lo == 0 || hi == 0); step++) {
            Latency.Trial t = trial(w, sink, rate, plan.trialMillis(), burst);
            search.add(describe(t, n));
            if (t.sustained()) {
                lo = rate;
                rate *= 1.5;
                if (step >= 4 && hi == 0) {
                    break; // sustained well above the closed-loop figure: good enough a bracket
                }
            } else {
                hi = rate;
                rate /= 2;
            }
        }
        // Then bisect between the highest sustained and the lowest failed rate.
        for (int i = 0; i < plan.searchSteps() && lo > 0 && hi > lo; i++) {
            double mid = (lo + hi) / 2;
            Latency.Trial t = trial(w, sink, mid, plan.trialMillis(), burst);
            search.add(describe(t, n));
            if (t.sustained()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        log.printf("  open-loop saturation: %,.0f events/s (%s deliveries/s); trials: %s%n", lo, rate(lo * n).trim(),
                String.join("; ", search));
        List<LatencyResult> out = new ArrayList<>();
        if (lo > 0) {
            for (double load : new double[] {0.5, 0.9}) {
                Latency.Trial t = trial(w, sink, load * lo, plan.measureMillis(), burst);
                org.HdrHistogram.Histogram h = t.histogram();
                LatencyResult r = new LatencyResult(load, t.eventsPerSecond(), t.sent(), h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, t.lost(), t.drained());
                log.printf("  latency at %.0f%% (%,.0f events/s, %,d sent): p50 %.1f us, p99 %.1f us, p99.9 %.1f us,"
                                + " max %.1f us, lost %d%n", load * 100, r.eventsPerSecond(), r.sent(), r.p50Micros(),
                        r.p99Micros(), r.p999Micros(), r.maxMicros(), r.lost());
                out.add(r);
            }
        }
        w.kernel().stop();
        return new LatencyReport(lo, List.copyOf(search), List.copyOf(out));
    }

    private long marks;

    /**
     * Offers {@code eventsPerSecond} for {@code millis}, then waits for every reader to reach a
     * mark posted behind the load (a second mark drains a backlog the first did not).
     */
    private Latency.Trial trial(World w, Latency.Sink sink, double eventsPerSecond, long millis, int burst) {
        long lostBefore = lost(w);
        sink.recorder().getIntervalHistogram();
        long sent = Latency.offer(w.source(), eventsPerSecond, millis * 1_000_000L, burst);
        int n = w.queues().size();
        long timeout = 1000 + millis;
        boolean drained = Latency.awaitMark(w.source(), sink, n, ++marks, timeout);
        org.HdrHistogram.Histogram h = sink.recorder().getIntervalHistogram();
        if (!drained) {
            Latency.awaitMark(w.source(), sink, n, ++marks, 10 * timeout);
        }
        return new Latency.Trial(eventsPerSecond, sent, lost(w) - lostBefore, drained, h);
    }

    private static String describe(Latency.Trial t, int n) {
        return String.format("%s %s", rate(t.eventsPerSecond() * n).trim(),
                t.sustained() ? "ok" : t.lost() > 0 ? "lost " + t.lost() : "behind");
    }

    long lost(World w) {
        long lost = 0;
        for (QueueHandle q : w.queues()) {
            lost += await(w.kernel().queueStatistics(q.id())).map(QueueStatistics::lost).orElse(0L);
        }
        return lost;
    }

    private double fullRound(World w, long events, Settings s) {
        return fullRound(w, events, s.burst(), s.window());
    }

    /** One round of the world's generator: deliveries per second. */
    double fullRound(World w, long events, int burst, int window) {
        long ns = await(AskPattern.<FullPath.Command, Long>ask(w.generator(),
                r -> new FullPath.Start(events, burst, window, r), ROUND_TIMEOUT, system.scheduler()));
        return events * (double) w.queues().size() / (ns / 1e9);
    }

    /** How long a round may take before the bench gives up on it. */
    static Duration roundTimeout() {
        return ROUND_TIMEOUT;
    }

    private double relayRound(ActorRef<NaiveRelay.SenderCommand> sender, int n, long events, Settings s) {
        long ns = await(AskPattern.<NaiveRelay.SenderCommand, Long>ask(sender,
                r -> new NaiveRelay.Start(events, s.burst(), s.window(), r), ROUND_TIMEOUT, system.scheduler()));
        return events * (double) n / (ns / 1e9);
    }

    private static double ringRound(int n, long events, Settings s) {
        long ns = RingBaseline.run(n, events, s.burst());
        return events * (double) n / (ns / 1e9);
    }

    /** Runs every fan-out; prints progress to the log. */
    public List<FanoutResult> run(Settings s) {
        List<FanoutResult> results = new ArrayList<>();
        for (int n : s.fanouts()) {
            long events = Math.max(2L * s.burst(), s.targetDeliveries() / n);
            events = (events + s.burst() - 1) / s.burst() * s.burst();
            log.printf("fan-out %,d: building the worlds (%,d events a round)...%n", n, events);
            long t0 = System.nanoTime();
            SmackModule smack = SmackModule.of(SmackRules.empty().with("Gen", "Watcher", "w").with("Watcher", "Obj", "r"));
            World withPolicy = buildFullPath(n, smack, s.burst(), QUEUE_NOTES);
            World without = buildFullPath(n, PermissiveModule.INSTANCE, s.burst(), QUEUE_NOTES);
            ActorRef<NaiveRelay.SenderCommand> relay = system.systemActorOf(NaiveRelay.sender(n, s.burst()),
                    "bench-relay-" + (++worlds), Props.empty());
            log.printf("  built in %.1f s (%,d queues and watches in each of two kernels, %,d relay actors)%n",
                    (System.nanoTime() - t0) / 1e9, n, 2L * n);
            int total = s.warmups() + s.rounds();
            double[][] figures = new double[4][s.rounds()];
            for (int round = 0; round < total; round++) {
                // The two full paths alternate which goes first, so that neither always runs right after the relay.
                double a;
                double b;
                if (round % 2 == 0) {
                    a = fullRound(withPolicy, events, s);
                    b = fullRound(without, events, s);
                } else {
                    b = fullRound(without, events, s);
                    a = fullRound(withPolicy, events, s);
                }
                double c = relayRound(relay, n, events, s);
                double d = ringRound(n, events, s);
                boolean measured = round >= s.warmups();
                log.printf("  %s %d: full+policy %s  full %s  relay %s  rings %s%n", measured ? "round" : "warm-up",
                        measured ? round - s.warmups() + 1 : round + 1, rate(a), rate(b), rate(c), rate(d));
                if (measured) {
                    int r = round - s.warmups();
                    figures[0][r] = a;
                    figures[1][r] = b;
                    figures[2][r] = c;
                    figures[3][r] = d;
                }
            }
            long lost = lost(withPolicy) + lost(without);
            withPolicy.kernel().stop();
            without.kernel().stop();
            LatencyReport latencies = s.latency().enabled()
                    ? latency(n, smack, median(figures[0]), s.latency(), s.burst()) : LatencyReport.NONE;
            results.add(new FanoutResult(n, events, List.of(new Shape(FULL_POLICY, figures[0]),
                    new Shape(FULL, figures[1]), new Shape(RELAY, figures[2]), new Shape(RING, figures[3])), lost,
                    latencies));
        }
        return results;
    }

    static String rate(double perSecond) {
        return String.format("%7.2f M/s", perSecond / 1e6);
    }

    /** The report: deliveries per second per shape, and the ratios the targets are stated in. */
    public static String report(List<FanoutResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %-20s %14s %24s%n", "fan-out", "shape", "median", "range (min..max)"));
        for (FanoutResult r : results) {
            for (Shape s : r.shapes()) {
                sb.append(String.format("%-10s %-20s %14s %24s%n", String.format("%,d", r.fanout()), s.name(),
                        rate(s.median()), rate(s.min()).trim() + " .. " + rate(s.max()).trim()));
            }
        }
        sb.append(String.format("%n%-10s %22s %22s %22s %10s%n", "fan-out", "full+policy / relay", "full / relay",
                "full+policy / full *", "lost"));
        for (FanoutResult r : results) {
            double fp = r.shape(FULL_POLICY).median();
            double f = r.shape(FULL).median();
            double rel = r.shape(RELAY).median();
            double ring = r.shape(RING).median();
            sb.append(String.format("%-10s %22.2f %22.2f %22.2f %10d%n", String.format("%,d", r.fanout()), fp / rel,
                    f / rel, r.policyRatio(), r.lost()));
            sb.append(String.format("%-10s %22s %22.4f%n", "", "full / rings:", f / ring));
        }
        sb.append("* the median over rounds of each round's ratio (the two run back to back in every round)\n");
        if (results.stream().anyMatch(r -> r.latency() != LatencyReport.NONE)) {
            sb.append(String.format("%n%-10s %-22s %6s %14s %10s %10s %10s %10s %8s%n", "fan-out", "open-loop saturation",
                    "load", "events/s", "p50 us", "p99 us", "p99.9 us", "max us", "lost"));
            for (FanoutResult r : results) {
                for (LatencyResult l : r.latency().loads()) {
                    sb.append(String.format("%-10s %-22s %5.0f%% %,14.0f %10.1f %10.1f %10.1f %10.1f %8d%n",
                            String.format("%,d", r.fanout()), rate(r.latency().saturationEventsPerSecond() * r.fanout())
                                    .trim(), l.load() * 100, l.eventsPerSecond(), l.p50Micros(), l.p99Micros(),
                            l.p999Micros(), l.maxMicros(), l.lost()));
                }
            }
        }
        return sb.toString();
    }
}
