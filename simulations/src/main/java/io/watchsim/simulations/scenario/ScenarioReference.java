package io.watchsim.simulations.scenario;

import java.util.List;

/**
 * The key reference of docs/SCENARIOS.md, printed from {@link ScenarioSchema} and {@link Metric}
 * so that it cannot drift from what the loader accepts: one table per section of a scenario file,
 * then the metrics assertions may name. {@code watchsim validate --keys} prints it.
 */
public final class ScenarioReference {
    private ScenarioReference() {
    }

    /** The reference as Markdown. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        for (ScenarioSchema.Section s : ScenarioSchema.all()) {
            md.append("### `").append(s.path()).append("`\n\n");
            md.append(capitalise(s.about())).append(".\n\n");
            List<ScenarioSchema.Key> keys = s.keys();
            if (keys.isEmpty()) {
                md.append("No keys.\n\n");
                continue;
            }
            md.append("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
            for (ScenarioSchema.Key k : keys) {
                md.append("| `").append(k.name()).append("` | ").append(cell(k.type())).append(" | ")
                        .append(k.required() ? "**required**" : cell(k.defaultValue())).append(" | ")
                        .append(cell(k.allowed())).append(" | ").append(cell(k.description())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("### Metrics\n\n");
        md.append("The names assertions compare; the runner reports each one in result.json.\n\n");
        md.append("| metric | type | unit | compared with | meaning |\n|---|---|---|---|---|\n");
        for (Metric m : Metric.values()) {
            md.append("| `").append(m.key()).append("` | ").append(m.type().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" | ").append(m.type().unit()).append(" | ").append(cell(m.type().comparedWith()))
                    .append(" | ").append(cell(m.description())).append(" |\n");
        }
        return md.toString();
    }

    /** Text for a table cell: | would end the cell, * start emphasis, &lt; an HTML tag. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("<", "&lt;");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
