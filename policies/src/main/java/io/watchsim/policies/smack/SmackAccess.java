package io.watchsim.policies.smack;

import io.watchsim.policies.PolicySyntaxException;

/**
 * Smack access bits, with the kernel's values ({@code MAY_*} of {@code include/linux/fs.h} and
 * {@code security/smack/smack.h}), and their text form as smackfs {@code load2} reads and
 * writes it: letters from {@code rwxatlb} in either case, {@code -} for nothing.
 */
public final class SmackAccess {
    private SmackAccess() {
    }

    /** {@code MAY_EXEC} (x). */
    public static final int EXECUTE = 0x0001;
    /** {@code MAY_WRITE} (w). */
    public static final int WRITE = 0x0002;
    /** {@code MAY_READ} (r). */
    public static final int READ = 0x0004;
    /** {@code MAY_APPEND} (a). */
    public static final int APPEND = 0x0008;
    /** {@code MAY_TRANSMUTE} (t). */
    public static final int TRANSMUTE = 0x1000;
    /** {@code MAY_LOCK} (l). */
    public static final int LOCK = 0x2000;
    /** {@code MAY_BRINGUP} (b): a rule reported when it is used. */
    public static final int BRINGUP = 0x4000;
    /** {@code MAY_ANYREAD}: read or execute. */
    public static final int ANYREAD = READ | EXECUTE;
    /** Every bit. */
    public static final int ALL = READ | WRITE | EXECUTE | APPEND | TRANSMUTE | LOCK | BRINGUP;

    /** The letters in the order smackfs prints them. */
    public static final String LETTERS = "rwxatlb";
    private static final int[] BITS = {READ, WRITE, EXECUTE, APPEND, TRANSMUTE, LOCK, BRINGUP};

    /** The bit of one access letter (either case), 0 for {@code -}, or -1 for any other character. */
    public static int bitOf(char c) {
        return switch (c) {
            case '-' -> 0;
            case 'r', 'R' -> READ;
            case 'w', 'W' -> WRITE;
            case 'x', 'X' -> EXECUTE;
            case 'a', 'A' -> APPEND;
            case 't', 'T' -> TRANSMUTE;
            case 'l', 'L' -> LOCK;
            case 'b', 'B' -> BRINGUP;
            default -> -1;
        };
    }

    /** The index of the first character of {@code text} that is no access letter, or -1 if there is none. */
    public static int invalidAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bitOf(text.charAt(i)) < 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses an access string such as {@code rw}, {@code RWX}, {@code r-x} or {@code -}.
     *
     * @throws IllegalArgumentException if the string is empty or holds another character
     */
    public static int parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("access is empty; expected letters from " + LETTERS + " or -");
        }
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            int b = bitOf(text.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException("access \"" + text + "\" has " + PolicySyntaxException.describeChar(text.charAt(i))
                        + " at position " + (i + 1) + "; expected letters from " + LETTERS + " or -");
            }
            bits |= b;
        }
        return bits;
    }

    /** The access as smackfs prints it: letters in {@code rwxatlb} order, or {@code -} for none. */
    public static String format(int access) {
        if ((access & ALL) == 0) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(LETTERS.length());
        for (int i = 0; i < BITS.length; i++) {
            if ((access & BITS[i]) != 0) {
                sb.append(LETTERS.charAt(i));
            }
        }
        return sb.toString();
    }
}
