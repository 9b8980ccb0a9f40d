package io.watchsim.simulations.history;

import java.util.List;
import java.util.Map;

/**
 * What checking a history found: how much it held, each invariant's violations (counted, the first
 * few described), and the first violation with the events around it.
 *
 * @param events       events checked
 * @param posts        posts objects made
 * @param reads        reads readers made
 * @param watches      watches that were set
 * @param deadLetters  records owed to a watch whose watch or queue crashed: they went to the dead letters
 * @param fates        fates by outcome (inserted, filtered, denied, lost, dropped_defunct)
 * @param checks       per invariant, by its name in the run's result
 * @param first        the first violation, or null
 * @param context      the events around the first violation (empty when there is none)
 * @param overrun      non-null when the history could not be kept whole (then nothing in it is a verdict)
 */
public record HistoryVerdict(long events, long posts, long reads, long watches, long deadLetters,
                             Map<String, Long> fates, Map<String, Check> checks, String first, List<String> context,
                             String overrun) {

    public HistoryVerdict(long events, long posts, long reads, long watches, long deadLetters, Map<String, Long> fates,
                          Map<String, Check> checks, String first, List<String> context) {
        this(events, posts, reads, watches, deadLetters, fates, checks, first, context, null);
    }

    /** One invariant's outcome over the history. */
    public record Check(String invariant, long violations, List<String> examples) {
        public boolean held() {
            return violations == 0;
        }
    }

    /** The same verdict, marked as drawn from a history that was not kept whole. */
    public HistoryVerdict overrun(String why) {
        return new HistoryVerdict(events, posts, reads, watches, deadLetters, fates, checks, first, context, why);
    }

    /** Every invariant held over a whole history. */
    public boolean held() {
        return overrun == null && checks.values().stream().allMatch(Check::held);
    }

    /** The outcome for {@code invariant} (its name in the run's result). */
    public Check check(String invariant) {
        return checks.get(invariant);
    }

    /** The verdict as lines for a terminal: the counts, each invariant, the first violation in its context. */
    public List<String> describe() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("history: " + events + " events, " + posts + " posts, " + watches + " watches, " + reads + " reads; "
                + "fates " + fates + (deadLetters > 0 ? "; " + deadLetters + " records to crashed watches or queues "
                + "(dead letters)" : ""));
        if (overrun != null) {
            lines.add("history INCOMPLETE, no verdict from it: " + overrun);
            return lines;
        }
        for (Check c : checks.values()) {
            lines.add(String.format("  %-13s %s", c.invariant(), c.held() ? "held" : "VIOLATED " + c.violations() + " time(s)"));
            c.examples().forEach(e -> lines.add("      " + e));
        }
        if (first != null) {
            lines.add("first violation: " + first);
            lines.add("events around it:");
            lines.addAll(context);
        }
        return lines;
    }
}
