package io.watchsim.simulations.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page is one self-contained file: uPlot inlined from its WebJar, no address to load anything
 * from, and the data embedded so that it reads back as written, whatever text it holds.
 */
class HtmlReportTest {
    @Test
    void thePageInlinesTheChartLibraryAndLoadsNothingFromOutside() {
        String html = HtmlReport.runPage(JsonNodeFactory.instance.objectNode());
        assertThat(HtmlReport.uplotVersion()).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(html).contains("uPlot " + HtmlReport.uplotVersion()).contains("var uPlot=")
                .doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//")
                .doesNotContain("@import").doesNotContainPattern("/\\*(DATA|UPLOT_JS|REPORT_JS|TITLE)\\*/");
        assertThat(html.length()).as("uPlot is about 50 kB minified").isBetween(40_000, 200_000);
    }

    @Test
    void theEmbeddedDataReadsBackAsWrittenEvenWithScriptEndingText() throws Exception {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("scenarioText", "name = \"</script><script>alert(1)</script>\" /*DATA*/");
        String html = HtmlReport.runPage(data);
        int start = html.indexOf("<script id=\"watchsim-data\" type=\"application/json\">");
        String body = html.substring(html.indexOf('>', start) + 1, html.indexOf("</script>", start));
        JsonNode back = new ObjectMapper().readTree(body);
        assertThat(back.get("scenarioText").asText()).isEqualTo("name = \"</script><script>alert(1)</script>\" /*DATA*/");
    }
}
