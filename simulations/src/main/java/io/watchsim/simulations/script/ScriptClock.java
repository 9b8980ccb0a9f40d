package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;

/**
 * The script process's simulated time: {@code sleep} and a waiting {@code poll} let it pass,
 * and with it the key garbage collector's work, key expiry and collection. The clock stops where
 * the key subsystem's does ({@link KeyTable#END_OF_TIME}). Single-threaded, owned by the script
 * runner.
 */
final class ScriptClock {
    private final Kernel kernel;
    private final Keys keys;
    private long millis;

    ScriptClock(Kernel kernel, Keys keys) {
        this.kernel = kernel;
        this.keys = keys;
    }

    /** Simulated milliseconds since the script started. */
    long millis() {
        return millis;
    }

    /** Lets {@code ms} (0 or more) pass: the collector's pending work runs first, then what falls due. */
    void pass(long ms) {
        millis += Math.min(ms, KeyTable.END_OF_TIME - millis);
        kernel.await(keys.advance(ms));
    }

    /** How long until the key garbage collector has work next (0 or less: it has some now). */
    long untilNextGc() {
        return kernel.await(keys.nextGcTime()) - millis;
    }
}
