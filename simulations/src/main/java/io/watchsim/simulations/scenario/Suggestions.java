package io.watchsim.simulations.scenario;

import java.util.Collection;
import java.util.Optional;

/**
 * Near misses: the known word closest to a mistyped one, by edit distance (Levenshtein: one
 * insertion, deletion or substitution each), when it is close enough to be a typo: at most 1 edit
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

    /** The Levenshtein distance between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
