package io.watchsim.simulations.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the scenarios of several runs differ: every key (a HOCON path to a value) whose value is
 * not the same in all of them, with each run's value (absent where it has no such key). Read from
 * each run's resolved {@code scenario.conf}; the shared definitions ({@code defs}) are left out,
 * as their values already show where they are used.
 */
public final class ScenarioDifferences {
    /** A key that differs and each run's value of it (null: the run's scenario has no such key or no scenario.conf). */
    public record Difference(String key, List<String> values) {
    }

    private ScenarioDifferences() {
    }

    public static List<Difference> of(List<Optional<String>> scenarios) {
        List<Map<String, String>> flat = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        for (Optional<String> text : scenarios) {
            Map<String, String> m = text.map(ScenarioDifferences::flatten).orElse(Map.of());
            flat.add(m);
            keys.addAll(m.keySet());
        }
        List<Difference> out = new ArrayList<>();
        for (String k : keys) {
            List<String> values = new ArrayList<>();
            flat.forEach(m -> values.add(m.get(k)));
            if (values.stream().distinct().count() > 1) {
                out.add(new Difference(k, values));
            }
        }
        return out;
    }

    private static Map<String, String> flatten(String text) {
        Config c;
        try {
            c = ConfigFactory.parseString(text);
        } catch (ConfigException e) {
            return Map.of("(scenario.conf)", "unreadable: " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
            if (!e.getKey().startsWith("defs.")) {
                m.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
            }
        }
        return m;
    }
}
