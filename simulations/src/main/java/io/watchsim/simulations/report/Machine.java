package io.watchsim.simulations.report;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The machine a run ran on, as its report shows it: processor, cores, memory, operating system, Java, collector. */
public final class Machine {
    private Machine() {
    }

    /** Name to value, in the order a reader looks for them. */
    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("processor", cpuModel());
        m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("max heap", String.format(Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("collector", collector());
        return m;
    }

    /**
     * The JVM's collector, and for G1 where its concurrent refinement is done: figures of large worlds
     * depend on it (docs/PERFORMANCE.md, "G1's concurrent refinement at fan-out 100,000"). "unknown" on a
     * JVM that does not say.
     */
    public static String collector() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null) {
            return "unknown";
        }
        for (String[] gc : new String[][] {{"UseG1GC", "G1"}, {"UseZGC", "ZGC"}, {"UseShenandoahGC", "Shenandoah"},
                {"UseParallelGC", "Parallel"}, {"UseSerialGC", "Serial"}, {"UseEpsilonGC", "Epsilon"}}) {
            if ("true".equals(option(vm, gc[0]))) {
                return gc[1].equals("G1") ? "G1, " + g1Refinement(vm) : gc[1];
            }
        }
        return "unknown";
    }

    /**
     * Where G1 refines its dirty cards: "refinement left to the pauses" when adaptive refinement is
     * off and its green zone holds at least 100,000 buffers (Java 17 to 19), else "concurrent refinement".
     */
    private static String g1Refinement(HotSpotDiagnosticMXBean vm) {
        String adaptive = option(vm, "G1UseAdaptiveConcRefinement");
        String green = option(vm, "G1ConcRefinementGreenZone");
        if ("false".equals(adaptive) && green != null && Long.parseLong(green) >= 100_000) {
            return "refinement left to the pauses";
        }
        return "concurrent refinement";
    }

    /** A VM option's value, or null where this JVM has no such option. */
    private static String option(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first "model name" of /proc/cpuinfo, or the architecture where there is none. */
    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here: fall through
        }
        return System.getProperty("os.arch");
    }
}
