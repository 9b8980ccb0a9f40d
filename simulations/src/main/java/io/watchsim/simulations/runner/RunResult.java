package io.watchsim.simulations.runner;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.watchsim.simulations.history.HistoryVerdict;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a scenario came to, as {@code result.json} holds it and the summary prints it:
 * the scenario and its seed, the world built, every metric an assertion can name (NaN where the
 * runner does not measure it), every invariant's verdict, every assertion's verdict, every fault
 * fired, and the overall verdict.
 *
 * @param metrics    metric name to value (counts, rates per second, ratios 0..1, durations in ns)
 * @param passed     every assertion held
 * @param history    what checking the run's history found, or null when none was kept
 * @param fingerprint the history's fingerprint (SHA-256 over its lines, in hex: the same for two runs that
 *                    recorded the same events), or null when none was kept (then not in {@code result.json})
 */
public record RunResult(String scenario, long seed, String started, double workloadSeconds, double buildSeconds,
                        World world, Map<String, Double> metrics, List<InvariantVerdict> invariants,
                        List<AssertionVerdict> assertions, List<FaultLog.Fired> faults, List<String> notes,
                        boolean passed, HistoryVerdict history,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String fingerprint) {
    public RunResult {
        Objects.requireNonNull(scenario);
        metrics = Map.copyOf(metrics);
        invariants = List.copyOf(invariants);
        assertions = List.copyOf(assertions);
        faults = List.copyOf(faults);
        notes = List.copyOf(notes);
    }

    /** A result without a history's fingerprint. */
    public RunResult(String scenario, long seed, String started, double workloadSeconds, double buildSeconds,
                     World world, Map<String, Double> metrics, List<InvariantVerdict> invariants,
                     List<AssertionVerdict> assertions, List<FaultLog.Fired> faults, List<String> notes,
                     boolean passed, HistoryVerdict history) {
        this(scenario, seed, started, workloadSeconds, buildSeconds, world, metrics, invariants, assertions, faults,
                notes, passed, history, null);
    }

    /**
     * What was built: objects (inner keyrings of trees included), queues, watches, and the seconds
     * each phase of the build took, in order (objects, queues, policy, watches).
     */
    public record World(long objects, long queues, long watches, Map<String, Double> buildPhases) {
        public World {
            buildPhases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildPhases));
        }
    }

    /** An invariant's verdict: held, violated (with the first examples), or not checked (with why). */
    public record InvariantVerdict(String name, Status status, String detail, List<String> examples) {
        public InvariantVerdict {
            examples = List.copyOf(examples);
        }
    }

    public enum Status {
        HELD, VIOLATED, UNCHECKED
    }

    /** An assertion as written, whether it held, and the values of the metrics it names. */
    public record AssertionVerdict(String assertion, boolean held, Map<String, Double> values) {
        public AssertionVerdict {
            values = Map.copyOf(values);
        }
    }

    /** The exit code a run gives: 0 when every assertion held, 1 when one did not. */
    public int exitCode() {
        return passed ? 0 : 1;
    }
}
