package io.watchsim.simulations.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.simulations.bench.Bench;
import io.watchsim.simulations.bench.Collector;
import io.watchsim.simulations.bench.CollectorComparison;
import io.watchsim.simulations.bench.LatencyUnderLoad;
import io.watchsim.simulations.bench.GcBench;
import io.watchsim.simulations.bench.MemoryBench;
import io.watchsim.simulations.bench.RunnerComparison;
import io.watchsim.simulations.report.Machine;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code watchsim bench}: throughput against one-hop and two-hop relays and plain rings, heap
 * footprints, and ({@code --latency}) latency under load compared between collectors in child JVMs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures deliveries per second of WatchSim's full path (with and without a Smack policy), a "
                + "one-hop (sender -> sink) and a two-hop (sender -> relay -> sink) Pekko relay paced and counted "
                + "alike, and plain-Java rings, side by side in rotating rounds, and prints the medians, ranges and "
                + "ratios; by default one record per event, each burst size of --burst a row of its own; optionally "
                + "the heap per idle object, watch and queue, and the time to build a large world.",
                "With --latency SECONDS, instead: post-to-read latency under an open-loop load at 50%% and 90%% of the "
                        + "full path's saturation, G1 against ZGC in child JVMs.",
                "Example: watchsim bench --fanout 10,1000 --rounds 5 --burst 1,64",
                "Example: watchsim bench --latency 10 --latency-rounds 2"})
final class BenchCommand implements Callable<Integer> {
    /** Messages an actor may handle a turn in the bench's actor system (Pekko's default is 5). */
    static final int DISPATCHER_THROUGHPUT = 100;

    @Option(names = "--fanout", split = ",",
            description = "fan-outs (queues watching one object), each at least 1, default 10,1000,100000 "
                    + "(with --runner: 1000,100000)")
    List<Integer> fanouts;

    @Option(names = "--runner", description = "instead of the four shapes, compare the scenario runner's path (its "
            + "world, readers and accounting, updates through the key subsystem) with the bare kernel path on the "
            + "fan-out shape of scenarios/fanout.conf, one record per event, rounds alternated")
    boolean runner;

    @Option(names = "--runner-window", paramLabel = "EVENTS", defaultValue = "16",
            description = "with --runner: events in flight (unread), 1.." + RunnerComparison.QUEUE_NOTES
                    + ", default ${DEFAULT-VALUE}")
    int runnerWindow;

    @Option(names = "--rounds", defaultValue = "5", description = "measured rounds (at least 1), default ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--warmup", defaultValue = "2", description = "warm-up rounds (0 or more), default ${DEFAULT-VALUE}")
    int warmups;

    @Option(names = "--deliveries", defaultValue = "4000000",
            description = "deliveries a round (events x fan-out, at least 1), default ${DEFAULT-VALUE}")
    long deliveries;

    @Option(names = "--burst", paramLabel = "RECORDS", split = ",",
            description = "records posted together as one message at every hop (the relays batch alike), each "
                    + "dividing --window; several (1,64) give a row each, measured one after another; default 1 "
                    + "(one record per event, as a key operation posts)")
    List<Integer> bursts;

    @Option(names = "--window", paramLabel = "RECORDS", defaultValue = "" + Bench.DEFAULT_WINDOW,
            description = "records in flight per queue (unread by the slowest reader), 1.." + Bench.QUEUE_NOTES
                    + " (the queue size), a multiple of every burst; default ${DEFAULT-VALUE}, deep enough to "
                    + "keep every path saturated")
    int window;

    @Option(names = "--latency", paramLabel = "SECONDS", defaultValue = "0",
            description = "instead of throughput, measure latency under load (default fan-outs 10,1000): a child JVM "
                    + "per collector of --collectors searches the full path's open-loop saturation, then in rounds "
                    + "each offers 50%% and 90%% of the lower saturation for SECONDS each and times one event's "
                    + "fan-out; prints p50, p99, p99.9 and max post-to-read latency with the GC pauses beside them "
                    + "(0, the default, skips it)")
    int latencySeconds;

    @Option(names = "--collectors", paramLabel = "GC", split = ",", defaultValue = "g1,zgc",
            description = "with --latency: the collectors compared, each in child JVMs of its own (" + "g1, zgc, "
                    + "parallel, serial), default ${DEFAULT-VALUE}")
    List<String> collectors;

    @Option(names = "--latency-rounds", paramLabel = "N", defaultValue = "2",
            description = "with --latency: measuring rounds, each running every collector's child once, each round "
                    + "starting with the next collector (at least 1), default ${DEFAULT-VALUE}")
    int latencyRounds;

    @Option(names = "--latency-heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "with --latency: every child JVM's -Xmx (e.g. 512m, 2g), default ${DEFAULT-VALUE}")
    String latencyHeap;

    @Option(names = "--latency-probes", paramLabel = "N", defaultValue = "200",
            description = "with --latency: single events timed from post to the read of their last delivery, one "
                    + "at a time on the idle world, per fan-out and round (at least 1), default ${DEFAULT-VALUE}")
    int latencyProbes;

    @Option(names = "--latency-trial", paramLabel = "MILLIS", defaultValue = "1000",
            description = "with --latency: each trial of the saturation search, and the warm-up before each "
                    + "fan-out's measurement, offers its rate this long (at least 1), default ${DEFAULT-VALUE}")
    long latencyTrialMillis;

    @Option(names = "--latency-steps", paramLabel = "N", defaultValue = "6",
            description = "with --latency: bisection steps of the saturation search (0 or more), default "
                    + "${DEFAULT-VALUE}")
    int latencySteps;

    @Option(names = "--latency-queue", paramLabel = "NOTES", defaultValue = "" + Bench.QUEUE_NOTES,
            description = "with --latency: size of the latency world's queues, 1.."
                    + WatchNotification.WATCH_QUEUE_MAX_NOTES + " notes, default ${DEFAULT-VALUE}")
    int latencyQueueNotes;

    /** Set by the parent on a latency child JVM: search or measure (not for users). */
    @Option(names = "--latency-child", hidden = true)
    String latencyChild;

    /** Given by the parent to a measuring child: each fan-out's saturation, N=EVENTS_PER_SECOND,... */
    @Option(names = "--latency-rates", hidden = true, split = ",")
    List<String> latencyRates;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "dispatcher threads, 0..32767 (0, the default: one per core)")
    int threads;

    @Option(names = "--memory", paramLabel = "COUNT", defaultValue = "0",
            description = "also measure the heap per idle object, watch and queue over COUNT of each (e.g. 100000; 0, the default, skips it)")
    long memory;

    @Option(names = "--world", paramLabel = "OBJECTS,QUEUES", split = ",",
            description = "also time building OBJECTS objects with one watch each over QUEUES queues (e.g. 1000000,100000)")
    List<Long> world;

    @Option(names = "--key-world", paramLabel = "KEYS,QUEUES", split = ",",
            description = "also time building KEYS user keys through the key subsystem (add_key, 100 to a keyring), "
                    + "one KEYCTL_WATCH_KEY on each, over QUEUES queues (e.g. 100000,10000; the watches' possession "
                    + "searches grow with the square of KEYS)")
    List<Long> keyWorld;

    @Option(names = "--gc", paramLabel = "KEYS", defaultValue = "0",
            description = "also time one sleep collecting KEYS timed keys (e.g. 1000000), through the key table alone "
                    + "and through the Keys API")
    int gcKeys;

    @Option(names = "--skip-throughput", description = "measure only what --runner, --memory, --world, --key-world and --gc ask for")
    boolean skipThroughput;

    /** ForkJoinPool's limit on parallelism (its MAX_CAP): more threads make the dispatcher fail to start. */
    static final int MAX_THREADS = 0x7fff;

    /**
     * Checks every option before anything runs: a bad value is one line naming the option, the
     * value, and what is allowed.
     */
    void validate() {
        if (fanouts == null) {
            fanouts = runner ? List.of(1000, 100_000) : latencySeconds > 0 ? List.of(10, 1000) : List.of(10, 1000, 100_000);
        }
        for (int n : fanouts) {
            atLeast("--fanout", n, 1);
        }
        atLeast("--rounds", rounds, 1);
        atLeast("--warmup", warmups, 0);
        atLeast("--deliveries", deliveries, 1);
        within("--window", window, 1, Bench.QUEUE_NOTES, "records in flight per queue (a bench queue holds "
                + Bench.QUEUE_NOTES + " notes)");
        if (bursts == null) {
            bursts = List.of(1);
        }
        for (int b : bursts) {
            atLeast("--burst", b, 1);
            if (window % b != 0) {
                throw new UserInputException("--burst " + b + " does not divide --window " + window + " (records in"
                        + " flight per queue); allowed a burst that divides the window, e.g. --burst 64 --window 128");
            }
        }
        within("--runner-window", runnerWindow, 1, RunnerComparison.QUEUE_NOTES, "events (the fan-out scenario's "
                + "queues hold " + RunnerComparison.QUEUE_NOTES + " records)");
        atLeast("--latency", latencySeconds, 0);
        atLeast("--latency-trial", latencyTrialMillis, 1);
        atLeast("--latency-steps", latencySteps, 0);
        within("--latency-queue", latencyQueueNotes, 1, WatchNotification.WATCH_QUEUE_MAX_NOTES,
                "notes (a notification queue holds 1.." + WatchNotification.WATCH_QUEUE_MAX_NOTES + ")");
        atLeast("--latency-rounds", latencyRounds, 1);
        atLeast("--latency-probes", latencyProbes, 1);
        if (!latencyHeap.matches("[1-9][0-9]{0,8}[kKmMgG]?")) {
            throw new UserInputException("--latency-heap " + latencyHeap + " is not a heap size; allowed a number with"
                    + " k, m or g (e.g. 512m, 2g), as java's -Xmx takes it");
        }
        chosenCollectors = new ArrayList<>();
        for (String name : collectors) {
            Collector c = Collector.named(name).orElseThrow(() -> new UserInputException("--collectors " + name
                    + " is not a collector; allowed " + Collector.names()));
            if (chosenCollectors.contains(c)) {
                throw new UserInputException("--collectors names " + c.label() + " twice; allowed each once");
            }
            chosenCollectors.add(c);
        }
        if (latencySeconds > 0 && runner) {
            throw new UserInputException("--latency and --runner are separate measurements; give one of them");
        }
        if (latencyChild != null) {
            if (latencySeconds == 0 || !List.of("search", "measure").contains(latencyChild)) {
                throw new UserInputException("--latency-child " + latencyChild + " is for the latency bench's own child"
                        + " JVMs; allowed search or measure, with --latency SECONDS");
            }
            childRates = rates(latencyRates, fanouts, "measure".equals(latencyChild));
        }
        within("--threads", threads, 0, MAX_THREADS, "threads (0: one per core; " + MAX_THREADS
                + " is the fork-join pool's limit)");
        within("--memory", memory, 0, Integer.MAX_VALUE, "of each (0 skips it)");
        pair("--world", "OBJECTS,QUEUES", world);
        pair("--key-world", "KEYS,QUEUES", keyWorld);
        atLeast("--gc", gcKeys, 0);
        if (skipThroughput && !runner && latencySeconds == 0 && memory == 0 && world == null && keyWorld == null && gcKeys == 0) {
            throw new UserInputException("--skip-throughput leaves nothing to measure; "
                    + "add --memory COUNT, --world OBJECTS,QUEUES, --key-world KEYS,QUEUES or --gc KEYS");
        }
    }

    /** The collectors of --collectors, checked. */
    private List<Collector> chosenCollectors;
    /** A measuring child's saturation per fan-out, events per second. */
    private Map<Integer, Double> childRates;

    /** --latency-rates N=RATE,...: a positive rate for every fan-out when {@code required}. */
    private static Map<Integer, Double> rates(List<String> given, List<Integer> fanouts, boolean required) {
        Map<Integer, Double> rates = new LinkedHashMap<>();
        for (String entry : given == null ? List.<String>of() : given) {
            String[] kv = entry.split("=", 2);
            try {
                double rate = Double.parseDouble(kv[1]);
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new NumberFormatException();
                }
                rates.put(Integer.parseInt(kv[0].trim()), rate);
            } catch (RuntimeException e) {
                throw new UserInputException("--latency-rates " + entry + " is not FANOUT=EVENTS_PER_SECOND; allowed"
                        + " e.g. 10=50000.5,1000=800");
            }
        }
        for (int n : required ? fanouts : List.<Integer>of()) {
            if (!rates.containsKey(n)) {
                throw new UserInputException("--latency-rates gives no rate for fan-out " + n + "; allowed one per"
                        + " fan-out of --fanout");
            }
        }
        return rates;
    }

    private static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new UserInputException(option + " " + value + " is out of range; allowed " + min + " or more");
        }
    }

    private static void within(String option, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new UserInputException(option + " " + value + " is out of range; allowed " + min + ".." + max + " "
                    + unit);
        }
    }

    private static void pair(String option, String label, List<Long> values) {
        if (values == null) {
            return;
        }
        if (values.size() != 2 || values.get(0) < 1 || values.get(1) < 1
                || values.get(0) > Integer.MAX_VALUE || values.get(1) > Integer.MAX_VALUE) {
            throw new UserInputException(option + " " + String.join(",", values.stream().map(String::valueOf).toList())
                    + " is not " + label + "; allowed two numbers, each 1.." + Integer.MAX_VALUE);
        }
    }

    /**
     * The latency comparison: this JVM only starts a child JVM per collector and round (the same
     * classes and main class, with --latency-child) and prints what they found.
     */
    private int latencyComparison(LatencyUnderLoad.Plan plan, int dispatcherThreads) {
        System.out.println(CollectorComparison.machine() + "; " + dispatcherThreads + " dispatcher threads in each"
                + " child, child heap -Xmx" + latencyHeap);
        CollectorComparison.Settings s = new CollectorComparison.Settings(chosenCollectors, plan, latencyRounds,
                latencyHeap, dispatcherThreads, Path.of(System.getProperty("java.home")),
                System.getProperty("java.class.path"), WatchSimCommand.class.getName());
        CollectorComparison.Report report = new CollectorComparison(s, System.out).run();
        System.out.println();
        System.out.print(CollectorComparison.render(report));
        return 0;
    }

    @Override
    public Integer call() {
        validate();
        Bench.Settings settings = new Bench.Settings(fanouts, rounds, warmups, deliveries, bursts, window);
        int dispatcherThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        // Only a latency measurement has a plan (its length is --latency, 0 when not asked for).
        LatencyUnderLoad.Plan plan = latencySeconds == 0 ? null : new LatencyUnderLoad.Plan(fanouts,
                latencyTrialMillis, latencySteps, latencySeconds * 1000L, latencyQueueNotes, latencyProbes);
        if (latencySeconds > 0 && latencyChild == null) {
            return latencyComparison(plan, dispatcherThreads);
        }
        // An actor handles up to 100 messages a turn, in every shape and in the latency children alike. Pekko's
        // default of 5 (what `watchsim run` runs with) was measured in the latency children and served them worse
        // at a fan-out of 1,000 (docs/PERFORMANCE.md, "Latency under load again").
        Config config = ConfigFactory.parseString("""
                pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = %d
                pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = %d
                pekko.actor.default-dispatcher.throughput = %d
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                # the bench waits up to 2 minutes for a world of a million actors to stop (below); so does Pekko
                pekko.coordinated-shutdown.phases.actor-system-terminate.timeout = 120 s
                """.formatted(dispatcherThreads, dispatcherThreads, DISPATCHER_THROUGHPUT)).withFallback(ConfigFactory.load());
        org.slf4j.LoggerFactory.getILoggerFactory();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "watchsim-bench", config);
        try {
            System.out.printf("machine: %d cores, max heap %.1f GiB, %s %s, collector %s; %d dispatcher threads,"
                            + " up to %d messages an actor a turn%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (double) (1L << 30),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), Machine.collector(),
                    dispatcherThreads, DISPATCHER_THROUGHPUT);
            if (latencyChild != null) {
                LatencyUnderLoad bench = new LatencyUnderLoad(system, System.out, System.out);
                if ("search".equals(latencyChild)) {
                    bench.search(plan);
                } else {
                    bench.measure(plan, childRates);
                }
            } else if (runner) {
                System.out.println();
                System.out.print(RunnerComparison.report(new RunnerComparison(system, System.out).run(
                        new RunnerComparison.Settings(fanouts, rounds, warmups, deliveries, runnerWindow)), runnerWindow));
            } else if (!skipThroughput) {
                System.out.println();
                System.out.print(Bench.report(new Bench(system, System.out).run(settings)));
            }
            if (latencyChild != null) {
                return 0;
            }
            MemoryBench mem = new MemoryBench(system, System.out);
            if (memory > 0) {
                mem.footprint(memory);
                mem.keyFootprint(memory, 100);
            }
            if (world != null) {
                mem.world(world.get(0), world.get(1));
            }
            if (keyWorld != null) {
                mem.keyWorld(keyWorld.get(0), keyWorld.get(1));
            }
            if (gcKeys > 0) {
                GcBench gc = new GcBench(system, System.out);
                gc.table(gcKeys, GcBench.Timeouts.ONE_MOMENT);
                gc.table(gcKeys, GcBench.Timeouts.SPREAD);
                gc.callMicros(gcKeys, 1_000_000);
                gc.keysApi(gcKeys, GcBench.Timeouts.SPREAD);
            }
        } finally {
            // A world of millions of actors takes a while to stop: wait for it here (quietly) rather
            // than in the JVM's shutdown hook, which gives up after 10 s with a warning.
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (Exception e) {
                System.err.println("watchsim: the actor system did not stop within 2 minutes: " + e);
            }
        }
        return 0;
    }
}
