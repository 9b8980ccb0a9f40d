package io.watchsim.simulations.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where two histories part: the first line at which they differ. Two deterministic runs of one scenario and
 * seed must never part; when they do, the line says which event went another way (a WatchSim bug: something
 * outside the run's loop reached it).
 */
public final class HistoryDiff {
    private HistoryDiff() {
    }

    /** The first line at which two histories differ: its number (from 1) and each side's text (null past the end). */
    public record Divergence(long line, String expected, String actual) {
        @Override
        public String toString() {
            return "diverged at line " + line + ":\n  expected " + (expected == null ? "(end of history)" : expected)
                    + "\n  got      " + (actual == null ? "(end of history)" : actual);
        }
    }

    /** The first difference between {@code expected} and {@code actual}, or empty when they are the same. */
    public static Optional<Divergence> first(Path expected, Path actual) throws IOException {
        try (BufferedReader e = HistoryFile.open(expected); BufferedReader a = HistoryFile.open(actual)) {
            long n = 0;
            while (true) {
                String le = e.readLine();
                String la = a.readLine();
                n++;
                if (le == null && la == null) {
                    return Optional.empty();
                }
                if (le == null || !le.equals(la)) {
                    return Optional.of(new Divergence(n, le, la));
                }
            }
        }
    }
}
