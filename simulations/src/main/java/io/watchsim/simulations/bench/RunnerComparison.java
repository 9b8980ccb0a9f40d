package io.watchsim.simulations.bench;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.RunnerPath;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.QueueGroup;
import io.watchsim.simulations.scenario.Reader;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.TagRange;
import io.watchsim.simulations.scenario.WatchRule;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code watchsim bench --runner}: what the scenario runner's accounting costs. On the fan-out
 * shape of {@code scenarios/fanout.conf} (one user key watched by N queues of 32 notes, each read
 * continuously a page at a time), in one actor system and one run, rounds alternate between:
 *
 * <ol>
 *   <li><b>runner path</b>: the runner's own world, readers and accounting ({@link RunnerPath}):
 *       each event is a KEYCTL_UPDATE of the key through {@code Keys.callAsync} (the key table's
 *       lookup and permission checks, the call counted and timed), its record posted by the key
 *       service; every record read is decoded and counted per object by the runner's readers;</li>
 *   <li><b>bare path</b>: the kernel alone: the record posted straight through {@code Kernel.post}
 *       (one {@code Notify}, as the key service posts it) to an object watched by N queues of 32
 *       notes, read by the bench's readers, which count nothing;</li>
 *   <li><b>full path</b>: {@code watchsim bench}'s own generator, posting bursts of one record
 *       ({@code NotifyBatch} of one) to the same shape.</li>
 * </ol>
 *
 * The runner and bare paths run under one closed loop ({@link EventWindow}): one record per event
 * (nothing batched), an event going out only while fewer than {@code window} events are unread by
 * the slowest reader; each reader adds each read to the window's counts (the runner's readers
 * through {@link RunnerPath#onRead}), and the reader that completes an event tells the pacer. The
 * full path is paced by the bench's own {@link BurstPacer} (bursts of one, a message to the
 * generator per read), as {@code watchsim bench --burst 1 --window W} runs it. The invariants of
 * the runner path are checked once, after the rounds (off the clock); everything else it counts
 * is on the clock. Figures are deliveries per second, medians over rounds; the ratio is the median
 * of each round's runner / bare (the paths run back to back in every round, so drift between
 * rounds cancels out; the rounds are {@link SideBySide}'s, as {@code watchsim bench} runs them). Each round's
 * figures are also given per second of the process's CPU time
 * (all its threads), which other work on a shared machine leaves alone.
 */
public final class RunnerComparison {
    /** The queue size of the fan-out scenario, in notes. */
    public static final int QUEUE_NOTES = 32;

    /** How a comparison is run. */
    public record Settings(List<Integer> fanouts, int rounds, int warmups, long targetDeliveries, int window) {
        public Settings {
            fanouts = List.copyOf(fanouts);
            if (rounds < 1 || warmups < 0 || targetDeliveries < 1 || window < 1 || window > QUEUE_NOTES) {
                throw new IllegalArgumentException("rounds >= 1, warmups >= 0, deliveries >= 1 and window 1.."
                        + QUEUE_NOTES + " (the queue size); found rounds " + rounds + ", warmups " + warmups
                        + ", deliveries " + targetDeliveries + ", window " + window);
            }
        }
    }

    /** The figures at one fan-out: deliveries per second of each measured round, by path, and what was lost. */
    public record Result(int fanout, long eventsPerRound, double[] runner, double[] bare, double[] fullPath,
                         double[] runnerCpu, double[] bareCpu, double[] fullPathCpu,
                         long lostRunner, long lostBare, long lostFullPath, RunnerPath.Ending ending,
                         double buildSeconds) {
        /** The median over rounds of each round's runner / bare, in deliveries per second. */
        public double ratio() {
            return SideBySide.medianRatio(runner, bare);
        }

        /** The same in deliveries per second of the process's CPU time. */
        public double cpuRatio() {
            return SideBySide.medianRatio(runnerCpu, bareCpu);
        }
    }

    static final String RUNNER = "runner";
    static final String BARE = "bare";
    static final String FULL = "full";

    private final ActorSystem<?> system;
    private final PrintStream log;
    private final Bench bench;
    private int worlds;

    public RunnerComparison(ActorSystem<?> system, PrintStream log) {
        this.system = system;
        this.log = log;
        this.bench = new Bench(system, log);
    }

    /**
     * The fan-out scenario's world, queues and watches ({@code scenarios/fanout.conf}) with
     * {@code queues} queues, and its generator of updates to the hot key; its injection is not used
     * (the comparison paces the updates), so it is written as the closed loop the comparison runs:
     * {@code window} clients, no think time.
     */
    public static Scenario fanoutScenario(int queues, int window) {
        return Scenario.builder("fanout").seed(7).duration("30s")
                .group(ObjectGroup.hot("hot").withPayload(16))
                .queues(QueueGroup.of("fans", queues).withSize(QUEUE_NOTES).withReader(Reader.continuous(4096)))
                .watch(WatchRule.of("fan-in", "fans", "hot").withTags(new TagRange(1, 255)))
                .generator(Generator.of("updates", "hot", Injection.closed(window, "0s")).with(KeyOperation.UPDATE, 1)
                        .withMaxInFlight(64))
                .build();
    }

    /** The bare path: a world as the bench builds it, its readers and its pacer. */
    private record Bare(Bench.World world, ActorRef<EventWindow.Command> pacer) {
    }

    private Bare bare(int n, int window) {
        Bench.World w = bench.buildFullPath(settings(n, window), n, false, QUEUE_NOTES);
        long object = w.source().objectId();
        Notification record = KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, (int) object, 0);
        Kernel kernel = w.kernel();
        EventWindow paced = new EventWindow(n, window);
        ActorRef<EventWindow.Command> pacer = system.systemActorOf(
                paced.pacer(() -> kernel.post(object, record, Credentials.root())),
                "runner-comparison-bare-" + worlds, Props.empty());
        for (int i = 0; i < n; i++) {
            int sink = i;
            system.systemActorOf(QueueReader.create(kernel, w.queues().get(i).id(), r -> paced.read(sink, r.records())),
                    "runner-comparison-reader-" + worlds + "-" + i, Props.empty());
        }
        return new Bare(w, pacer);
    }

    /** The kernel settings the runner uses for this shape, so that every path runs on a kernel made alike. */
    private static KernelSettings settings(int n, int window) {
        return ScenarioRunner.kernelSettings(fanoutScenario(n, window));
    }

    /** The runner path's pacer, told of each read by the runner's own readers. */
    private ActorRef<EventWindow.Command> pacer(RunnerPath runner, int window) {
        // a reader's index by its queue's id, looked up in one step as the bare readers know theirs
        // (a kernel numbers its queues one after another, so the table is as long as the world)
        List<Long> queues = runner.queueIds();
        long first = queues.get(0);
        int[] sinkOf = new int[(int) (queues.get(queues.size() - 1) - first + 1)];
        for (int i = 0; i < queues.size(); i++) {
            sinkOf[(int) (queues.get(i) - first)] = i;
        }
        EventWindow paced = new EventWindow(queues.size(), window);
        ActorRef<EventWindow.Command> pacer = system.systemActorOf(paced.pacer(runner::issue),
                "runner-comparison-runner-" + worlds, Props.empty());
        runner.onRead((queue, records) -> paced.read(sinkOf[(int) (queue - first)], records));
        return pacer;
    }

    /** One round of {@code events} events through {@code pacer}: the elapsed nanoseconds. */
    private long round(ActorRef<EventWindow.Command> pacer, long events) {
        return BenchCalls.await(AskPattern.<EventWindow.Command, Long>ask(pacer,
                r -> new EventWindow.Start(events, r), Bench.roundTimeout(), system.scheduler()));
    }

    /** Runs every fan-out; prints progress to the log. */
    public List<Result> run(Settings s) {
        List<Result> results = new ArrayList<>();
        for (int n : s.fanouts()) {
            long events = Math.max(2L * s.window(), s.targetDeliveries() / n);
            log.printf("fan-out %,d: building the worlds (%,d events a round, %d in flight)...%n", n, events, s.window());
            worlds++;
            long t0 = System.nanoTime();
            RunnerPath runner = RunnerPath.start(system, "runner-comparison-" + worlds, fanoutScenario(n, s.window()));
            double runnerBuild = runner.buildSeconds();
            ActorRef<EventWindow.Command> runnerPacer = pacer(runner, s.window());
            Bare bare = bare(n, s.window());
            Bench.World full = bench.buildFullPath(settings(n, s.window()), n, true, QUEUE_NOTES);
            log.printf("  built in %.1f s (the runner's world in %.1f s; three kernels of %,d queues and watches)%n",
                    (System.nanoTime() - t0) / 1e9, runnerBuild, n);
            long deliveries = events * n;
            SideBySide.Figures f = SideBySide.run(List.of(
                    new SideBySide.Path(RUNNER, () -> round(runnerPacer, events)),
                    new SideBySide.Path(BARE, () -> round(bare.pacer(), events)),
                    new SideBySide.Path(FULL, () -> bench.fullRound(full, events, 1, s.window()))),
                    deliveries, s.warmups(), s.rounds(), log, () -> "fan-out " + n + ", lost so far: runner "
                            + runner.lost() + ", bare " + bench.lost(bare.world()) + ", full " + bench.lost(full));
            long lostBare = bench.lost(bare.world());
            long lostFull = bench.lost(full);
            bare.world().kernel().stop();
            full.kernel().stop();
            RunnerPath.Ending ending = runner.finish();
            log.printf("  runner path after the rounds: %,d posted, %,d read, %,d lost; invariants %s%n",
                    ending.posted(), ending.delivered(), ending.lost(), ending.held() ? "held" : "VIOLATED");
            results.add(new Result(n, events, f.perSecond(RUNNER), f.perSecond(BARE), f.perSecond(FULL),
                    f.perCpuSecond(RUNNER), f.perCpuSecond(BARE), f.perCpuSecond(FULL), ending.lost(), lostBare,
                    lostFull, ending, runnerBuild));
        }
        return results;
    }

    /** The report: each path's median and range, the ratio, the losses and the runner's invariants. */
    public static String report(List<Result> results, int window) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("one record per event (unbatched), %d events in flight, queues of %d notes;"
                + " deliveries per second%n", window, QUEUE_NOTES));
        sb.append(String.format("%-10s %-28s %14s %24s%n", "fan-out", "path", "median", "range (min..max)"));
        for (Result r : results) {
            row(sb, r.fanout(), "runner path", r.runner());
            row(sb, r.fanout(), "bare path", r.bare());
            row(sb, r.fanout(), "full path (bench's pacer)", r.fullPath());
        }
        sb.append(String.format("%ndeliveries per second of the process's CPU time (all its threads, the collector's"
                + " included)%n"));
        for (Result r : results) {
            row(sb, r.fanout(), "runner path", r.runnerCpu());
            row(sb, r.fanout(), "bare path", r.bareCpu());
            row(sb, r.fanout(), "full path (bench's pacer)", r.fullPathCpu());
        }
        sb.append(String.format("%n%-10s %16s %20s %30s%n", "fan-out", "runner / bare *", "per CPU-second *",
                "lost (runner, bare, full)"));
        for (Result r : results) {
            sb.append(String.format("%-10s %16.3f %20.3f %30s%n", String.format("%,d", r.fanout()), r.ratio(),
                    r.cpuRatio(), r.lostRunner() + ", " + r.lostBare() + ", " + r.lostFullPath()));
        }
        sb.append("* the median over rounds of each round's ratio (the two run back to back in every round)\n");
        for (Result r : results) {
            sb.append(String.format("%nrunner path invariants at fan-out %,d, checked after the rounds:%n", r.fanout()));
            for (RunResult.InvariantVerdict v : r.ending().invariants()) {
                sb.append(String.format("  %-9s %-13s %s%n", v.status().name().toLowerCase(java.util.Locale.ROOT),
                        v.name(), v.detail()));
                v.examples().forEach(e -> sb.append("            ").append(e).append('\n'));
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, int fanout, String name, double[] perSecond) {
        double min = Arrays.stream(perSecond).min().orElse(0);
        double max = Arrays.stream(perSecond).max().orElse(0);
        sb.append(String.format("%-10s %-28s %14s %24s%n", String.format("%,d", fanout), name,
                Bench.rate(SideBySide.median(perSecond)), Bench.rate(min).trim() + " .. " + Bench.rate(max).trim()));
    }
}
