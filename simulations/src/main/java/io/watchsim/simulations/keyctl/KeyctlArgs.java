package io.watchsim.simulations.keyctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How keyctl reads the words of its command lines other than key ids: numbers through
 * strtoul(), uids and gids as 32-bit ids, data as bytes, from standard input
 * ({@code grab_stdin()}) or as hex ({@code -x}, {@code hex2bin()}).
 */
final class KeyctlArgs {
    private KeyctlArgs() {
    }

    /** grab_stdin()'s buffer: 1 MiB of data (and its terminating NUL). */
    static final int MAX_STDIN = 1024 * 1024;

    /**
     * A number as keyctl reads it: {@code strtoul(s, &q, base)}, refused with keyctl's
     * {@code what: 's'} and exit code 2 unless the whole string was read; the 64-bit result.
     */
    static long number(String s, int base, String what) {
        Strtoul n = Strtoul.parse(s, base);
        if (!n.whole(s)) {
            throw new KeyctlExit(2, what + ": '" + s + "'");
        }
        return n.value();
    }

    /**
     * A uid or gid: keyctl stores strtoul()'s result in a 32-bit uid_t or gid_t, and
     * {@code (uid_t) -1} asks keyctl_chown() to leave that id as it is.
     */
    static long id32(long value) {
        int id = (int) value;
        return id == -1 ? -1 : Integer.toUnsignedLong(id);
    }

    /** A 32-bit unsigned argument (key_perm_t, keyctl_set_timeout()'s unsigned int) from strtoul()'s 64 bits. */
    static long unsigned32(long value) {
        return value & 0xFFFF_FFFFL;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** add, padd and update take {@code -x} (the data is hex) as their first argument only. */
    static boolean hexFlag(List<String> a) {
        return !a.isEmpty() && a.get(0).equals("-x");
    }

    /** The words after a {@code -x} flag when there is one, else all of them. */
    static List<String> afterHexFlag(List<String> a) {
        return hexFlag(a) ? a.subList(1, a.size()) : a;
    }

    /** grab_stdin(): at most 1 MiB, more is "Too much data read on stdin" (exit code 1). */
    static byte[] readStdin() {
        try {
            byte[] data = System.in.readNBytes(MAX_STDIN + 1);
            if (data.length > MAX_STDIN) {
                throw new KeyctlExit(1, "Too much data read on stdin");
            }
            return data;
        } catch (IOException e) {
            throw new KeyctlExit(1, "stdin: " + e.getMessage());
        }
    }

    /**
     * hex2bin(): with {@code -x}, the data is pairs of hex digits, blanks allowed between pairs;
     * an odd digit out is "Short hex doublet", anything else "Bad hex doublet" (exit code 1).
     */
    static byte[] hex2bin(byte[] data, boolean asHex) {
        if (!asHex || data.length == 0) {
            return data;
        }
        ByteArrayOutputStream bin = new ByteArrayOutputStream(data.length / 2 + 1);
        for (int p = 0; p < data.length; ) {
            if (Strtoul.isSpace(data[p])) {
                p++;
                continue;
            }
            if (data.length - p < 2) {
                throw new KeyctlExit(1, "Short hex doublet");
            }
            int h = Character.digit(data[p], 16);
            int l = Character.digit(data[p + 1], 16);
            if (h < 0 || l < 0 || data[p] < 0 || data[p + 1] < 0) {
                throw new KeyctlExit(1, "Bad hex doublet");
            }
            bin.write(h << 4 | l);
            p += 2;
        }
        return bin.toByteArray();
    }
}
