package io.watchsim.simulations.cli;

import io.watchsim.actors.PlantedFault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --plant-bug NAME}: a known rare bug planted in the kernel, to see {@code explore} find it and
 * {@code replay} reproduce it. Only the bugs that fire under one rare interleaving are offered: the others fire
 * always and are for the invariant checkers' own tests.
 */
final class PlantBugOption {
    private PlantBugOption() {
    }

    /** The names users write: {@code reorder-on-race}, {@code drop-reply-on-close-race}. */
    static String names() {
        return Arrays.stream(PlantedFault.values()).filter(PlantedFault::onRace).map(PlantBugOption::name)
                .collect(Collectors.joining(", "));
    }

    static String name(PlantedFault f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The bug {@code text} names, or one line saying what is allowed. */
    static PlantedFault parse(String text) {
        for (PlantedFault f : PlantedFault.values()) {
            if (f.onRace() && name(f).equals(text.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UserInputException("--plant-bug '" + text + "' is not a bug WatchSim can plant; allowed " + names());
    }
}
