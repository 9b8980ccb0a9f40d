package io.watchsim.simulations.script;

import java.util.OptionalLong;

/**
 * Numbers as a C program reads them with {@code strtol(s, NULL, 0)}: an optional sign, then
 * {@code 0x} hexadecimal, a leading {@code 0} for octal, or decimal. The whole token must be a
 * number.
 */
final class CNumber {
    private CNumber() {
    }

    static OptionalLong parse(String token) {
        String s = token;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseUnsignedLong(s, radix);
            if (v < 0) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(negative ? -v : v);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A value for a 32-bit field: anything in -2^31..2^32-1, cut to 32 bits as C does. */
    static boolean fits32(long v) {
        return v >= Integer.MIN_VALUE && v <= 0xFFFF_FFFFL;
    }
}
