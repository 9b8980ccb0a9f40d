package io.watchsim.simulations.cli;

import java.io.PrintStream;

/**
 * Keeps stdout for results: every diagnostic goes to stderr. Logs go there through logback
 * ({@code logback.xml}); this class covers what bypasses it. Pekko prints its warnings and errors
 * with a basic logger of its own while the actor system starts and after its loggers have stopped
 * (a CoordinatedShutdown phase that times out, say), and that logger writes to Scala's
 * {@code Console.out}, which is {@code System.out} as it was when {@code scala.Console} was first
 * used. Pointing it at stderr once, before anything Scala runs, sends those lines to stderr too.
 */
final class Diagnostics {
    private Diagnostics() {
    }

    /** Call first thing in {@code main}, before any actor system or other Scala code starts. */
    static void toStderr() {
        PrintStream results = System.out;
        System.setOut(System.err);
        try {
            // Initialises scala.Console, which takes System.out (now stderr) as its default output.
            scala.Console.out();
        } finally {
            System.setOut(results);
        }
    }
}
