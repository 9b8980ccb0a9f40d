package io.watchsim.simulations;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model and the runner read time only through the run's clock, delay and bound only through the
 * run's timers (the runner's RunTimers, Pekko's scheduler), wait only through Waits, start no thread of
 * their own and draw randomness only from seeded streams: what a deterministic run needs of them. The
 * modules queues, policies, actors and sources, and the simulations module's runner, history and
 * report packages, are scanned ({@link ForbiddenApis}); what a file may use, and why, is listed
 * below. The scan names each offence by FILE:LINE.
 */
class ForbiddenApisTest {
    /** The source trees scanned, relative to the project. */
    static final List<String> SCANNED = List.of(
            "queues/src/main/java",
            "policies/src/main/java",
            "actors/src/main/java",
            "sources/src/main/java",
            "simulations/src/main/java/io/watchsim/simulations/runner",
            "simulations/src/main/java/io/watchsim/simulations/history",
            "simulations/src/main/java/io/watchsim/simulations/report");

    private static final String ACTORS = "actors/src/main/java/io/watchsim/actors/";
    private static final String RUNNER = "simulations/src/main/java/io/watchsim/simulations/runner/";
    private static final String HISTORY = "simulations/src/main/java/io/watchsim/simulations/history/";
    private static final String REPORT = "simulations/src/main/java/io/watchsim/simulations/report/";

    /** Every allowed use: the file, the API, and why it cannot reach a run's history or schedule. */
    static final List<ForbiddenApis.Allowed> ALLOWED = List.of(
            new ForbiddenApis.Allowed("queues/src/main/java/io/watchsim/queues/NanoClock.java", "System.nanoTime",
                    "NanoClock.SYSTEM: the concurrent mode's clock, the one place the model may read the JVM's"),
            new ForbiddenApis.Allowed(ACTORS + "Waits.java", "TimeUnit.sleep",
                    "Waits.Waiter.REAL: the concurrent mode's blocking sleep, the one place a plain thread sleeps"),
            new ForbiddenApis.Allowed(RUNNER + "RunTimers.java", "delayedExecutor",
                    "RunTimers.real: the concurrent mode's timers (JDK, microsecond resolution)"),
            new ForbiddenApis.Allowed(RUNNER + "RunTimers.java", "orTimeout", "RunTimers.real"),
            new ForbiddenApis.Allowed(RUNNER + "RunTimers.java", "completeOnTimeout", "RunTimers.real"),
            new ForbiddenApis.Allowed(RUNNER + "ScenarioRunner.java", "System.nanoTime",
                    "the world's build time on the wall clock: machine data in result.json, never in the history"),
            new ForbiddenApis.Allowed(RUNNER + "ScenarioRunner.java", "Instant.now",
                    "when the run started, on the wall clock: machine data in result.json, never in the history"),
            new ForbiddenApis.Allowed(RUNNER + "WorldBuilder.java", "System.nanoTime",
                    "each build phase's wall time: machine data in result.json, never in the history"),
            new ForbiddenApis.Allowed(HISTORY + "HistoryRecorder.java", "new Thread",
                    "the threaded recorder's consumer (concurrent mode); HistoryRecorder.inline has none"),
            new ForbiddenApis.Allowed(REPORT + "TimelineSampler.java", "new Thread",
                    "the sampler's own thread (concurrent mode's default); TimelineSampler.onScheduler has none"));

    /** The project's folder: the one above the simulations module that holds the queues module. */
    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("queues/src/main/java"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no project folder above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static List<ForbiddenApis.Offence> scanProject() {
        Path root = projectRoot();
        List<ForbiddenApis.Offence> found = new ArrayList<>();
        for (String dir : SCANNED) {
            assertThat(root.resolve(dir)).as("a scanned tree").isDirectory();
            found.addAll(ForbiddenApis.scanTree(root, root.resolve(dir)));
        }
        return found;
    }

    private static String lines(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining("\n  ", "\n  ", "\n"));
    }

    @Test
    void theModelAndTheRunnerUseNoForbiddenApiOutsideTheAllowList() {
        List<ForbiddenApis.Offence> found = scanProject();
        assertThat(ForbiddenApis.notAllowed(found, ALLOWED))
                .as("forbidden in the model and the runner (use the run's NanoClock/RunClock, RunTimers or the Pekko "
                        + "scheduler, Waits, the dispatcher, a seeded SplittableRandom; or allow it below with a reason):"
                        + "%s", lines(ForbiddenApis.notAllowed(found, ALLOWED)))
                .isEmpty();
        assertThat(ForbiddenApis.unused(found, ALLOWED)).as("allowed uses that are gone (drop them from the list)")
                .isEmpty();
    }

    @Test
    void aWallClockReadAddedToWatchedObjectFailsTheScanWithItsFileAndLine() throws IOException {
        String file = ACTORS + "WatchedObject.java";
        List<String> text = new ArrayList<>(Files.readAllLines(projectRoot().resolve(file)));
        int at = text.size() - 1;   // before the class's closing brace
        text.add(at, "    private static long now() { return System.nanoTime(); }");
        List<ForbiddenApis.Offence> found = ForbiddenApis.notAllowed(
                ForbiddenApis.scan(file, String.join("\n", text)), ALLOWED);
        assertThat(found).containsExactly(new ForbiddenApis.Offence(file, at + 1, "System.nanoTime"));
        assertThat(found.get(0)).hasToString(file + ":" + (at + 1) + ": System.nanoTime");
    }

    @Test
    void commentsAndStringsAreNotCodeButEveryFormOfAUseIs() {
        String text = """
                class X {
                    // System.nanoTime() in a comment
                    /** {@code Thread.sleep(1)} in javadoc */
                    String s = "Instant.now() in a string";
                    LongSupplier clock = System::nanoTime;
                    void f() throws Exception {
                        TimeUnit.MILLISECONDS.sleep(5);
                        new Thread(() -> { }).start();
                        double d = Math.random() + ThreadLocalRandom.current().nextInt();
                        f.orTimeout(1, TimeUnit.SECONDS).completeOnTimeout(null, 1, TimeUnit.SECONDS);
                        timers.completeOnTimeout(f, null, Duration.ofSeconds(1));   // the run's timers: allowed
                    }
                }
                """;
        assertThat(ForbiddenApis.scan("X.java", text)).extracting(o -> o.line() + " " + o.api()).containsExactly(
                "5 System.nanoTime", "7 TimeUnit.sleep", "8 new Thread", "9 ThreadLocalRandom", "9 Math.random",
                "10 orTimeout", "10 completeOnTimeout");
    }

    @Test
    void anAsyncContinuationWithoutItsExecutorIsForbiddenAndWithItIsNot() {
        String text = """
                class X {
                    void f() {
                        a.thenApplyAsync(x -> g(x, 1));
                        a.thenApplyAsync(x -> g(x, 1), executor);
                        CompletableFuture.supplyAsync(() -> {
                            return h(1, 2);
                        });
                        CompletableFuture.runAsync(this::run, pool);
                        a.thenCombineAsync(b, (x, y) -> x + y);
                        a.thenCombineAsync(b, (x, y) -> x + y, executor);
                        keys.callAsync(pid, creds, op);
                    }
                }
                """;
        assertThat(ForbiddenApis.scan("X.java", text)).extracting(o -> o.line() + " " + o.api()).containsExactly(
                "3 " + ForbiddenApis.ASYNC_WITHOUT_EXECUTOR, "5 " + ForbiddenApis.ASYNC_WITHOUT_EXECUTOR,
                "9 " + ForbiddenApis.ASYNC_WITHOUT_EXECUTOR);
    }
}
