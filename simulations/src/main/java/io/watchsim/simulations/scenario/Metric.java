package io.watchsim.simulations.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every result metric an assertion can name: the one list the runner fills in and the key
 * reference prints. A metric's {@link Type} says what an assertion compares it with and in which
 * unit the runner reports it.
 */
public enum Metric {
    INVARIANTS_ALL("invariants.all", Type.VERDICT, "every invariant below held"),
    INVARIANTS_CONSERVATION("invariants.conservation", Type.VERDICT,
            "per watch, every record the object posted was delivered, filtered, denied or covered by a loss record"),
    INVARIANTS_LOSS_MARKING("invariants.loss-marking", Type.VERDICT,
            "every gap a reader saw was announced by a loss record where the kernel puts it"),
    INVARIANTS_SECURITY("invariants.security", Type.VERDICT,
            "no record reached a queue through a watch the policy forbade at posting time"),
    INVARIANTS_ORDERING("invariants.ordering", Type.VERDICT,
            "per watch, records arrived in the order the object posted them"),
    INVARIANTS_REMOVAL("invariants.removal", Type.VERDICT,
            "every watch on a destroyed or crashed object gave exactly one removal record, after its last record"),
    INVARIANTS_LIVENESS("invariants.liveness", Type.VERDICT,
            "every kernel call a generator made was answered within its bound"),

    LOSS_RATE("loss.rate", Type.RATIO, "records lost over records posted to queues (per record and watch)"),
    DENIED_RATE("denied.rate", Type.RATIO, "records the post hook denied over records posted to queues"),
    FILTERED_RATE("filtered.rate", Type.RATIO, "records a queue's filter rejected over records posted to queues"),
    OPERATIONS_ERROR_RATE("operations.error-rate", Type.RATIO, "operations answered with an errno over operations answered"),
    OPERATIONS_ACHIEVED("operations.achieved", Type.RATIO, "operations issued over operations intended"),

    OPERATIONS_INTENDED("operations.intended", Type.COUNT, "operations the injection profiles asked for"),
    OPERATIONS_ISSUED("operations.issued", Type.COUNT, "operations the generators issued"),
    OPERATIONS_UNSENT("operations.unsent", Type.COUNT, "operations not issued because max-in-flight or max-backlog was reached"),
    OPERATIONS_ANSWERED("operations.answered", Type.COUNT, "operations the kernel answered"),
    OPERATIONS_ERRORS("operations.errors", Type.COUNT, "operations answered with an errno"),
    RECORDS_POSTED("records.posted", Type.COUNT, "records posted to queues, one per record and watch"),
    RECORDS_DELIVERED("records.delivered", Type.COUNT, "records readers read"),
    RECORDS_FILTERED("records.filtered", Type.COUNT, "records queues' filters rejected"),
    RECORDS_DENIED("records.denied", Type.COUNT, "records the post hook denied"),
    RECORDS_LOST("records.lost", Type.COUNT, "records lost to full queues"),
    RECORDS_DROPPED("records.dropped", Type.COUNT, "records dropped by closing (defunct) queues"),
    RECORDS_REMOVALS("records.removals", Type.COUNT, "removal records read"),
    RECORDS_LOSS_MARKS("records.loss-marks", Type.COUNT, "loss records read"),
    FAULTS_FIRED("faults.fired", Type.COUNT, "faults fired"),
    DEAD_LETTERS("dead-letters", Type.COUNT, "messages to actors that had stopped"),
    KERNEL_BACKLOG_PEAK("kernel.backlog.peak", Type.COUNT, "the kernel's backlog at its highest as the generators "
            + "saw it (records posted that their object had not yet posted into its queues)"),
    MOUNTS_CHANGES("mounts.changes", Type.COUNT, "mounts that appeared, went or changed over the run in the trees "
            + "that readers recovering through mountinfo watch, once per such reader (not measured without one)"),
    MOUNTS_MISSED("mounts.missed", Type.COUNT, "of mounts.changes, those the reader learnt neither from a record "
            + "nor from a mountinfo walk after a loss"),
    MOUNTS_WALKS("mounts.walks", Type.COUNT, "mountinfo walks the recovering readers made after loss records"),
    MOUNTS_INFO_CALLS("mounts.info-calls", Type.COUNT, "fsinfo-style queries the recovering readers made, their "
            + "first full walks included"),

    THROUGHPUT_OPERATIONS("throughput.operations", Type.RATE, "operations issued per second, achieved"),
    THROUGHPUT_INTENDED("throughput.intended", Type.RATE, "operations per second the profiles asked for"),
    THROUGHPUT_POSTS("throughput.posts", Type.RATE, "records posted to queues per second"),
    THROUGHPUT_DELIVERIES("throughput.deliveries", Type.RATE,
            "records read per second of the workload (not while the queues drain after it)"),

    LATENCY_P50("latency.p50", Type.DURATION, "post to read, median"),
    LATENCY_P90("latency.p90", Type.DURATION, "post to read, 90th percentile"),
    LATENCY_P99("latency.p99", Type.DURATION, "post to read, 99th percentile"),
    LATENCY_P999("latency.p999", Type.DURATION, "post to read, 99.9th percentile"),
    LATENCY_MAX("latency.max", Type.DURATION, "post to read, longest"),
    LATENCY_MEAN("latency.mean", Type.DURATION, "post to read, mean"),
    CALL_LATENCY_P99("call-latency.p99", Type.DURATION, "a generator's kernel call, issue to answer, 99th percentile"),
    CALL_LATENCY_MAX("call-latency.max", Type.DURATION, "a generator's kernel call, issue to answer, longest");

    /** What a metric is and what an assertion compares it with. */
    public enum Type {
        /** Held or not; used alone ({@code invariants.all}) or negated ({@code !invariants.ordering}). */
        VERDICT("true or false", "used alone or after !"),
        /** A fraction 0..1; compared with a number or a percentage (0.01, 1%). */
        RATIO("a fraction 0..1", "a number or a percentage (0.01, 1%)"),
        /** A count; compared with a number (1000, 1e6, 10k). */
        COUNT("a count", "a number (1000, 1e6, 10k)"),
        /** Per second; compared with a rate (1M/s) or a number per second. */
        RATE("per second", "a rate (1M/s) or a number per second"),
        /** In nanoseconds; compared with a duration (50ms). */
        DURATION("nanoseconds", "a duration (50ms, 2s)");

        private final String unit;
        private final String comparedWith;

        Type(String unit, String comparedWith) {
            this.unit = unit;
            this.comparedWith = comparedWith;
        }

        /** The unit the runner reports the metric in. */
        public String unit() {
            return unit;
        }

        /** What an assertion compares a metric of this type with. */
        public String comparedWith() {
            return comparedWith;
        }
    }

    private final String key;
    private final Type type;
    private final String description;

    Metric(String key, Type type, String description) {
        this.key = key;
        this.type = type;
        this.description = description;
    }

    /** The metric's name in assertions and in result.json. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }
}
