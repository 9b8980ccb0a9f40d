package io.watchsim.simulations.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code watchsim} launcher at the project root, run by a shell test
 * ({@code src/test/shell/launcher-build-lock.sh}) with stand-ins for mvn and java: two launchers
 * started together on a stale jar build it once; the second waits for that build, saying so on
 * stderr, and runs without building. Needs bash and flock(1) (util-linux).
 */
class LauncherBuildLockTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @Test
    void twoLaunchersOnAStaleJarBuildItOnce() throws Exception {
        assumeTrue(onPath("flock") && onPath("bash"), "bash and flock(1) are needed");
        Path script = Path.of("src/test/shell/launcher-build-lock.sh").toAbsolutePath();
        Path output = Files.createTempFile("launcher-lock", ".txt");
        try {
            Process p = new ProcessBuilder("bash", script.toString(), PROJECT.resolve("watchsim").toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the launcher test did not finish within 150 s:\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            assertThat(p.exitValue()).as("exit code; output:\n%s", text).isZero();
            assertThat(text).contains("launcher build lock: ok");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
