package io.watchsim.simulations.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one scenario under every seed of a range, {@code jobs} seeds at a time, each run on its own thread
 * (a deterministic run is one thread: its loop). The outcomes do not depend on {@code jobs}: each run is
 * decided by the scenario and its seed alone.
 */
public final class Explorer {
    private final SeedRunner runner;
    private final int jobs;

    public Explorer(SeedRunner runner, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs is at least 1, not " + jobs);
        }
        this.runner = runner;
        this.jobs = jobs;
    }

    /** Every seed's outcome; {@code progress} hears of each as it ends (from the runs' threads). */
    public ExploreReport explore(Path scenario, SeedRange seeds, Consumer<SeedOutcome> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "watchsim-explore-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SeedOutcome>> runs = new ArrayList<>();
            seeds.seeds().forEach(seed -> runs.add(pool.submit(() -> {
                SeedOutcome o;
                try {
                    o = runner.run(scenario, seed);
                } catch (RuntimeException | Error e) {
                    o = SeedOutcome.failed(seed, e);
                }
                progress.accept(o);
                return o;
            })));
            List<SeedOutcome> outcomes = new ArrayList<>();
            for (Future<SeedOutcome> f : runs) {
                outcomes.add(f.get());
            }
            outcomes.sort(Comparator.comparingLong(SeedOutcome::seed));
            return new ExploreReport(seeds, outcomes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("explore interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a seed's run failed outside its outcome", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static final AtomicLong THREADS = new AtomicLong();
}
