package io.watchsim.simulations.explore;

import io.watchsim.simulations.runner.RunResult;

import java.util.Objects;

/**
 * What one deterministic run of a scenario under one seed came to.
 *
 * @param seed        the seed
 * @param passed      no invariant violated, every assertion held, the run ended
 * @param signature   what broke, in a form that two runs failing the same way share ({@code "invariant ordering"},
 *                    {@code "assertion loss.rate < 0.01"}, {@code "error KernelFault"}); empty when it passed
 * @param detail      the first example or message of the failure, for people; empty when it passed
 * @param fingerprint the run's fingerprint (the hash of its history), or empty
 */
public record SeedOutcome(long seed, boolean passed, String signature, String detail, String fingerprint) {
    public SeedOutcome {
        Objects.requireNonNull(signature);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(fingerprint);
    }

    /** The outcome of a run that gave a result: its first violated invariant, else its first failed assertion. */
    public static SeedOutcome of(long seed, RunResult r, String fingerprint) {
        for (RunResult.InvariantVerdict v : r.invariants()) {
            if (v.status() == RunResult.Status.VIOLATED) {
                return new SeedOutcome(seed, false, "invariant " + v.name(),
                        v.examples().isEmpty() ? v.detail() : v.examples().get(0), fingerprint);
            }
        }
        for (RunResult.AssertionVerdict a : r.assertions()) {
            if (!a.held()) {
                return new SeedOutcome(seed, false, "assertion " + a.assertion(), "values " + a.values(), fingerprint);
            }
        }
        return new SeedOutcome(seed, true, "", "", fingerprint);
    }

    /** The outcome of a run that ended in an error instead of a result. */
    public static SeedOutcome failed(long seed, Throwable error) {
        return new SeedOutcome(seed, false, "error " + error.getClass().getSimpleName(),
                String.valueOf(error.getMessage()), "");
    }
}
