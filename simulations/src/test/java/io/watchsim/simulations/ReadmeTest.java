package io.watchsim.simulations;

import io.watchsim.simulations.cli.WatchSimCommand;
import io.watchsim.simulations.scenario.ScenarioLoader;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md's two examples are true and stay so: its scenario file is scenarios/examples/tour.conf
 * word for word, which validates and runs; its Java example is {@link ReadmeExampleTest} word for
 * word, which compiles and passes; and the two describe the same scenario. Tests run with the
 * module folder as the working directory; the project root is its parent.
 */
@ExtendWith(LogCapturingExtension.class)
class ReadmeTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final Path TOUR = PROJECT.resolve("scenarios/examples/tour.conf");
    private static final Path EXAMPLE_TEST = Path.of("src/test/java/io/watchsim/simulations/ReadmeExampleTest.java");

    private static String readme() throws IOException {
        return Files.readString(PROJECT.resolve("README.md"));
    }

    @Test
    void theReadmeShowsTheScenarioFileWordForWord() throws IOException {
        assertThat(readme()).contains("```hocon\n" + Files.readString(TOUR) + "```\n");
    }

    @Test
    void theReadmeShowsTheJavaExampleWordForWord() throws IOException {
        assertThat(readme()).contains("```java\n" + Files.readString(EXAMPLE_TEST) + "```\n");
    }

    @Test
    void theReadmeHasOneScenarioFileAndOneJavaExample() throws IOException {
        assertThat(count(readme(), "```hocon\n")).isEqualTo(1);
        assertThat(count(readme(), "```java\n")).isEqualTo(1);
    }

    @Test
    void theScenarioFileIsTheScenarioTheJavaExampleBuilds() {
        assertThat(ScenarioLoader.load(TOUR)).isEqualTo(ReadmeExampleTest.tour());
    }

    @Test
    void theScenarioFileValidatesAndRunsFromTheCommandLine(@TempDir Path dir) {
        assertThat(WatchSimCommand.execute("validate", TOUR.toString())).isZero();
        // shortened, so that verify does not run the whole tour twice: the fault at 2 s still fires
        assertThat(WatchSimCommand.execute("run", TOUR.toString(), "--duration", "3s", "--out", dir.toString()))
                .as("exit code: every assertion held").isZero();
        assertThat(dir.resolve("result.json")).content().contains("\"passed\" : true").contains("\"name\" : \"cull\"");
    }

    @Test
    void everyCommandTheReadmeSaysToRunNamesAFileThatExists() throws IOException {
        Matcher m = Pattern.compile("\\./watchsim (?:run|validate) (scenarios/\\S+\\.conf)").matcher(readme());
        int found = 0;
        while (m.find()) {
            assertThat(PROJECT.resolve(m.group(1))).as(m.group()).isRegularFile();
            found++;
        }
        assertThat(found).isPositive();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
