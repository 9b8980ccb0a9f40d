package io.watchsim.simulations.keyctl;

/**
 * glibc's {@code strtoul(s, &end, base)} on a 64-bit machine, which keyctl uses for every number on
 * its command line: blanks before the number are skipped, a {@code +} or {@code -} sign is taken
 * (a negative number wraps around: {@code -3} is {@code 2^64 - 3}), base 0 reads {@code 0x} hex,
 * {@code 0} octal or decimal, an overflow gives {@code ULONG_MAX}. keyctl then only checks that
 * {@code *end} is the end of the string, so a string with no digits at all is 0 when it is empty
 * and refused otherwise ({@code end} is then its start). Binary {@code 0b} numbers, which glibc
 * 2.38 added for C23, are not read: keyctl of a Linux 6.1 system (glibc 2.36) does not read them.
 */
record Strtoul(long value, int end) {
    private static final long ULONG_MAX = -1L;

    /** Whether the whole string was read: keyctl's {@code if (*end)} test passes. */
    boolean whole(String s) {
        return end == s.length();
    }

    static Strtoul parse(String s, int base) {
        int n = s.length();
        int i = 0;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i < n && s.charAt(i) == '0') {
            if ((base == 0 || base == 16) && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                i += 2;
                base = 16;
            } else if (base == 0) {
                base = 8;
            }
        } else if (base == 0) {
            base = 10;
        }
        int save = i;
        long value = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            int d = c < 0x80 ? Character.digit(c, base) : -1;
            if (d < 0) {
                break;
            }
            if (!overflow) {
                long next = value * base + d;
                // Unsigned overflow: value * base + d > 2^64 - 1.
                if (Long.compareUnsigned(value, Long.divideUnsigned(ULONG_MAX - d, base)) > 0) {
                    overflow = true;
                } else {
                    value = next;
                }
            }
        }
        if (i == save) {
            // No digits: 0, and end at the 'x' of a bare "0x", else at the very start.
            boolean bareHexPrefix = save >= 2 && (s.charAt(save - 1) == 'x' || s.charAt(save - 1) == 'X')
                    && s.charAt(save - 2) == '0';
            return new Strtoul(0, bareHexPrefix ? save - 1 : 0);
        }
        if (overflow) {
            return new Strtoul(ULONG_MAX, i);
        }
        return new Strtoul(negative ? -value : value, i);
    }

    /** isspace() in the C locale. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
