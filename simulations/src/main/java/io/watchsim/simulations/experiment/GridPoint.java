package io.watchsim.simulations.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of a sweep's grid: its number (1-based, in grid order) and the value of each swept key.
 *
 * @param values key to value, in the order the axes were given
 */
public record GridPoint(int number, Map<String, String> values) {
    public GridPoint {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** {@code queues.main.size=32, workload.churn.injection.rate=1k/s}; {@code (as written)} for no key. */
    public String label() {
        if (values.isEmpty()) {
            return "(as written)";
        }
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * Every point of the grid of {@code axes}: their cartesian product, the first axis varying
     * slowest and the last fastest. No axis: one point, the scenario as written.
     */
    public static List<GridPoint> grid(List<SweepAxis> axes) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (SweepAxis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : axis.values()) {
                    Map<String, String> m = new LinkedHashMap<>(p);
                    m.put(axis.key(), v);
                    next.add(m);
                }
            }
            points = next;
        }
        List<GridPoint> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            out.add(new GridPoint(i + 1, points.get(i)));
        }
        return out;
    }
}
