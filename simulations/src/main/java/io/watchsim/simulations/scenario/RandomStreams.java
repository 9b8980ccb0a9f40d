package io.watchsim.simulations.scenario;

import java.nio.charset.StandardCharsets;

/**
 * Named random streams derived from a scenario's seed, so that two runs with one seed draw the same
 * operations, and that adding a generator or a fault leaves the others' draws as they were.
 *
 * <p>The seed of stream {@code name} is a pure function of the scenario seed and the name:
 * <pre>
 *   seed(s, name) = mix64(s XOR mix64(fnv1a64(utf8(name))))
 * </pre>
 * where {@code fnv1a64} is the 64-bit FNV-1a hash (offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3) and {@code mix64} is SplitMix64's output function (Steele, Lea and Flood, 2014):
 * {@code z = (z ^ z>>>30) * 0xbf58476d1ce4e5b9; z = (z ^ z>>>27) * 0x94d049bb133111eb; z ^ z>>>31}.
 * The runner seeds one generator per stream with it (for example
 * {@code new SplittableRandom(seed)}). Stream names are {@code generator:NAME},
 * {@code fault:NAME}, {@code reader:QUEUEGROUP} and {@code world}.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    /** The stream that places the world: tree layout, link targets, hot objects. */
    public static final String WORLD = "world";

    /** The seed of stream {@code name} under scenario seed {@code seed}. */
    public static long seed(long seed, String name) {
        return mix64(seed ^ mix64(fnv1a64(name.getBytes(StandardCharsets.UTF_8))));
    }

    /** The stream of a workload generator: its operations, targets and arrival times. */
    public static String generator(String name) {
        return "generator:" + name;
    }

    /** The stream of a fault: its firing (every/probability) and the share it picks. */
    public static String fault(String name) {
        return "fault:" + name;
    }

    /** The stream of a queue group's readers. */
    public static String reader(String queueGroup) {
        return "reader:" + queueGroup;
    }

    /** SplitMix64's output function. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The 64-bit FNV-1a hash of {@code bytes}. */
    static long fnv1a64(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
