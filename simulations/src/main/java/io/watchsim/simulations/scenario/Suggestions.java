package io.watchsim.simulations.scenario;

import java.util.Collection;
import java.util.Optional;

/**
 * Near misses: the known word closest to a mistyped one, by edit distance (one insertion, deletion,
 * substitution or swap of neighbours each), when it is close enough to be a typo: at most 1 edit
 * for words up to 4 characters, 2 up to 8, 3 beyond.
 */
final class Suggestions {
    private Suggestions() {
    }

    /** The closest of {@code known} to {@code word} if it is a likely typo; the first one on ties. */
    static Optional<String> closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(word, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= allowed(word) ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean X?)"} or nothing. */
    static String didYouMean(String word, Collection<String> known) {
        return closest(word, known).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    private static int allowed(String word) {
        return word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
    }

    /**
     * The edit distance between {@code a} and {@code b} with adjacent transpositions counted as
     * one edit (optimal string alignment), since swapped letters are a common typo.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
