package io.watchsim.simulations.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code --sweep KEY=V1,V2,...}: a scenario key (a HOCON path, as {@code watchsim validate --keys}
 * lists them: {@code queues.main.size}) and the values it takes, in order. A value is laid over the
 * scenario file as written there ({@code 1k/s}, {@code 250ms}, {@code 32}), so the scenario's own
 * checks judge it.
 */
public record SweepAxis(String key, List<String> values) {
    /** What --sweep takes. */
    public static final String ALLOWED = "KEY=V1,V2,... with KEY a scenario key (e.g. queues.main.size) and at "
            + "least one value, no value empty or given twice (e.g. --sweep queues.main.size=32,128,512)";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public SweepAxis {
        Objects.requireNonNull(key);
        values = List.copyOf(values);
    }

    /** Reads one --sweep value, or says in one line what is wrong with it. */
    public static SweepAxis parse(String text) {
        String given = "--sweep '" + text + "'";
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new ExperimentException(given + " has no '='; allowed " + ALLOWED);
        }
        String key = text.substring(0, eq).strip();
        if (!KEY.matcher(key).matches()) {
            throw new ExperimentException(given + ": '" + key + "' is not a scenario key (dot-separated names of "
                    + "letters, digits, '-' and '_'); allowed " + ALLOWED);
        }
        String rest = text.substring(eq + 1);
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String v : rest.split(",", -1)) {
            String value = v.strip();
            if (value.isEmpty()) {
                throw new ExperimentException(given + " has an empty value; allowed " + ALLOWED);
            }
            if (!seen.add(value)) {
                throw new ExperimentException(given + " gives '" + value + "' twice; allowed " + ALLOWED);
            }
            values.add(value);
        }
        return new SweepAxis(key, values);
    }
}
