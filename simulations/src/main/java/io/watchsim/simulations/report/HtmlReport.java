package io.watchsim.simulations.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Writes a self-contained HTML page: the page's template, its stylesheet and script (resources
 * beside this class), the chart library uPlot from its WebJar on the class path (inlined, so the
 * file opens without a network), and the page's data as JSON. Used for a run's
 * {@code report.html} and an experiment's {@code comparison.html}.
 */
public final class HtmlReport {
    /** Where uPlot's WebJar keeps its version. */
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private HtmlReport() {
    }

    /** The WebJar's uPlot version. */
    public static String uplotVersion() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot's WebJar is not on the class path (" + UPLOT_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run's report page for {@code data} ({@link ReportData#of}). */
    public static String runPage(ObjectNode data) {
        return page("WatchSim run report", "report.js", data);
    }

    /**
     * The page made of the template, the shared stylesheet, uPlot, what the pages share
     * ({@code page.js}), the script {@code script} (a resource beside this class) and {@code data}.
     */
    public static String page(String title, String script, ObjectNode data) {
        String dist = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        java.util.Map<String, String> parts = java.util.Map.of(
                "TITLE", escape(title),
                "UPLOT_VERSION", uplotVersion(),
                "DATA", ReportData.json(data),
                "REPORT_CSS", resource("report.css"),
                "UPLOT_CSS", resource(dist + "uPlot.min.css"),
                "PAGE_JS", resource("page.js"),
                "REPORT_JS", resource(script),
                "UPLOT_JS", resource(dist + "uPlot.iife.min.js").replace("</script", "<\\/script"));
        // One pass over the template: a part's own text is never searched for markers.
        String template = resource("report.html");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/\\*([A-Z_]+)\\*/").matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256 * 1024);
        int last = 0;
        while (m.find()) {
            String part = parts.get(m.group(1));
            if (part == null) {
                throw new IllegalStateException("the report template names no part " + m.group(1));
            }
            out.append(template, last, m.start()).append(part);
            last = m.end();
        }
        return out.append(template.substring(last)).toString();
    }

    /** Writes {@code html} to {@code file} (UTF-8); returns the file. */
    public static Path write(Path file, String html) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
