package io.watchsim.policies.smack;

import java.util.Optional;

/**
 * Smack labels: the special ones and the validity rule of {@code smk_parse_smack()}: 1..255
 * characters, each above 0x20 and below 0x7f, none of {@code / " \ '}, and not starting with
 * {@code -}.
 *
 * <p>The kernel cuts a label at its first bad character ({@code "Lab/x"} becomes {@code "Lab"});
 * WatchSim refuses such a label instead, so that a typo in a policy is reported, not silently
 * turned into another label.
 */
public final class SmackLabel {
    private SmackLabel() {
    }

    /** {@code smack_known_star}: objects anyone may access; a subject with it may access nothing. */
    public static final String STAR = "*";
    /** {@code smack_known_hat}: a subject that may read (or lock) everything. */
    public static final String HAT = "^";
    /** {@code smack_known_floor}: an object everyone may read (or lock). */
    public static final String FLOOR = "_";
    /** {@code smack_known_web}: the internet label, accessible both ways. */
    public static final String WEB = "@";

    /** {@code SMK_LONGLABEL - 1}. */
    public static final int MAX_LENGTH = 255;

    /** What a valid label looks like, for error messages. */
    public static final String EXPECTED = "1.." + MAX_LENGTH
            + " characters from 0x21..0x7e other than / \" \\ ', not starting with '-'";

    /**
     * What is wrong with a label: {@code what} ("starts with '-'", "has '/'") and, when one
     * character is at fault ({@code atChar}), its index.
     */
    public record Problem(int index, String what, boolean atChar) {
        /** The problem as a message says it, with the character's position counted from {@code base}. */
        public String describe(String where, int base) {
            return atChar ? what + " at " + where + " " + (base + index) : what;
        }
    }

    /** The first problem with {@code label}, or empty if it is a valid Smack label. */
    public static Optional<Problem> problem(String label) {
        if (label.isEmpty()) {
            return Optional.of(new Problem(0, "is empty", false));
        }
        if (label.charAt(0) == '-') {
            return Optional.of(new Problem(0, "starts with '-'", false));
        }
        for (int i = 0; i < label.length(); i++) {
            if (!validChar(label.charAt(i))) {
                return Optional.of(new Problem(i, "has " + describeChar(label.charAt(i)), true));
            }
        }
        if (label.length() > MAX_LENGTH) {
            return Optional.of(new Problem(0, "is " + label.length() + " characters long", false));
        }
        return Optional.empty();
    }

    public static boolean isValid(String label) {
        return problem(label).isEmpty();
    }

    /**
     * Returns {@code label} if it is valid.
     *
     * @throws IllegalArgumentException saying what is wrong and what a label must be
     */
    public static String require(String role, String label) {
        if (label == null) {
            throw new IllegalArgumentException(role + " label is missing; expected " + EXPECTED);
        }
        problem(label).ifPresent(p -> {
            throw new IllegalArgumentException(role + " label \"" + label + "\" " + p.describe("position", 1) + "; expected " + EXPECTED);
        });
        return label;
    }

    static boolean validChar(char c) {
        return c > ' ' && c < 0x7f && c != '/' && c != '"' && c != '\\' && c != '\'';
    }

    /** A character as error messages show it: {@code 'q'}, or {@code U+0009} when not printable. */
    static String describeChar(char c) {
        return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
