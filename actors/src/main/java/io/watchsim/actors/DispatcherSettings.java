package io.watchsim.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.stream.Stream;

/**
 * The dispatcher settings that race tests and {@code watchsim stress} run kernels under, so that
 * an interleaving one setting never produces shows under another: one thread (every message of
 * the kernel serialised), throughput 1 (an actor yields after each message, so mailboxes
 * interleave as finely as they can), and more threads than cores (actors run truly in parallel
 * and migrate between threads).
 */
public enum DispatcherSettings {
    ONE_THREAD(1, 5),
    THROUGHPUT_ONE(2, 1),
    MANY_THREADS(8, 100);

    private final int threads;
    private final int throughput;

    DispatcherSettings(int threads, int throughput) {
        this.threads = threads;
        this.throughput = throughput;
    }

    /** The name users give it: {@code one-thread}, {@code throughput-1}, {@code many-threads}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace("-one", "-1");
    }

    /** The settings as Pekko configuration, to put in front of an actor system's own. */
    public Config config() {
        return ConfigFactory.parseString("""
                pekko.actor.default-dispatcher {
                  executor = fork-join-executor
                  fork-join-executor { parallelism-min = %d, parallelism-max = %d }
                  throughput = %d
                }
                pekko.log-dead-letters = off
                """.formatted(threads, threads, throughput));
    }

    public static Stream<DispatcherSettings> all() {
        return Stream.of(values());
    }

    /** The setting with this {@link #label()}, if any. */
    public static java.util.Optional<DispatcherSettings> byLabel(String label) {
        return all().filter(s -> s.label().equals(label)).findFirst();
    }
}
