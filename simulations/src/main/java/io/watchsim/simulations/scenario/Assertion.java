package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * An assertion over a run's result metrics, as a small typed tree: a comparison of a metric with a
 * value in the metric's unit, a verdict metric alone, and !, &amp;&amp;, || with parentheses.
 * Written as text ({@code "loss.rate < 0.01"}) and parsed by {@link AssertionParser}; two texts
 * that mean the same (50ms and 0.05s) give equal trees. {@link #render()} gives the canonical text.
 */
public sealed interface Assertion {
    /** Parses {@code text}; throws {@link AssertionParser.Mistake} saying what was found and expected. */
    static Assertion parse(String text) {
        return AssertionParser.parse(text);
    }

    /** The canonical text. */
    String render();

    /**
     * Whether the assertion holds for the metric values given (each in its metric's unit; a
     * verdict is 1 when it held, 0 when not).
     */
    boolean holds(ToDoubleFunction<Metric> values);

    /** The comparison operators. */
    enum Comparator {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(double actual, double expected) {
            return switch (this) {
                case LT -> actual < expected;
                case LE -> actual <= expected;
                case GT -> actual > expected;
                case GE -> actual >= expected;
                case EQ -> actual == expected;
                case NE -> actual != expected;
            };
        }
    }

    /** {@code metric op value}, the value in the metric's unit (nanoseconds for a duration). */
    record Compare(Metric metric, Comparator op, double value) implements Assertion {
        public Compare {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(op, "op");
        }

        @Override
        public String render() {
            String v = switch (metric.type()) {
                case DURATION -> Units.format(Duration.ofNanos((long) value));
                case RATE -> Rate.perSecond(value).toString();
                default -> Units.number(value);
            };
            return metric.key() + " " + op.symbol() + " " + v;
        }

        @Override
        public boolean holds(ToDoubleFunction<Metric> values) {
            return op.test(values.applyAsDouble(metric), value);
        }
    }

    /** A verdict metric that must have held. */
    record Holds(Metric metric) implements Assertion {
        public Holds {
            Objects.requireNonNull(metric, "metric");
        }

        @Override
        public String render() {
            return metric.key();
        }

        @Override
        public boolean holds(ToDoubleFunction<Metric> values) {
            return values.applyAsDouble(metric) != 0;
        }
    }

    /** {@code !operand}. */
    record Not(Assertion operand) implements Assertion {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String render() {
            return "!" + (operand instanceof Holds || operand instanceof Not ? operand.render()
                    : "(" + operand.render() + ")");
        }

        @Override
        public boolean holds(ToDoubleFunction<Metric> values) {
            return !operand.holds(values);
        }
    }

    /** {@code left && right}. */
    record And(Assertion left, Assertion right) implements Assertion {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String render() {
            return operand(left) + " && " + operand(right);
        }

        private static String operand(Assertion a) {
            return a instanceof Or ? "(" + a.render() + ")" : a.render();
        }

        @Override
        public boolean holds(ToDoubleFunction<Metric> values) {
            return left.holds(values) && right.holds(values);
        }
    }

    /** {@code left || right}. */
    record Or(Assertion left, Assertion right) implements Assertion {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String render() {
            return left.render() + " || " + right.render();
        }

        @Override
        public boolean holds(ToDoubleFunction<Metric> values) {
            return left.holds(values) || right.holds(values);
        }
    }
}
