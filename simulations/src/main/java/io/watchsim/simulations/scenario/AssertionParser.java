package io.watchsim.simulations.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an assertion's text into an {@link Assertion}:
 * <pre>
 *   assertion  := and ( "||" and )*
 *   and        := unary ( "&amp;&amp;" unary )*
 *   unary      := "!" unary | "(" assertion ")" | METRIC [ OP VALUE ]
 *   OP         := "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!="
 * </pre>
 * A verdict metric stands alone; any other metric is compared with a value of its type
 * ({@link Metric.Type#comparedWith()}). Mistakes are thrown as {@link Mistake}.
 */
public final class AssertionParser {
    /** What an assertion looks like, for error messages. */
    public static final String FORM = "METRIC OP VALUE (loss.rate < 0.01, latency.p99 < 50ms) or a verdict "
            + "(invariants.all), joined with && || ! ( )";

    /** A mistake in an assertion: what was found and what was expected there. */
    public static final class Mistake extends IllegalArgumentException {
        private final String found;
        private final String expected;

        Mistake(String found, String expected) {
            super("found " + found + ", expected " + expected, null);
            this.found = found;
            this.expected = expected;
        }

        public String found() {
            return found;
        }

        public String expected() {
            return expected;
        }
    }

    private final List<String> tokens;
    private int pos;

    private AssertionParser(String text) {
        this.tokens = tokenize(text);
    }

    public static Assertion parse(String text) {
        AssertionParser p = new AssertionParser(text);
        if (p.tokens.isEmpty()) {
            throw new Mistake("an empty assertion", FORM);
        }
        Assertion a = p.or();
        if (p.pos < p.tokens.size()) {
            throw new Mistake("'" + p.tokens.get(p.pos) + "' after '" + p.before() + "'", "&&, || or the end");
        }
        return a;
    }

    private Assertion or() {
        Assertion left = and();
        while (accept("||")) {
            left = new Assertion.Or(left, and());
        }
        return left;
    }

    private Assertion and() {
        Assertion left = unary();
        while (accept("&&")) {
            left = new Assertion.And(left, unary());
        }
        return left;
    }

    private Assertion unary() {
        if (accept("!")) {
            return new Assertion.Not(unary());
        }
        if (accept("(")) {
            Assertion inner = or();
            if (!accept(")")) {
                throw new Mistake(next() + " after '" + before() + "'", "')'");
            }
            return inner;
        }
        return test();
    }

    private Assertion test() {
        String name = pos < tokens.size() ? tokens.get(pos) : null;
        if (name == null || !isWord(name)) {
            throw new Mistake(next() + (pos > 0 ? " after '" + before() + "'" : ""), "a metric such as loss.rate, "
                    + "latency.p99 or invariants.all");
        }
        pos++;
        Metric metric = Metric.byKey(name).orElseThrow(() -> new Mistake("unknown metric '" + name + "'",
                "a metric of the list in docs/SCENARIOS.md" + Suggestions.didYouMean(name, Metric.keys())));
        Assertion.Comparator op = pos < tokens.size() ? comparator(tokens.get(pos)) : null;
        if (metric.type() == Metric.Type.VERDICT) {
            if (op != null) {
                throw new Mistake("'" + name + " " + tokens.get(pos) + "'", name + " alone or after ! (it is a verdict)");
            }
            return new Assertion.Holds(metric);
        }
        if (op == null) {
            throw new Mistake(next() + " after '" + name + "'", "a comparison: < <= > >= == or != and "
                    + metric.type().comparedWith());
        }
        pos++;
        if (pos >= tokens.size()) {
            throw new Mistake("the end after '" + before() + "'", metric.type().comparedWith());
        }
        String value = tokens.get(pos++);
        return new Assertion.Compare(metric, op, value(metric, value));
    }

    private static double value(Metric metric, String v) {
        try {
            return switch (metric.type()) {
                case DURATION -> {
                    Duration d = Units.parseDuration(v);
                    yield d.toNanos();
                }
                case RATE -> v.contains("/") ? Rate.parse(v).perSecond() : plain(v);
                case RATIO -> v.endsWith("%") ? Units.parsePercent(v) : plain(v);
                case COUNT -> plain(v);
                case VERDICT -> throw new AssertionError("verdicts are not compared");
            };
        } catch (IllegalArgumentException e) {
            throw new Mistake("'" + v + "' for " + metric.key(), metric.type().comparedWith());
        }
    }

    /** A plain number: 1000, 0.5, 1e6 or a count with a suffix (10k). */
    private static double plain(String v) {
        if (v.matches("[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return Double.parseDouble(v);
        }
        return Units.parseCount(v);
    }

    private static Assertion.Comparator comparator(String token) {
        for (Assertion.Comparator c : Assertion.Comparator.values()) {
            if (c.symbol().equals(token)) {
                return c;
            }
        }
        return null;
    }

    private boolean accept(String token) {
        if (pos < tokens.size() && tokens.get(pos).equals(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private String next() {
        return pos < tokens.size() ? "'" + tokens.get(pos) + "'" : "the end";
    }

    private String before() {
        return String.join(" ", tokens.subList(0, pos));
    }

    private static boolean isWord(String token) {
        return Character.isLetter(token.charAt(0));
    }

    /** Words (metrics), values (start with a digit), operators and parentheses. */
    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c)) {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || ".-_".indexOf(text.charAt(j)) >= 0)) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            } else if (Character.isDigit(c) || c == '.') {
                int j = i;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || "./%".indexOf(text.charAt(j)) >= 0
                        || ((text.charAt(j) == '-' || text.charAt(j) == '+') && (text.charAt(j - 1) == 'e'
                        || text.charAt(j - 1) == 'E')))) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("<=", ">=", "==", "!=", "&&", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else {
                    out.add(String.valueOf(c));
                    i++;
                }
            }
        }
        return out;
    }
}
