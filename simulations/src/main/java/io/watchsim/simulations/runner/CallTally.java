package io.watchsim.simulations.runner;

import io.watchsim.queues.SysResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the calls of one kind that one fault firing made were answered: how many succeeded, how
 * many failed with each errno, how many got no answer (a liveness violation), how many were not
 * made because the run was stopping. Thread-safe: answers arrive on dispatcher threads.
 */
final class CallTally {
    /** A call that succeeded. */
    static final String OK = "ok";
    /** A call that failed with a kernel fault or got no answer within its bound. */
    static final String UNANSWERED = "unanswered";
    /** A call not made because the injector was stopping. */
    static final String NOT_ISSUED = "not made (stopping)";

    private final Map<String, Long> counts = new HashMap<>();

    synchronized void add(String outcome, long n) {
        if (n > 0) {
            counts.merge(outcome, n, Long::sum);
        }
    }

    /** Counts a kernel call's answer: ok, or its errno by name. */
    void answered(SysResult result) {
        add(result.isOk() ? OK : result.errno().name(), 1);
    }

    synchronized long count(String outcome) {
        return counts.getOrDefault(outcome, 0L);
    }

    /** {@code 18 ok, 2 ENOKEY, 1 unanswered}: ok first, then errnos by name, then the rest; {@code none} when empty. */
    synchronized String summary() {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> outcomes = new ArrayList<>(counts.keySet());
        outcomes.sort((a, b) -> rank(a) != rank(b) ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        List<String> parts = new ArrayList<>();
        for (String o : outcomes) {
            parts.add(counts.get(o) + " " + o);
        }
        return String.join(", ", parts);
    }

    private static int rank(String outcome) {
        return switch (outcome) {
            case OK -> 0;
            case UNANSWERED -> 2;
            case NOT_ISSUED -> 3;
            default -> outcome.startsWith("E") ? 1 : 2;
        };
    }
}
