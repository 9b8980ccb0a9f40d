package io.watchsim.simulations.explore;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The smaller scenarios a shrinking step tries, each one change away from a resolved scenario, biggest cuts
 * first: a fault less, a generator less, a watch rule less, half the duration, an object group or a queue group
 * halved or one smaller, an operation less in a generator's mix. A candidate the loader refuses (a group still named by
 * a rule, say) is simply not kept.
 */
final class ScenarioCandidates {
    private ScenarioCandidates() {
    }

    /** One change and the scenario it gives. */
    record Candidate(String change, Config config) {
        String text() {
            return render(config);
        }
    }

    static String render(Config c) {
        return c.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
                .setJson(false).setFormatted(true));
    }

    static List<Candidate> of(Config c) {
        List<Candidate> out = new ArrayList<>();
        for (String f : keys(c, "faults")) {
            out.add(new Candidate("without fault " + f, c.withoutPath(path("faults", f))));
        }
        for (String g : keys(c, "workload")) {
            out.add(new Candidate("without generator " + g, c.withoutPath(path("workload", g))));
        }
        for (String w : keys(c, "watches")) {
            out.add(new Candidate("without watch rule " + w, c.withoutPath(path("watches", w))));
        }
        if (c.hasPath("duration")) {
            Duration d = c.getDuration("duration");
            if (d.compareTo(Duration.ofSeconds(2)) >= 0) {
                Duration half = Duration.ofMillis(d.toMillis() / 2);
                out.add(new Candidate("duration " + half.toMillis() + "ms",
                        c.withValue("duration", ConfigValueFactory.fromAnyRef(half.toMillis() + "ms"))));
            }
        }
        halve(c, out, "world.groups", "object group");
        halve(c, out, "queues", "queue group");
        for (String g : keys(c, "workload")) {
            String mix = path("workload", g) + ".mix";
            List<String> ops = keys(c, mix);
            if (ops.size() > 1) {
                for (String op : ops) {
                    out.add(new Candidate("generator " + g + " without " + op, c.withoutPath(mix + "." + quote(op))));
                }
            }
        }
        return out;
    }

    private static void halve(Config c, List<Candidate> out, String parent, String what) {
        for (String name : keys(c, parent)) {
            String count = path(parent, name) + ".count";
            if (c.hasPath(count) && c.getValue(count).valueType() == ConfigValueType.NUMBER && c.getInt(count) > 1) {
                int n = c.getInt(count);
                for (int smaller : n / 2 == n - 1 ? new int[]{n / 2} : new int[]{n / 2, n - 1}) {
                    out.add(new Candidate(what + " " + name + " count " + smaller,
                            c.withValue(count, ConfigValueFactory.fromAnyRef(smaller))));
                }
            }
        }
    }

    /** The names under {@code parent} whose values are objects, sorted. */
    private static List<String> keys(Config c, String parent) {
        if (!c.hasPath(parent) || c.getValue(parent).valueType() != ConfigValueType.OBJECT) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(c.getObject(parent).keySet());
        return new ArrayList<>(names);
    }

    private static String path(String parent, String key) {
        return parent + "." + quote(key);
    }

    private static String quote(String key) {
        return ConfigUtil.joinPath(key);
    }
}
