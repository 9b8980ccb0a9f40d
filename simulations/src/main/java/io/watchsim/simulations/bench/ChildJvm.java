package io.watchsim.simulations.bench;

import io.watchsim.actors.KernelFault;
import io.watchsim.actors.Waits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A child JVM of the latency bench: the same classes (the parent's class path: the watchsim jar,
 * or a test's classes), one collector, the heap the parent was told to give every child, and
 * the bench command with {@code --latency-child}. Nothing else of the parent's JVM options is
 * passed on, so both collectors run on equal terms. Its standard output and error are read
 * together: {@link LatencyFigures} lines are its results, every other line its log, relayed
 * indented under its label.
 */
final class ChildJvm {
    /** The option that makes a bench a latency child, and its two phases. */
    static final String CHILD_OPTION = "--latency-child";
    static final String SEARCH = "search";
    static final String MEASURE = "measure";

    private ChildJvm() {
    }

    /** The JVM's command line: java, the collector, the heap, the class path, the main class, then {@code args}. */
    static List<String> command(Path javaHome, String classPath, String mainClass, Collector collector, String heap,
                                List<String> args) {
        List<String> c = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(), collector.flag(),
                "-Xmx" + heap, "-cp", classPath, mainClass));
        c.addAll(args);
        return List.copyOf(c);
    }

    /**
     * The bench command a child runs for {@code phase} ({@link #SEARCH} or {@link #MEASURE}; a
     * measuring child is given the saturation of each fan-out in events per second).
     */
    static List<String> benchArgs(String phase, LatencyUnderLoad.Plan plan, int threads, Map<Integer, Double> rates) {
        List<String> a = new ArrayList<>(List.of("bench", "--latency", Long.toString(Math.max(1, plan.measureMillis() / 1000)),
                "--fanout", plan.fanouts().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--latency-trial", Long.toString(plan.trialMillis()),
                "--latency-steps", Integer.toString(plan.bisections()),
                "--latency-queue", Integer.toString(plan.queueNotes()),
                "--latency-probes", Integer.toString(plan.probes()),
                "--threads", Integer.toString(threads),
                CHILD_OPTION, phase));
        if (MEASURE.equals(phase)) {
            a.add("--latency-rates");
            a.add(plan.fanouts().stream().map(n -> {
                Double r = rates.get(n);
                if (r == null) {
                    throw new IllegalArgumentException("no rate for fan-out " + n + " in " + rates);
                }
                return n + "=" + String.format(Locale.ROOT, "%.3f", r);
            }).collect(Collectors.joining(",")));
        }
        return List.copyOf(a);
    }

    /**
     * Runs {@code command}, relaying its log to {@code log} under {@code label}; its result lines.
     * A child still running after {@code bound} is killed; one that fails (or is killed) ends the
     * bench with its last lines.
     */
    static List<String> run(List<String> command, String label, PrintStream log, Duration bound) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + label + " JVM: " + String.join(" ", command), e);
        }
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture.delayedExecutor(bound.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (p.isAlive()) {
                killed.set(true);
                p.destroyForcibly();
            }
        });
        List<String> results = new ArrayList<>();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(LatencyFigures.PREFIX)) {
                    results.add(line);
                } else {
                    log.println("  [" + label + "] " + line);
                    tail.addLast(line);
                    if (tail.size() > 20) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException("reading the " + label + " JVM's output", e);
        }
        int exit;
        try {
            exit = Waits.await(p.onExit(), Duration.ofMinutes(1)).exitValue();
        } catch (KernelFault e) {
            p.destroyForcibly();
            throw new IllegalStateException("the " + label + " JVM closed its output but did not exit", e);
        }
        if (killed.get() || exit != 0) {
            throw new IllegalStateException("the " + label + " JVM " + (killed.get() ? "was still running after "
                    + bound.toSeconds() + " s and was stopped" : "exited with " + exit) + "; its last lines: "
                    + String.join(" | ", tail));
        }
        return results;
    }
}
