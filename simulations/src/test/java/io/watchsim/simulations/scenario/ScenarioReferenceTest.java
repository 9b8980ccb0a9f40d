package io.watchsim.simulations.scenario;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key reference and what the loader accepts are one list: docs/SCENARIOS.md holds the reference
 * printed from {@link ScenarioSchema}, and a file using every key it lists loads.
 */
class ScenarioReferenceTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final String BEGIN = "<!-- key reference: printed by `watchsim validate --keys`; do not edit by hand -->";
    private static final String END = "<!-- end of key reference -->";

    private static Path everyKey() throws URISyntaxException {
        return Path.of(ScenarioReferenceTest.class.getResource("/scenarios/every-key.conf").toURI());
    }

    @Test
    void theDocHoldsTheReferenceAsTheSchemaPrintsIt() throws IOException {
        String doc = Files.readString(PROJECT.resolve("docs/SCENARIOS.md"));
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("the reference's opening marker in docs/SCENARIOS.md").isNotNegative();
        assertThat(end).as("the reference's closing marker").isGreaterThan(begin);
        assertThat(doc.substring(begin + BEGIN.length(), end).strip())
                .as("docs/SCENARIOS.md's key reference; replace it with the output of `watchsim validate --keys`")
                .isEqualTo(ScenarioReference.markdown().strip());
    }

    @Test
    void theDocsFullExampleIsTheShippedQuickstartWithItsParts() throws IOException {
        String doc = Files.readString(PROJECT.resolve("docs/SCENARIOS.md"));
        for (String file : new String[]{"quickstart.conf", "common/verdict.conf", "common/credentials.conf",
                "common/queues.conf"}) {
            assertThat(doc).as("docs/SCENARIOS.md shows scenarios/%s as it is", file)
                    .contains(Files.readString(PROJECT.resolve("scenarios").resolve(file)));
        }
    }

    @Test
    void aFileUsingEveryListedKeyLoads() throws URISyntaxException {
        Scenario s = ScenarioLoader.load(everyKey());
        assertThat(s.workload().generators().stream().map(g -> g.injection().profile()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(ScenarioSchema.profiles());
        assertThat(s.faults().faults()).extracting(f -> f.action().kind())
                .containsExactlyInAnyOrderElementsOf(ScenarioSchema.actions());
    }

    @Test
    void theFileUsingEveryKeyDoesUseEveryKeyTheReferenceLists() throws URISyntaxException {
        Set<String> used = new TreeSet<>();
        walk("", ConfigFactory.parseFile(everyKey().toFile()).root(), used);
        Set<String> listed = new TreeSet<>();
        for (ScenarioSchema.Section section : ScenarioSchema.all()) {
            String base = section.path().replaceAll(" \\(.*\\)$", "");
            for (ScenarioSchema.Key key : section.keys()) {
                listed.add(base.equals("(top level)") ? key.name() : base + "." + key.name());
            }
        }
        assertThat(used).containsAll(listed);
    }

    /** Every path of the file, with group names as NAME, list indexes as [i], credentials and policies by section. */
    private static void walk(String path, ConfigValue value, Set<String> out) {
        if (!path.isEmpty()) {
            out.add(normalise(path));
        }
        if (value instanceof ConfigObject o) {
            for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
                walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value instanceof ConfigList l) {
            for (int i = 0; i < l.size(); i++) {
                walk(path + "[" + i + "]", l.get(i), out);
            }
        }
    }

    private static String normalise(String path) {
        String p = path.replaceAll("\\[\\d+]", "[i]")
                .replaceAll("^(world\\.groups|world\\.mounts|queues|watches|workload|faults)\\.[^.\\[]+", "$1.NAME");
        p = p.replaceAll("^.*\\.(owner|setter|credentials)\\.", "credentials.");
        return p.replaceAll("^faults\\.NAME\\.policy\\.", "policy.");
    }
}
