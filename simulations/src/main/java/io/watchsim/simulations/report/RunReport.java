package io.watchsim.simulations.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a run leaves beside {@code result.json} for people and for {@code watchsim compare}:
 * {@code report.html} (charts, verdicts, the scenario, the machine) and {@code scenario.conf}
 * (the scenario as run, resolved).
 */
public final class RunReport {
    /** The report's file name in a run's folder. */
    public static final String REPORT = "report.html";
    /** The resolved scenario's file name in a run's folder. */
    public static final String SCENARIO = "scenario.conf";

    private RunReport() {
    }

    /** Writes {@code DIR/report.html} and {@code DIR/scenario.conf}; returns the report. */
    public static Path write(Path dir, ReportInputs in) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SCENARIO), scenarioFile(in), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
        }
        return HtmlReport.write(dir.resolve(REPORT), HtmlReport.runPage(ReportData.of(in)));
    }

    /** The resolved scenario, headed by the seed and scale it ran with (as comments). */
    private static String scenarioFile(ReportInputs in) {
        return "# the scenario as run: includes and overrides resolved" + (in.scale() < 1 ? "; scaled by " + in.scale()
                + " (--scale) after this" : "") + "\n# seed " + in.result().seed() + "\n" + in.scenarioText() + "\n";
    }
}
