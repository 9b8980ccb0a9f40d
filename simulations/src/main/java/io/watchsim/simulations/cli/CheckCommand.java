package io.watchsim.simulations.cli;

import io.watchsim.simulations.history.HistoryChecker;
import io.watchsim.simulations.history.HistoryEvent;
import io.watchsim.simulations.history.HistoryFile;
import io.watchsim.simulations.history.HistoryPolicies;
import io.watchsim.simulations.history.HistoryVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watchsim check FILE}: checks a run's written history again, without the run or its files. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a history written by `watchsim run --history FILE` against the per-watch invariants "
                + "(conservation, loss marking, security, ordering, removal), with the policies the history "
                + "describes. Prints each invariant's verdict and the first violation with the events around it. "
                + "Exit 0 when every invariant held, 1 when one did not, 2 when the file is not a readable history.",
                "Example: watchsim check runs/faults-20261201-101500/history.jsonl.gz"})
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a history file (.jsonl, or .jsonl.gz)")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("history '" + file + "' does not exist or is not a regular file; expected a "
                    + "file written by `watchsim run --history FILE`");
        }
        HistoryPolicies.Rebuilt policies = new HistoryPolicies.Rebuilt();
        HistoryChecker checker = new HistoryChecker(policies);
        try {
            HistoryFile.read(file, e -> {
                if (e instanceof HistoryEvent.PolicyInForce p) {
                    policies.add(p);
                }
                checker.accept(e);
            });
        } catch (HistoryFile.FormatException e) {
            throw new UserInputException(e.getMessage());
        } catch (IOException e) {
            throw new UserInputException("history '" + file + "' cannot be read: " + e.getMessage());
        }
        HistoryVerdict v = checker.finish();
        v.describe().forEach(System.out::println);
        policies.refusals().forEach((version, why) -> System.out.println("policy version " + version
                + " could not be rebuilt: " + why));
        return v.held() ? 0 : 1;
    }
}
