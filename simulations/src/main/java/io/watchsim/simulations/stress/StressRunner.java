package io.watchsim.simulations.stress;

import com.typesafe.config.Config;
import io.watchsim.actors.ActorNames;
import io.watchsim.actors.DispatcherSettings;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.simulations.script.ScriptRunner;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs kernel scripts many times, several at once, under each dispatcher setting, and compares
 * every run's output with the first run's: a race in the kernel shows as a run whose output
 * varied, that failed (a kernel fault), or that did not finish within its bound. Each run gets a
 * fresh kernel; runs of one setting share one actor system, so they load each other.
 */
public final class StressRunner implements AutoCloseable {
    /** Problems reported per script at most; the count of runs says how many there were in all. */
    private static final int MAX_PROBLEMS = 5;

    /**
     * @param dispatchers the dispatcher settings, each with its own actor system
     * @param runs        runs of each script under each setting (the first run is extra)
     * @param parallel    runs at once
     * @param runBound    how long one run may take before it counts as not finished
     * @param callTimeout the kernels' call timeout: a call that waits longer fails as a kernel fault
     */
    public record Settings(List<DispatcherSettings> dispatchers, int runs, int parallel, Duration runBound,
                           Duration callTimeout) {
        public Settings {
            dispatchers = List.copyOf(dispatchers);
            if (dispatchers.isEmpty() || runs < 1 || parallel < 1) {
                throw new IllegalArgumentException("stress settings need a dispatcher setting, runs >= 1, parallel >= 1");
            }
            Objects.requireNonNull(runBound);
            Objects.requireNonNull(callTimeout);
        }
    }

    private final Settings settings;
    /** One actor system per dispatcher setting, in the settings' order, open until {@link #close()}. */
    private final Map<DispatcherSettings, ActorSystem<Void>> systems = new LinkedHashMap<>();
    private final ExecutorService runners;

    /** Starts an actor system per dispatcher setting, on {@code baseConfig}, and the runner threads. */
    public StressRunner(Settings settings, Config baseConfig) {
        this.settings = settings;
        for (DispatcherSettings d : settings.dispatchers()) {
            systems.put(d, ActorSystem.create(Behaviors.empty(), "stress-" + d.label(), d.config().withFallback(baseConfig)));
        }
        this.runners = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "stress-runner");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the runner threads and the actor systems. */
    @Override
    public void close() {
        runners.shutdownNow();
        systems.values().forEach(ActorSystem::terminate);
        systems.values().forEach(StressRunner::awaitQuietly);
    }

    /**
     * Runs every script: first once (its output is the reference), then {@code runs} times under
     * each dispatcher setting, {@code parallel} at once, the scripts mixed; {@code progress} hears
     * a line per setting and per run that went wrong.
     */
    public List<StressOutcome> run(List<StressScript> scripts, Consumer<String> progress) {
        Map<StressScript, Tally> tallies = new LinkedHashMap<>();
        scripts.forEach(s -> tallies.put(s, new Tally()));
        systems.forEach((dispatcher, system) -> {
            progress.accept("dispatcher " + dispatcher.label() + ": " + scripts.size() + " script(s) x "
                    + settings.runs() + " run(s), " + settings.parallel() + " at once");
            for (StressScript s : scripts) {
                Tally t = tallies.get(s);
                if (t.reference == null && !t.broken) {
                    first(system, s, t, dispatcher);
                }
            }
            List<Pending> pending = new ArrayList<>();
            for (int run = 0; run < settings.runs(); run++) {
                for (StressScript s : scripts) {
                    if (!tallies.get(s).broken) {
                        pending.add(new Pending(s, run, runners.submit(() -> runOnce(system, s))));
                    }
                }
            }
            for (Pending p : pending) {
                collect(p, tallies.get(p.script()), dispatcher, progress);
            }
        });
        List<StressOutcome> outcomes = new ArrayList<>();
        tallies.forEach((s, t) -> outcomes.add(new StressOutcome(s, t.runs, t.same, t.varied, t.problems, t.reference)));
        return outcomes;
    }

    private record Pending(StressScript script, int run, Future<String> output) {
    }

    /** What the runs of one script came to, so far. */
    private static final class Tally {
        String reference;
        boolean broken;
        int runs;
        int same;
        int varied;
        final List<String> problems = new ArrayList<>();

        void problem(String what) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(what);
            } else if (problems.size() == MAX_PROBLEMS) {
                problems.add("... (further problems not listed)");
            }
        }
    }

    /** The first run of a script: its output is what every later run must print. */
    private void first(ActorSystem<Void> system, StressScript s, Tally t, DispatcherSettings dispatcher) {
        Future<String> f = runners.submit(() -> runOnce(system, s));
        try {
            t.reference = f.get(settings.runBound().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            t.broken = true;
            t.runs++;
            t.problem("first run under " + dispatcher.label() + " " + describe(e));
        }
    }

    private void collect(Pending p, Tally t, DispatcherSettings dispatcher, Consumer<String> progress) {
        t.runs++;
        String where = "run " + (p.run() + 1) + " under " + dispatcher.label();
        try {
            String out = p.output().get(settings.runBound().toMillis(), TimeUnit.MILLISECONDS);
            if (out.equals(t.reference)) {
                t.same++;
                return;
            }
            t.varied++;
            t.problem(where + ": output differs from the first run's " + firstDifference(t.reference, out));
        } catch (Exception e) {
            p.output().cancel(true);
            t.problem(where + " " + describe(e));
        }
        progress.accept(p.script().name() + ": " + t.problems.get(Math.min(t.problems.size(), MAX_PROBLEMS) - 1));
    }

    private String describe(Exception e) {
        if (e instanceof TimeoutException) {
            Duration b = settings.runBound();
            return "did not finish within " + (b.toMillis() < 1000 ? b.toMillis() + " ms" : b.toSeconds() + " s");
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return "failed: " + cause;
    }

    /** Where two outputs part, as "at line N: expected '...', got '...'". */
    static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return "at line " + (i + 1) + ": expected '" + x + "', got '" + y + "'";
            }
        }
        return "(in line endings only)";
    }

    /** One run: a fresh kernel, the script, the kernel stopped; returns what the script printed. */
    private String runOnce(ActorSystem<Void> system, StressScript s) {
        Kernel kernel = Kernel.start(system, ActorNames.of(system).next("kernel"),
                KernelSettings.DEFAULT.withHosts(4).withAskTimeout(settings.callTimeout()));
        ScriptRunner runner = new ScriptRunner(kernel, ScriptRunner.DEFAULT_NOFILE, s.bugs());
        StringBuilder out = new StringBuilder();
        try {
            runner.run(s.name(), s.text(), out);
        } finally {
            kernel.await(runner.stop());
            kernel.await(kernel.stop());
        }
        return out.toString();
    }

    private static void awaitQuietly(ActorSystem<Void> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The system is shutting down either way; a slow stop does not change the outcomes.
        }
    }
}
