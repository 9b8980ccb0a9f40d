package io.watchsim.simulations.report;

import io.watchsim.simulations.runner.ResultWriter;
import io.watchsim.simulations.runner.RunResult;
import io.watchsim.simulations.runner.ScenarioRunner;
import io.watchsim.simulations.scenario.Scenario;
import io.watchsim.simulations.scenario.ScenarioLoader;
import io.watchsim.simulations.scenario.ScenarioScaling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the report of a shipped scenario ({@code policy}, a fifth of its size for 4 s: two engines
 * stacked, three event sources, a third of the posts denied) in a real headless browser, Debian's chromium driven by Selenium through chromedriver,
 * and checks that every chart the report makes was drawn with data and no script error was logged; the
 * same for a small sweep's comparison page and a comparison of two of its runs.
 * Skipped, with the reason, where chromium or chromedriver is missing ({@code .ci/run} installs
 * both). With {@code -Dwatchsim.screenshot=docs/report.png} it saves the page as the README shows it.
 */
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("watchsim.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("watchsim.chromedriver", "/usr/bin/chromedriver"));
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @BeforeAll
    static void needsTheBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no headless browser here ("
                + CHROMIUM + ", " + DRIVER + "): install Debian's chromium and chromium-driver to run this test");
    }

    @Test
    void everyChartOfAShippedScenariosReportIsDrawnWithDataAndNoScriptFails(@TempDir Path dir) throws Exception {
        Path file = PROJECT.resolve("scenarios/policy.conf");
        Map<String, Object> overrides = Map.of("duration", "4s");
        Scenario s = ScenarioScaling.scale(ScenarioLoader.load(file, overrides), 0.2);   // its history kept in memory
        ReportedRun run = ReportedRun.run(s, ScenarioLoader.resolvedText(file, overrides), 0.2, dir,
                ScenarioRunner.Options.standard());
        RunResult r = run.result();
        assertThat(r.passed()).as(ResultWriter.summary(r)).isTrue();

        WebDriver browser = open();
        try {
            browser.get(run.report().toUri().toString());
            assertEveryChartDrawn(browser, List.of("chart-records", "chart-latency", "chart-distribution",
                    "chart-depth", "chart-loss-by-size", "chart-denials", "chart-denials-by-labels"));
            String shot = System.getProperty("watchsim.screenshot");
            if (shot != null && !shot.isBlank()) {
                browser.manage().window().setSize(new Dimension(1200, 2300));
                File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Path target = PROJECT.resolve(shot);
                Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            browser.quit();
        }
    }

    /** A sweep's comparison and a comparison of two runs draw every chart they make, without a script error. */
    @Test
    void theComparisonPagesDrawEveryChart(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("small.conf");
        Files.writeString(conf, """
                name = small
                duration = 300ms
                world.groups.keys { type = user, count = 10 }
                queues.q { count = 2, size = 32, reader { buffer = 4096, pace = continuous } }
                watches.all { queues = q, objects = keys, tag = 1 }
                workload.w { objects = keys, mix { update = 1 }, injection { profile = constant, rate = 200/s } }
                """);
        io.watchsim.simulations.experiment.Sweep sweep = new io.watchsim.simulations.experiment.Sweep(conf, Map.of(),
                1, List.of(io.watchsim.simulations.experiment.SweepAxis.parse("queues.q.size=32,256")), 2,
                dir.resolve("sweep"));
        io.watchsim.simulations.experiment.Sweep.Outcome outcome = sweep.execute(ScenarioRunner.Options::standard,
                line -> { });
        Path compared = io.watchsim.simulations.experiment.Comparison.of(List.of(sweep.runs().get(0).dir(),
                sweep.runs().get(2).dir())).write(dir.resolve("compare"));
        List<String> charted = List.of("throughput-deliveries", "throughput-posts", "throughput-operations",
                "loss-rate", "denied-rate", "latency-p50", "latency-p99", "latency-p999", "records-lost",
                "operations-achieved");
        WebDriver browser = open();
        try {
            for (Path page : List.of(outcome.report(), compared)) {
                browser.get(page.toUri().toString());
                assertEveryChartDrawn(browser, charted.stream().map(c -> "chart-" + c).toList());
            }
        } finally {
            browser.quit();
        }
    }

    /** The page made exactly the charts {@code expected}, each with values and painted pixels, and nothing failed. */
    private static void assertEveryChartDrawn(WebDriver browser, List<String> expected) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) js.executeScript("return window.watchsimCharts;");
        @SuppressWarnings("unchecked")
        List<Object> errors = (List<Object>) js.executeScript("return window.watchsimErrors;");
        assertThat(errors).as("charts that failed").isEmpty();
        assertThat(charts).extracting(c -> c.get("id")).as("the page's charts").containsExactlyInAnyOrderElementsOf(expected);
        for (Map<String, Object> c : charts) {
            assertThat(((Number) c.get("values")).longValue()).as("values drawn in " + c.get("id")).isPositive();
            Object drawn = js.executeScript("const c = document.querySelector('#' + arguments[0] + ' canvas');"
                    + "if (!c) return -1; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", c.get("id"));
            assertThat(((Number) drawn).longValue()).as("painted pixels of " + c.get("id")).isPositive();
        }
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("script errors in the browser's console").isEmpty();
    }

    private static WebDriver open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,2300", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }
}
