package io.watchsim.simulations.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryManagerMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine line names the collector, and for G1 where it refines its dirty cards. */
class MachineTest {

    /** Prints the collector as {@link Machine} names it, for a child JVM started with other options. */
    public static final class PrintCollector {
        public static void main(String[] args) {
            System.out.println(Machine.collector());
        }
    }

    @Test
    void namesTheCollectorThisJvmRuns() {
        Set<String> beans = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(MemoryManagerMXBean::getName).collect(Collectors.toSet());
        String expected = beans.stream().anyMatch(n -> n.startsWith("G1 ")) ? "G1, concurrent refinement"
                : beans.stream().anyMatch(n -> n.startsWith("ZGC")) ? "ZGC"
                : beans.contains("PS Scavenge") ? "Parallel"
                : beans.contains("Copy") ? "Serial" : null;
        assumeTrue(expected != null, "a collector this test does not know: " + beans);
        assertThat(Machine.collector()).isEqualTo(expected);
        assertThat(Machine.describe()).containsEntry("collector", expected);
    }

    @Test
    void g1WithItsRefinementLeftToThePausesAndOtherCollectorsAreNamed() throws Exception {
        assumeTrue(Runtime.version().feature() < 20, "Java 20 dropped G1's refinement zones");
        assertThat(childSays("-XX:+UseG1GC", "-XX:-G1UseAdaptiveConcRefinement", "-XX:G1ConcRefinementGreenZone=100000",
                "-XX:G1ConcRefinementYellowZone=200000", "-XX:G1ConcRefinementRedZone=300000"))
                .isEqualTo("G1, refinement left to the pauses");
        assertThat(childSays("-XX:+UseG1GC")).isEqualTo("G1, concurrent refinement");
        assertThat(childSays("-XX:+UseSerialGC")).isEqualTo("Serial");
    }

    /** What {@link PrintCollector} prints in a child JVM started with {@code options}. */
    private static String childSays(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintCollector.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish within 60 s: " + command);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as("child JVM: %s", out).isZero();
        return out;
    }
}
