package io.watchsim.simulations.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchsim.simulations.runner.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sweep of two points and two replications on a small scenario, then a comparison of two of its
 * runs: the right runs with the documented seeds, each with its own files, and the comparison's
 * figures equal to the ones each run wrote into its own result.json.
 */
class SweepAndCompareTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    static Path dir;
    static Sweep sweep;
    static Sweep.Outcome outcome;

    @BeforeAll
    static void runTheSweep() throws IOException {
        Path conf = dir.resolve("small.conf");
        Files.writeString(conf, """
                name = small
                seed = 11
                duration = 400ms
                world.groups.keys { type = user, count = 10 }
                queues.q { count = 2, size = 32, reader { buffer = 4096, pace = continuous } }
                watches.all { queues = q, objects = keys, tag = 1 }
                workload.w { objects = keys, mix { update = 1 }, injection { profile = constant, rate = 200/s } }
                assertions = [ "invariants.all" ]
                """);
        sweep = new Sweep(conf, Map.of(), 1, List.of(SweepAxis.parse("queues.q.size=32,256")), 2, dir.resolve("out"));
        List<String> progress = new ArrayList<>();
        outcome = sweep.execute(ScenarioRunner.Options::standard, progress::add);
        assertThat(progress).hasSize(5).first().asString().startsWith("sweep: run 1 of 4: point 1 of 2 "
                + "(queues.q.size=32), replication 1 of 2 (seed 11); 0 done");
        assertThat(progress.get(3)).contains("run 4 of 4").contains("3 done; about");
    }

    @Test
    void everyPointRunsOncePerReplicationWithTheDocumentedSeeds() throws IOException {
        assertThat(sweep.runs()).hasSize(4);
        assertThat(outcome.runs()).hasSize(4);
        for (Sweep.PlannedRun run : sweep.runs()) {
            JsonNode result = JSON.readTree(run.dir().resolve("result.json").toFile());
            assertThat(result.get("seed").asLong()).isEqualTo(Replications.seed(11, run.replication()));
            assertThat(run.dir()).isEqualTo(dir.resolve("out").resolve("point-0" + run.point().number())
                    .resolve("rep-" + run.replication()));
            assertThat(run.dir().resolve("report.html")).isRegularFile();
            assertThat(Files.readString(run.dir().resolve("scenario.conf")))
                    .contains("size=" + run.point().values().get("queues.q.size"));
            assertThat(run.scenario().queues().get(0).size())
                    .isEqualTo(Integer.parseInt(run.point().values().get("queues.q.size")));
        }
        assertThat(outcome.report()).isRegularFile();
        assertThat(Files.readString(outcome.report())).contains("\"kind\":\"sweep\"");
    }

    @Test
    void theComparisonsFiguresAreTheRunsOwn() throws IOException {
        JsonNode experiment = JSON.readTree(outcome.json().toFile());
        JsonNode points = experiment.get("points");
        assertThat(points).hasSize(2);
        for (int p = 0; p < 2; p++) {
            JsonNode point = points.get(p);
            assertThat(point.get("total").asInt()).isEqualTo(2);
            List<JsonNode> results = new ArrayList<>();
            for (Sweep.PlannedRun run : sweep.runs()) {
                if (run.point().number() == p + 1) {
                    results.add(JSON.readTree(run.dir().resolve("result.json").toFile()));
                }
            }
            for (String metric : List.of("operations.issued", "records.delivered", "throughput.deliveries")) {
                double a = results.get(0).get("metrics").get(metric).asDouble();
                double b = results.get(1).get("metrics").get(metric).asDouble();
                JsonNode spread = point.get("spreads").get(metric);
                assertThat(spread.get("mean").asDouble()).as(metric).isEqualTo((a + b) / 2);
                assertThat(spread.get("min").asDouble()).isEqualTo(Math.min(a, b));
                assertThat(spread.get("max").asDouble()).isEqualTo(Math.max(a, b));
            }
            long passed = results.stream().filter(r -> r.get("passed").asBoolean()).count();
            assertThat(point.get("passed").asLong()).isEqualTo(passed);
        }
    }

    @Test
    void compareShowsTwoRunsSideBySideWithTheirOwnFiguresAndTheirScenariosDifference() throws IOException {
        Path a = sweep.runs().get(0).dir();
        Path b = sweep.runs().get(2).dir();       // point 2, replication 1: the same seed, another size
        Comparison c = Comparison.of(List.of(a, b));
        ObjectNode data = c.data(dir.resolve("cmp"));
        for (int i = 0; i < 2; i++) {
            JsonNode own = JSON.readTree((i == 0 ? a : b).resolve("result.json").toFile()).get("metrics");
            JsonNode shown = data.get("runs").get(i).get("metrics");
            own.fieldNames().forEachRemaining(k -> assertThat(shown.get(k)).as(k).isEqualTo(own.get(k)));
        }
        assertThat(data.get("differences")).singleElement().satisfies(d -> {
            assertThat(d.get("key").asText()).isEqualTo("queues.q.size");
            assertThat(d.get("values").get(0).asText()).contains("32");
            assertThat(d.get("values").get(1).asText()).contains("256");
        });
        String text = c.text();
        assertThat(text).contains("scenario differences\n  queues.q.size: ").contains("invariant conservation");
        assertThat(c.write(dir.resolve("cmp"))).isRegularFile();
    }

    @Test
    void aFolderThatIsNotARunIsOneLine() {
        assertThatThrownBy(() -> Comparison.of(List.of(dir, dir.resolve("nowhere")))).isInstanceOf(
                ExperimentException.class).hasMessage("run folder '" + dir + "' has no result.json; allowed a folder "
                + "that 'watchsim run' wrote (with result.json)");
        assertThatThrownBy(() -> Comparison.of(List.of(dir))).hasMessageStartingWith("compare takes at least two run folders");
    }
}
