package io.watchsim.simulations.scenario;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One mistake in a scenario: where (the file and line, when it came from a file), which key, what
 * was found there and what is allowed. Shown as {@code FILE:LINE: KEY: found X, expected Y}.
 *
 * @param file     the file the value was written in; empty for a scenario built in Java
 * @param line     its line, or 0 when unknown
 * @param key      the key's path ({@code world.groups.keys.count}); empty for a mistake about the
 *                 file as a whole (a syntax error)
 * @param found    what the key holds, or what is wrong
 * @param expected what is allowed
 */
public record ScenarioProblem(Optional<String> file, int line, String key, String found, String expected) {
    /** Problems in file order, then line order, then key order. */
    public static final Comparator<ScenarioProblem> ORDER = Comparator
            .comparing((ScenarioProblem p) -> p.file().orElse(""))
            .thenComparingInt(ScenarioProblem::line)
            .thenComparing(ScenarioProblem::key);

    public ScenarioProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(expected, "expected");
    }

    /** A problem with no place yet: the model's validator reports these by key. */
    public static ScenarioProblem at(String key, String found, String expected) {
        return new ScenarioProblem(Optional.empty(), 0, key, found, expected);
    }

    public ScenarioProblem locatedAt(String newFile, int newLine) {
        return new ScenarioProblem(Optional.ofNullable(newFile), newLine, key, found, expected);
    }

    @Override
    public String toString() {
        String where = file.map(f -> f + (line > 0 ? ":" + line : "") + ": ").orElse("");
        return where + (key.isEmpty() ? "" : key + ": ") + "found " + found + ", expected " + expected;
    }
}
