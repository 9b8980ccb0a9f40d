package io.watchsim.simulations.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a command finds the scenario it is given: as given when it exists or is absolute, else under
 * WATCHSIM_HOME (where the launcher was installed), so that {@code ./watchsim run scenarios/x.conf}
 * and {@code watchsim explore scenarios/x.conf} work from any folder. Shared by {@code run} and
 * {@code explore}; a missing file or a folder is one line saying where it was looked for.
 */
final class ScenarioFile {
    /** What {@code run} takes. */
    static final String SCENARIO_OR_SCRIPT = "; allowed a scenario file (.conf, see docs/SCENARIOS.md) or a kernel "
            + "script (.wqs)";
    /** What {@code explore} takes. */
    static final String SCENARIO = "; allowed a scenario file (.conf, see docs/SCENARIOS.md)";

    private ScenarioFile() {
    }

    /**
     * The scenario file: {@code scenario} as given when it exists or is absolute, else under
     * WATCHSIM_HOME (where the launcher was installed). One that is not there, or is a folder, is
     * one line saying where it was looked for.
     */
    static Path resolve(Path scenario, String allowed) {
        Path file = scenario;
        String home = System.getenv("WATCHSIM_HOME");
        Path underHome = null;
        if (!scenario.isAbsolute() && home != null && !Files.exists(scenario)) {
            underHome = Path.of(home).resolve(scenario);
            file = underHome;
        }
        String given = "scenario " + RunOptions.quoted(scenario.toString());
        if (Files.isDirectory(file)) {
            throw new UserInputException(given + " is a folder" + (file.equals(scenario) ? "" : " (" + file + ")")
                    + allowed + firstScenarioIn(file));
        }
        if (!Files.exists(file)) {
            Path here = scenario.toAbsolutePath().normalize();
            String where = underHome == null || underHome.toAbsolutePath().normalize().equals(here)
                    ? "looked for " + here : "looked for " + here + " and, under WATCHSIM_HOME, " + underHome;
            throw new UserInputException(given + " does not exist (" + where + ")" + allowed);
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(given + " is not a regular file" + allowed);
        }
        return file;
    }

    /** {@code , e.g. DIR/a.conf}: a scenario the folder holds, if any. */
    private static String firstScenarioIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p))
                    .map(Path::toString).sorted().findFirst().map(p -> " (e.g. " + p + ")").orElse("");
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
