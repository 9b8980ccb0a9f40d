package io.watchsim.policies.smack;

import io.watchsim.policies.PolicySyntaxException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Smack labels: the special ones and the rule of {@code smk_parse_smack()}
 * ({@code security/smack/smack_access.c}): 1..255 characters, each above 0x20 and below 0x7f,
 * none of {@code / " \ '}, and not starting with {@code -}. Read two ways:
 * <ul>
 *   <li>as the kernel reads a write ({@link #parseSmack}, for {@link SmackWrites}): cut at the
 *       first bad character, so {@code "Lab/x"} becomes {@code "Lab"};</li>
 *   <li>as WatchSim reads a policy file or a rule given in Java ({@link #problem},
 *       {@link #require}): such a label is refused, so that a typo in a policy is reported, not
 *       silently turned into another label.</li>
 * </ul>
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

    /** {@code SMK_LONGLABEL} ({@code security/smack/smack.h}): a label is shorter than this. */
    public static final int SMK_LONGLABEL = 256;
    /** The longest label: {@code SMK_LONGLABEL - 1} characters. */
    public static final int MAX_LENGTH = SMK_LONGLABEL - 1;

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
                return Optional.of(new Problem(i, "has " + PolicySyntaxException.describeChar(label.charAt(i)), true));
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

    /**
     * {@code smk_parse_smack()} of {@code len} bytes from {@code from}: null (EINVAL) when the
     * first is {@code -}, when no character before the first bad one is left, or when the label
     * would be {@value #SMK_LONGLABEL} characters or more; else the label, cut at the first byte
     * that is not a label character.
     */
    public static String parseSmack(byte[] s, int from, int len) {
        if (len <= 0 || s[from] == '-') {
            return null;
        }
        int i = 0;
        while (i < len && validChar((char) (s[from + i] & 0xFF))) {
            i++;
        }
        if (i == 0 || i >= SMK_LONGLABEL) {
            return null;
        }
        return new String(s, from, i, StandardCharsets.US_ASCII);
    }

    /** A label character: above a blank and below 0x7f, and none of {@code / " \ '}. */
    static boolean validChar(char c) {
        return c > ' ' && c < 0x7f && c != '/' && c != '"' && c != '\\' && c != '\'';
    }
}
