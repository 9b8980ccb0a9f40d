package io.watchsim.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.stream.Stream;

/**
 * The dispatcher settings that schedule and race tests run under: one thread (every message of
 * the kernel serialised, in a different order than with several), throughput 1 (an actor yields
 * after each message, so mailboxes interleave as finely as they can), and more threads than
 * cores (actors run truly in parallel and migrate between threads).
 */
enum DispatcherSettings {
    ONE_THREAD(1, 5),
    THROUGHPUT_ONE(2, 1),
    MANY_THREADS(8, 100);

    private final int threads;
    private final int throughput;

    DispatcherSettings(int threads, int throughput) {
        this.threads = threads;
        this.throughput = throughput;
    }

    Config config() {
        return ConfigFactory.parseString("""
                pekko.actor.default-dispatcher {
                  executor = fork-join-executor
                  fork-join-executor { parallelism-min = %d, parallelism-max = %d }
                  throughput = %d
                }
                pekko.log-dead-letters = off
                """.formatted(threads, threads, throughput));
    }

    static Stream<DispatcherSettings> all() {
        return Stream.of(values());
    }
}
