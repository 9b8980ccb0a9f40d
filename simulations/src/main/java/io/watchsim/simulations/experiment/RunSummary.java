package io.watchsim.simulations.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.watchsim.simulations.report.RunReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a comparison needs of one finished run, read back from its folder: {@code result.json}
 * (scenario, seed, verdict, every metric, invariants, assertions) and, when there, the resolved
 * {@code scenario.conf}. Sweeps and {@code watchsim compare} both read runs this way, so their
 * figures are the runs' own.
 *
 * @param metrics metric to value; NaN for a metric the run did not measure (null in result.json)
 * @param scenarioText the resolved scenario, or empty for a run that has no scenario.conf
 */
public record RunSummary(Path dir, String scenario, long seed, boolean passed, Map<String, Double> metrics,
                         List<Verdict> invariants, List<Verdict> assertions, Optional<String> scenarioText) {
    /** An invariant's status ({@code held}, {@code violated}, {@code unchecked}) or an assertion's ({@code held}, {@code failed}). */
    public record Verdict(String name, String status) {
    }

    public RunSummary {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        invariants = List.copyOf(invariants);
        assertions = List.copyOf(assertions);
    }

    /** Reads the run in {@code dir}, or says in one line why it cannot. */
    public static RunSummary read(Path dir) {
        Path file = dir.resolve("result.json");
        if (!Files.isDirectory(dir)) {
            throw new ExperimentException("run folder '" + dir + "' " + (Files.exists(dir) ? "is not a folder"
                    : "does not exist") + "; allowed a folder that 'watchsim run' wrote (with result.json)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException("run folder '" + dir + "' has no result.json; allowed a folder that "
                    + "'watchsim run' wrote (with result.json)");
        }
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(file.toFile());
        } catch (IOException e) {
            throw new ExperimentException(file + " is not a run's result (" + firstLine(e.getMessage())
                    + "); allowed a result.json that 'watchsim run' wrote");
        }
        if (root == null || !root.path("metrics").isObject() || !root.path("seed").isNumber()) {
            throw new ExperimentException(file + " is not a run's result (no metrics or seed); allowed a "
                    + "result.json that 'watchsim run' wrote");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
        }
        List<Verdict> invariants = new ArrayList<>();
        root.path("invariants").forEach(i -> invariants.add(new Verdict(i.path("name").asText(),
                i.path("status").asText().toLowerCase(java.util.Locale.ROOT))));
        List<Verdict> assertions = new ArrayList<>();
        root.path("assertions").forEach(a -> assertions.add(new Verdict(a.path("assertion").asText(),
                a.path("held").asBoolean() ? "held" : "failed")));
        Optional<String> text = Optional.empty();
        Path conf = dir.resolve(RunReport.SCENARIO);
        if (Files.isRegularFile(conf)) {
            try {
                text = Optional.of(Files.readString(conf));
            } catch (IOException e) {
                throw new ExperimentException(conf + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new RunSummary(dir, root.path("scenario").asText(), root.get("seed").asLong(),
                root.path("passed").asBoolean(), metrics, invariants, assertions, text);
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }
}
