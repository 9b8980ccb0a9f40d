package io.watchsim.simulations.keyctl;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A file of keyctl command lines, run in one simulated kernel as a shell would run them: one
 * command per line, {@code #} comments, quotes for arguments with blanks, a trailing {@code &}
 * runs the command in the background (a {@code watch} keeps printing as records arrive), and
 * {@code sleep SECONDS} lets simulated time pass. After the last line the clock runs on until
 * nothing is pending, garbage collection included.
 */
public final class KeyctlScript {
    /**
     * The longest {@code sleep}, in seconds: KTIME_MAX nanoseconds (about 292 years), the longest
     * a Linux sleep can be (coreutils' sleep ends in nanosleep(), whose timespec becomes a
     * saturating ktime_t). Longer, infinite or not-a-number values are refused, not clamped.
     */
    static final double MAX_SLEEP_SECONDS = Long.MAX_VALUE / 1e9;

    private KeyctlScript() {
    }

    /** One command line: its words, whether it runs in the background, its line number. */
    record Line(int number, List<String> words, boolean background) {
    }

    /** Parses a script; a mistake throws {@link IllegalArgumentException} naming source:line. */
    static List<Line> parse(String source, String text) {
        List<Line> lines = new ArrayList<>();
        String[] rows = text.split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            List<String> words = words(rows[i], source, i + 1);
            if (words.isEmpty()) {
                continue;
            }
            boolean background = false;
            String last = words.get(words.size() - 1);
            if (last.equals("&")) {
                background = true;
                words.remove(words.size() - 1);
            } else if (last.endsWith("&")) {
                background = true;
                words.set(words.size() - 1, last.substring(0, last.length() - 1));
            }
            if (words.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": '&' with no command before it");
            }
            if (!words.get(0).equals("keyctl") && !words.get(0).equals("sleep")) {
                words.add(0, "keyctl");
            }
            if (words.get(0).equals("sleep")) {
                if (words.size() != 2 || seconds(words.get(1)).isEmpty()) {
                    throw new IllegalArgumentException(source + ":" + (i + 1)
                            + ": expected sleep SECONDS (a whole or decimal number from 0 to " + (long) MAX_SLEEP_SECONDS
                            + ", the longest sleep Linux can time), found '" + rows[i].trim() + "'");
                }
            }
            lines.add(new Line(i + 1, words, background));
        }
        return lines;
    }

    /** SECONDS of a sleep line as whole milliseconds, if it is a number from 0 to {@link #MAX_SLEEP_SECONDS}. */
    static OptionalLong seconds(String text) {
        try {
            double s = Double.parseDouble(text);
            return !(s >= 0 && s <= MAX_SLEEP_SECONDS) ? OptionalLong.empty() : OptionalLong.of(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static List<String> words(String row, String source, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '#' && cur == null) {
                break;
            }
            if (c == ' ' || c == '\t') {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
                continue;
            }
            if (cur == null) {
                cur = new StringBuilder();
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else {
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": unterminated " + quote + " quote; expected a closing "
                    + quote);
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Runs every line in {@code session}, then lets the clock run out; returns the output. */
    static String run(KeyctlSession session, List<Line> lines) {
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            if (l.words().get(0).equals("sleep")) {
                session.sleep(seconds(l.words().get(1)).getAsLong(), out);
            } else {
                session.run(l.words().subList(1, l.words().size()), l.background(), out);
            }
        }
        session.runClockOut(out);
        return out.toString();
    }
}
