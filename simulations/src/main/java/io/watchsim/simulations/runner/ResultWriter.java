package io.watchsim.simulations.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes a run's {@code result.json} (the whole {@link RunResult}; NaN, a metric not measured,
 * as JSON null) and prints its summary table.
 */
public final class ResultWriter {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(Duration.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer())
                    .addSerializer(Double.class, new NanAsNull()));

    private ResultWriter() {
    }

    /** Writes {@code DIR/result.json}, making DIR; returns the file. */
    public static Path write(RunResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("result.json");
            JSON.writeValue(file.toFile(), result);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The result as JSON text. */
    public static String json(RunResult result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary a terminal shows at the end of a run. */
    public static String summary(RunResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scenario %s (seed %d): %,d objects, %,d queues, %,d watches built in %.1f s"
                        + "%s; workload %.1f s%n", r.scenario(), r.seed(), r.world().objects(), r.world().queues(),
                r.world().watches(), r.buildSeconds(), phases(r.world().buildPhases()), r.workloadSeconds()));
        sb.append(String.format(Locale.ROOT, "  operations  %,.0f issued of %,.0f intended (%,.0f unsent), %,.0f answered,"
                        + " %,.0f errors%n", v(r, "operations.issued"), v(r, "operations.intended"),
                v(r, "operations.unsent"), v(r, "operations.answered"), v(r, "operations.errors")));
        sb.append(String.format(Locale.ROOT, "  records     %,.0f posted, %,.0f delivered, %,.0f filtered, %,.0f denied,"
                        + " %,.0f lost, %,.0f dropped, %,.0f removals, %,.0f loss records%n", v(r, "records.posted"),
                v(r, "records.delivered"), v(r, "records.filtered"), v(r, "records.denied"), v(r, "records.lost"),
                v(r, "records.dropped"), v(r, "records.removals"), v(r, "records.loss-marks")));
        sb.append(String.format(Locale.ROOT, "  throughput  %,.0f operations/s, %,.0f deliveries/s; %d faults fired%n",
                v(r, "throughput.operations"), v(r, "throughput.deliveries"), r.faults().size()));
        sb.append("  invariants\n");
        for (RunResult.InvariantVerdict i : r.invariants()) {
            sb.append(String.format(Locale.ROOT, "    %-9s %-13s %s%n", i.status().name().toLowerCase(Locale.ROOT),
                    i.name(), i.detail()));
            i.examples().forEach(e -> sb.append("              ").append(e).append('\n'));
        }
        sb.append("  assertions\n");
        for (RunResult.AssertionVerdict a : r.assertions()) {
            StringBuilder values = new StringBuilder();
            a.values().forEach((k, val) -> values.append(values.isEmpty() ? "" : ", ").append(k).append(" = ")
                    .append(Double.isNaN(val) ? "not measured" : String.format(Locale.ROOT, "%.6g", val)));
            sb.append(String.format(Locale.ROOT, "    %-6s %s   (%s)%n", a.held() ? "ok" : "FAILED", a.assertion(), values));
        }
        r.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
        sb.append(r.passed() ? "verdict: passed\n" : "verdict: FAILED\n");
        return sb.toString();
    }

    /** {@code " (objects 20.1 s, queues 1.0 s, ...)"}, or nothing when the phases were not timed. */
    private static String phases(java.util.Map<String, Double> phases) {
        if (phases.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        phases.forEach((name, seconds) -> sb.append(sb.length() > 2 ? ", " : "").append(name)
                .append(String.format(Locale.ROOT, " %.1f s", seconds)));
        return sb.append(')').toString();
    }

    private static double v(RunResult r, String metric) {
        Double d = r.metrics().get(metric);
        return d == null || Double.isNaN(d) ? 0 : d;
    }

    /** NaN and infinities have no JSON form: they are written as null. */
    private static final class NanAsNull extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
        NanAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, com.fasterxml.jackson.core.JsonGenerator gen,
                              com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
