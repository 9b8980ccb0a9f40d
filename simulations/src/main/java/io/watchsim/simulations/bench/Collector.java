package io.watchsim.simulations.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A garbage collector a latency child JVM runs with, by the name {@code --collectors} takes. */
public enum Collector {
    G1("-XX:+UseG1GC"),
    ZGC("-XX:+UseZGC"),
    PARALLEL("-XX:+UseParallelGC"),
    SERIAL("-XX:+UseSerialGC");

    private final String flag;

    Collector(String flag) {
        this.flag = flag;
    }

    /** The JVM option that selects it. */
    public String flag() {
        return flag;
    }

    /** Its name on the command line: g1, zgc, parallel, serial. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The collector called {@code name} (any case). */
    public static Optional<Collector> named(String name) {
        return Arrays.stream(values()).filter(c -> c.label().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** Every name, for a message: "g1, zgc, parallel, serial". */
    public static String names() {
        return Arrays.stream(values()).map(Collector::label).collect(Collectors.joining(", "));
    }
}
