package io.watchsim.simulations.cli;

import io.watchsim.actors.sim.DeliveryTrace;
import io.watchsim.actors.sim.SimLoop;
import io.watchsim.simulations.explore.Replay;
import io.watchsim.simulations.history.HistoryFile;
import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watchsim replay HISTORY [--trace]}: runs a deterministic run again from its history and compares. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs a deterministic run (watchsim run --deterministic --history FILE) again from its history "
                + "alone: the history's first event holds the scenario as run and its schedule. The new history "
                + "must equal the old one line for line; the first line where they part is printed (a WatchSim bug: "
                + "something outside the run's loop reached it). With --trace, the message deliveries before the "
                + "first violation (and a few after it) are printed, step by step, with their virtual times.",
                "Exit 0: reproduced and every assertion held; 1: reproduced and an assertion or invariant failed; "
                        + "3: the replay parted from the history; 2: a mistake in the arguments or the file.",
                "Example: watchsim replay runs/faults/history.jsonl.gz --trace"})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HISTORY", description = "the history of a deterministic run (.jsonl or .jsonl.gz)")
    Path file;

    @Option(names = "--trace", description = "print the deliveries around the first violation (or the run's last ones)")
    boolean trace;

    // A String, so that a bad value gets one line (UserInputException).
    @Option(names = "--trace-steps", paramLabel = "N",
            description = "with --trace: deliveries printed before the first violation, 1..100000; default 100")
    String traceSteps;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the replay's scenario.conf and history go; default a new folder beside HISTORY")
    String out;

    static final int AFTER_STEPS = 20;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("history '" + file + "' does not exist or is not a regular file; expected "
                    + "the history of a deterministic run (watchsim run --deterministic --history FILE)");
        }
        int steps = traceSteps == null ? 100 : RunOptions.wholeNumber("--trace-steps", traceSteps, 1, 100_000);
        Path dir = out != null ? Path.of(out) : file.toAbsolutePath().getParent().resolve("replay");
        RunOptions.makeFolder(dir, "--out");
        DeliveryTrace deliveries = new DeliveryTrace(steps, AFTER_STEPS);
        Replay.Outcome o;
        try {
            o = Replay.replay(file, dir, trace ? deliveries : SimLoop.StepListener.NONE);
        } catch (Replay.NotReplayable e) {
            throw new UserInputException(e.getMessage());
        } catch (HistoryFile.FormatException e) {
            throw new UserInputException(e.getMessage());
        }
        RunResult r = o.result();
        System.out.println("watchsim replay: " + file + " (seed " + o.run().seed() + ", window " + o.run().window()
                + ", scale " + o.run().scale() + ", WatchSim " + o.run().version() + ")");
        System.out.print(ResultWriter.summary(r));
        if (r.history() != null) {
            r.history().describe().forEach(System.out::println);
        }
        if (trace) {
            System.out.println(deliveries.frozen() ? "deliveries up to the first violation (the last "
                    + deliveries.deliveries().size() + "):" : "the run's last " + deliveries.deliveries().size()
                    + " deliveries (no violation was found while it ran):");
            deliveries.deliveries().forEach(d -> System.out.println("  " + d));
            if (deliveries.frozen()) {
                System.out.println("and after it:");
                deliveries.afterTrigger().forEach(d -> System.out.println("  " + d));
            }
        }
        System.out.println("history: " + o.history());
        System.out.println("fingerprint: " + r.fingerprint());
        if (o.divergence().isPresent()) {
            System.out.println("replay: NOT reproduced: " + o.divergence().get());
            return 3;
        }
        System.out.println("replay: reproduced, the same history line for line");
        return r.exitCode();
    }
}
