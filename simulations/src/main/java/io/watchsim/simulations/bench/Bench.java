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
import java.util.stream.LongStream;

import static io.watchsim.simulations.bench.BenchCalls.await;
import static io.watchsim.simulations.bench.BenchCalls.checked;

/**
 * The throughput benchmark: for each fan-out and each burst size, WatchSim's full path (with and
 * without a policy engine), a one-hop and a two-hop Pekko relay paced and counted the same way,
 * and a plain-Java ring baseline, measured side by side in rotating rounds after a warm-up
 * ({@link SideBySide}), reported as deliveries per second (median and range) and as ratios of
 * each round's figures. By default one record per event (a key operation posts one record), with
 * a window of records in flight deep enough to keep every path saturated; bursts of several
 * records are each a row of their own, against relays that carry a burst in one message as the
 * full path does.
 */
public final class Bench {
    /** The queue size of the throughput worlds, in notes: a window of records in flight must fit in it. */
    public static final int QUEUE_NOTES = 256;
    /**
     * The default window, in records in flight per queue: half a queue. At one record per event
     * the full path at fan-out 1,000 gained little beyond it on a 2-core machine (docs/PERFORMANCE.md),
     * and with bursts of 64 it is the two bursts in flight of the earlier batched figures.
     */
    public static final int DEFAULT_WINDOW = QUEUE_NOTES / 2;

    /**
     * How a run is set up: {@code window} is the records in flight per queue (unread by the
     * slowest reader), a multiple of every burst, so that each burst size runs with the same
     * number of records in flight.
     */
    public record Settings(List<Integer> fanouts, int rounds, int warmups, long targetDeliveries, List<Integer> bursts,
                           int window) {
        public Settings {
            fanouts = List.copyOf(fanouts);
            bursts = List.copyOf(bursts);
            if (rounds < 1 || warmups < 0 || targetDeliveries < 1 || window < 1 || window > QUEUE_NOTES
                    || bursts.isEmpty() || fanouts.isEmpty()
                    || bursts.stream().anyMatch(b -> b < 1 || window % b != 0)
                    || fanouts.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("rounds >= 1, warmups >= 0, deliveries >= 1, fan-outs >= 1, "
                        + "window 1.." + QUEUE_NOTES + " (the queue size) and every burst >= 1 dividing the window; "
                        + "found rounds " + rounds + ", warmups " + warmups + ", deliveries " + targetDeliveries
                        + ", fan-outs " + fanouts + ", bursts " + bursts + ", window " + window);
            }
        }

        /** The events of one round at fan-out {@code n} in bursts of {@code burst}: whole bursts, at least two. */
        long eventsPerRound(int n, int burst) {
            long events = Math.max(2L * burst, targetDeliveries / n);
            return (events + burst - 1) / burst * burst;
        }
    }

    /**
     * How many deliveries one shape's sinks counted over a run's rounds (warm-ups included),
     * against the expected (events times sinks, every sink counting each of its records once), and
     * in how many reads (a full path's reads, a relay sink's reports; 0 for the plain rings).
     */
    public record Count(String shape, long expected, long counted, int sinksOff, long outOfSequence, long lost,
                        long reads) {
        /** Every sink counted exactly its records, in sequence, and nothing was lost. */
        public boolean exact() {
            return counted == expected && sinksOff == 0 && outOfSequence == 0 && lost == 0;
        }

        /** Records per read, on average (NaN where nothing reads: the plain rings). */
        public double perRead() {
            return reads == 0 ? Double.NaN : counted / (double) reads;
        }
    }

    /** The figures of one fan-out and one burst size, and what each shape counted. */
    public record FanoutResult(int fanout, int burst, long eventsPerRound, SideBySide.Figures figures,
                               List<Count> counts) {
        public FanoutResult {
            counts = List.copyOf(counts);
        }

        /** The median over rounds of each round's {@code a / b} (both ran within every round). */
        double ratio(String a, String b) {
            return figures.ratio(a, b);
        }

        /** Records lost by the full paths' queues (there should be none: the window fits in a queue). */
        long lost() {
            return counts.stream().mapToLong(Count::lost).sum();
        }

        /** Whether every shape counted every delivery exactly once. */
        boolean exact() {
            return counts.stream().allMatch(Count::exact);
        }
    }

    static final String FULL_POLICY = "full path + smack";
    static final String FULL = "full path";
    static final String ONE_HOP = "one-hop relay";
    static final String TWO_HOP = "two-hop relay";
    static final String RING = "plain rings";
    /** The shapes in the order the report lists them. */
    static final List<String> SHAPES = List.of(FULL_POLICY, FULL, ONE_HOP, TWO_HOP, RING);

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

    /** The Smack rules of the full path + smack shape: the generator may write to watchers, watchers read the object. */
    static SmackModule smack() {
        return SmackModule.of(SmackRules.empty().with("Gen", "Watcher", "w").with("Watcher", "Obj", "r"));
    }

    static double median(double[] values) {
        return SideBySide.median(values);
    }

    /**
     * A built full-path world: a kernel, N queues each watching one object, and (for throughput)
     * a generator with N readers counting into {@code tally}.
     */
    record World(Kernel kernel, List<QueueHandle> queues, EventSource source,
                         ActorRef<FullPath.Command> generator, DeliveryTally tally) {
        List<Long> queueIds() {
            return queues.stream().map(QueueHandle::id).toList();
        }
    }

    /** A world; with {@code generator} also a throughput generator and its readers. */
    private World buildFullPath(int n, SecurityModule policy, boolean generator, int queueNotes) {
        return buildFullPath(KernelSettings.DEFAULT.withPolicy(policy).withHosts(Math.max(4, Math.min(1024, n / 100))),
                n, generator, queueNotes);
    }

    /** The same on a kernel made with {@code settings}. */
    World buildFullPath(KernelSettings settings, int n, boolean withGenerator, int queueNotes) {
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
        if (!withGenerator) {
            return new World(kernel, queues, source, null, null);
        }
        DeliveryTally tally = new DeliveryTally(n);
        ActorRef<FullPath.Command> generator = system.systemActorOf(
                FullPath.generator(kernel, source, queues.stream().map(QueueHandle::id).toList(), tally),
                "bench-generator-" + worlds, Props.empty());
        return new World(kernel, queues, source, generator, tally);
    }

    /** The records the world's queues have lost so far, by their statistics. */
    long lost(World w) {
        long lost = 0;
        for (QueueHandle q : w.queues()) {
            lost += await(w.kernel().queueStatistics(q.id())).map(QueueStatistics::lost).orElse(0L);
        }
        return lost;
    }

    /**
     * One round of the world's generator: the elapsed nanoseconds. {@code window} is in bursts,
     * as the generator's pacer counts it.
     */
    long fullRound(World w, long events, int burst, int window) {
        return await(AskPattern.<FullPath.Command, Long>ask(w.generator(),
                r -> new FullPath.Start(events, burst, window, r), ROUND_TIMEOUT, system.scheduler()));
    }

    /** How long a round may take before the bench gives up on it. */
    static Duration roundTimeout() {
        return ROUND_TIMEOUT;
    }

    private long relayRound(ActorRef<NaiveRelay.SenderCommand> sender, long events, int burst, int window) {
        return await(AskPattern.<NaiveRelay.SenderCommand, Long>ask(sender,
                r -> new NaiveRelay.Start(events, burst, window, r), ROUND_TIMEOUT, system.scheduler()));
    }

    /** The rings' round: its elapsed nanoseconds; what it drained goes to {@code drained}. */
    private static long ringRound(int n, long events, int burst, long[] drained) {
        RingBaseline.Run run = RingBaseline.run(n, events, burst);
        drained[0] += run.drained();
        return run.nanos();
    }

    /** The relays of one fan-out: one-hop and two-hop senders, each with its own tally. */
    private record Relays(ActorRef<NaiveRelay.SenderCommand> oneHop, DeliveryTally oneHopTally,
                          ActorRef<NaiveRelay.SenderCommand> twoHop, DeliveryTally twoHopTally) {
        void stop() {
            oneHop.tell(NaiveRelay.Stop.INSTANCE);
            twoHop.tell(NaiveRelay.Stop.INSTANCE);
        }
    }

    private Relays relays(int n) {
        DeliveryTally one = new DeliveryTally(n);
        DeliveryTally two = new DeliveryTally(n);
        worlds++;
        return new Relays(system.systemActorOf(NaiveRelay.sender(n, 1, one), "bench-one-hop-" + worlds, Props.empty()),
                one, system.systemActorOf(NaiveRelay.sender(n, 2, two), "bench-two-hop-" + worlds, Props.empty()), two);
    }

    /** The window as each path counts it: records in flight per queue for the runner, bursts for the pacers. */
    static String describeWindow(int window, List<Integer> bursts) {
        StringBuilder sb = new StringBuilder(String.format("window: %d records in flight per queue (unread by the"
                + " slowest reader; queues of %d notes)", window, QUEUE_NOTES));
        for (int b : bursts) {
            sb.append(String.format(", %d %s of %d", window / b, window / b == 1 ? "burst" : "bursts", b));
        }
        sb.append(window == DEFAULT_WINDOW ? "; the default, deep enough to keep every path saturated"
                : "; the default is " + DEFAULT_WINDOW);
        return sb.toString();
    }

    /** Runs every fan-out and every burst size; prints progress to the log. */
    public List<FanoutResult> run(Settings s) {
        log.println(describeWindow(s.window(), s.bursts()));
        List<FanoutResult> results = new ArrayList<>();
        for (int n : s.fanouts()) {
            log.printf("fan-out %,d: building the worlds...%n", n);
            long t0 = System.nanoTime();
            SmackModule smack = smack();
            // Both full-path shapes run on this one world, each round under its own policy: the policy's cost is
            // then all that tells them apart, not two worlds' layouts and the batching each happens to settle into.
            World world = buildFullPath(n, smack, true, QUEUE_NOTES);
            PolicyRounds withPolicy = new PolicyRounds(world, smack);
            PolicyRounds without = new PolicyRounds(world, PermissiveModule.INSTANCE);
            Relays relays = relays(n);
            log.printf("  built in %.1f s (%,d queues and watches in one kernel, its policy swapped before each"
                    + " round: Smack for the full path + smack, the permissive module for the full path; %,d relay"
                    + " actors)%n", (System.nanoTime() - t0) / 1e9, n, 3L * n);
            for (int burst : s.bursts()) {
                long events = s.eventsPerRound(n, burst);
                int windowBursts = s.window() / burst;
                log.printf("  fan-out %,d, %s: %,d events a round%s%n", n, burstLabel(burst), events,
                        events < s.window() ? " (fewer than the window: each round is one fill and drain)" : "");
                long lostBefore = lost(world);
                long[] worldCounted = world.tally().snapshot();
                withPolicy.startCounting();
                without.startCounting();
                List<long[]> counted = List.of(relays.oneHopTally().snapshot(), relays.twoHopTally().snapshot());
                long[] outOfSequence = {relays.oneHopTally().outOfSequenceCount(),
                        relays.twoHopTally().outOfSequenceCount()};
                long[] reads = {relays.oneHopTally().reads(), relays.twoHopTally().reads()};
                long[] drained = {0};
                // The two full-path shapes never run one right after the other, so that neither finds the world
                // just warmed by the other.
                SideBySide.Figures figures = SideBySide.run(List.of(
                        new SideBySide.Path(FULL_POLICY, () -> withPolicy.round(events, burst, windowBursts)),
                        new SideBySide.Path(ONE_HOP, () -> relayRound(relays.oneHop(), events, burst, windowBursts)),
                        new SideBySide.Path(FULL, () -> without.round(events, burst, windowBursts)),
                        new SideBySide.Path(TWO_HOP, () -> relayRound(relays.twoHop(), events, burst, windowBursts)),
                        new SideBySide.Path(RING, () -> ringRound(n, events, burst, drained))),
                        events * n, s.warmups(), s.rounds(), log,
                        () -> "fan-out " + n + ", " + burstLabel(burst) + "; lost so far by the full paths' world: "
                                + lost(world));
                long expected = (s.warmups() + s.rounds()) * events * n;
                // Each sink of the shared world counts both shapes' rounds.
                int worldSinksOff = sinksOff(world.tally(), worldCounted, 2 * expected / n);
                long worldLost = lost(world) - lostBefore;
                // The shared world's losses are counted once (on its first shape), so that the table's sum is theirs.
                List<Count> counts = List.of(
                        withPolicy.count(FULL_POLICY, expected, worldSinksOff, worldLost),
                        without.count(FULL, expected, worldSinksOff, 0),
                        count(ONE_HOP, relays.oneHopTally(), counted.get(0), reads[0], expected / n,
                                relays.oneHopTally().outOfSequenceCount() - outOfSequence[0], 0),
                        count(TWO_HOP, relays.twoHopTally(), counted.get(1), reads[1], expected / n,
                                relays.twoHopTally().outOfSequenceCount() - outOfSequence[1], 0),
                        new Count(RING, expected, drained[0], drained[0] == expected ? 0 : n, 0, 0, 0));
                results.add(new FanoutResult(n, burst, events, figures, counts));
            }
            world.kernel().stop();
            relays.stop();
        }
        return results;
    }

    /**
     * One full-path shape on a world it shares with another: before each of its rounds the world's
     * policy becomes this shape's, and what the round counted and read is this shape's alone.
     */
    private final class PolicyRounds {
        private final World world;
        private final SecurityModule policy;
        private long counted;
        private long reads;

        PolicyRounds(World world, SecurityModule policy) {
            this.world = world;
            this.policy = policy;
        }

        void startCounting() {
            counted = 0;
            reads = 0;
        }

        /** Swaps this shape's policy in (every later event is judged by it), then runs one round. */
        long round(long events, int burst, int window) {
            String inForce = await(world.kernel().reloadPolicy(policy)).engine();
            if (!inForce.equals(policy.name())) {
                throw new IllegalStateException("the bench asked for policy " + policy.name() + " and got " + inForce);
            }
            long counted0 = world.tally().total();
            long reads0 = world.tally().reads();
            long ns = fullRound(world, events, burst, window);
            counted += world.tally().total() - counted0;
            reads += world.tally().reads() - reads0;
            return ns;
        }

        /** This shape's count: its own deliveries and reads; the sinks off and the losses given are the shared world's. */
        Count count(String shape, long expected, int worldSinksOff, long worldLost) {
            return new Count(shape, expected, counted, worldSinksOff, 0, worldLost, reads);
        }
    }

    /** The sinks that did not count exactly {@code perSink} since {@code before}. */
    private static int sinksOff(DeliveryTally tally, long[] before, long perSink) {
        int off = 0;
        for (int i = 0; i < before.length; i++) {
            if (tally.counted(i) - before[i] != perSink) {
                off++;
            }
        }
        return off;
    }

    /** What a shape's sinks counted since {@code before} (and {@code readsBefore}), against {@code perSink} each. */
    private static Count count(String shape, DeliveryTally tally, long[] before, long readsBefore, long perSink,
                               long outOfSequence, long lost) {
        long counted = tally.total() - LongStream.of(before).sum();
        return new Count(shape, perSink * before.length, counted, sinksOff(tally, before, perSink), outOfSequence, lost,
                tally.reads() - readsBefore);
    }

    static String burstLabel(int burst) {
        return burst == 1 ? "one record per event" : "batched, bursts of " + burst;
    }

    /** A rate in millions a second; "n/a" where it could not be measured (a round too short for the CPU clock). */
    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "    n/a    " : String.format("%7.2f M/s", perSecond / 1e6);
    }

    /**
     * The report: per fan-out and burst size, each shape's deliveries per second (median, range,
     * and median per CPU-second) and records per read, then the ratios, each the median of one
     * run's per-round ratios, and what each shape counted.
     */
    public static String report(List<FanoutResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %-22s %-20s %12s %24s %16s %10s%n", "fan-out", "posting", "shape", "median",
                "range (min..max)", "per CPU-second", "per read"));
        for (FanoutResult r : results) {
            for (String shape : SHAPES) {
                double[] f = r.figures().perSecond(shape);
                double perRead = r.counts().stream().filter(c -> c.shape().equals(shape)).findFirst()
                        .map(Count::perRead).orElse(Double.NaN);
                sb.append(String.format("%-10s %-22s %-20s %12s %24s %16s %10s%n", String.format("%,d", r.fanout()),
                        burstLabel(r.burst()), shape, rate(median(f)),
                        rate(Arrays.stream(f).min().orElse(0)).trim() + " .. "
                                + rate(Arrays.stream(f).max().orElse(0)).trim(),
                        rate(median(r.figures().perCpuSecond(shape))),
                        Double.isNaN(perRead) ? "-" : String.format("%.1f", perRead)));
            }
        }
        sb.append(String.format("%nratios, each the median over rounds of that round's ratio (every shape ran in"
                + " every round):%n"));
        sb.append(String.format("%-10s %-22s %12s %12s %12s %12s %12s %12s %6s %8s%n", "fan-out", "posting",
                "smack/1-hop", "smack/2-hop", "full/1-hop", "full/2-hop", "smack/full", "full/rings", "lost",
                "counted"));
        for (FanoutResult r : results) {
            sb.append(String.format("%-10s %-22s %12.2f %12.2f %12.2f %12.2f %12.2f %12.4f %6d %8s%n",
                    String.format("%,d", r.fanout()), burstLabel(r.burst()), r.ratio(FULL_POLICY, ONE_HOP),
                    r.ratio(FULL_POLICY, TWO_HOP), r.ratio(FULL, ONE_HOP), r.ratio(FULL, TWO_HOP),
                    r.ratio(FULL_POLICY, FULL), r.ratio(FULL, RING), r.lost(), r.exact() ? "exact" : "OFF"));
        }
        for (FanoutResult r : results) {
            for (Count c : r.counts()) {
                if (!c.exact()) {
                    sb.append(String.format("  fan-out %,d, %s, %s: counted %,d of %,d deliveries, %d sinks off, "
                                    + "%d out of sequence, %d lost%n", r.fanout(), burstLabel(r.burst()), c.shape(),
                            c.counted(), c.expected(), c.sinksOff(), c.outOfSequence(), c.lost()));
                }
            }
        }
        return sb.toString();
    }
}
