package io.watchsim.simulations.keyctl;

import io.watchsim.actors.Kernel;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;

import java.util.ArrayList;
import java.util.List;

/**
 * keyutils' {@code keyctl} against one simulated kernel: each command line runs as the process
 * keyctl would be (a root shell in its own session keyring) and prints what keyctl prints,
 * errors included ({@code add_key: Permission denied}). Background watches ({@code watch KEY &})
 * keep their monitors, which print what they received after every later command. The commands
 * themselves are {@link KeyctlCommands}' table.
 */
public final class KeyctlSession {
    private static final long PID = 1;

    private final Kernel kernel;
    private final Keys keys;
    private final Credentials creds = Credentials.root();
    private final List<KeyctlMonitor> monitors = new ArrayList<>();
    /** Simulated ms since the session started; it stops where the key subsystem's clock does. */
    private long clock;

    public KeyctlSession(Kernel kernel, long seed) {
        this.kernel = kernel;
        this.keys = Keys.start(kernel, kernel.name() + "-keys", seed);
        call(new KeyOp.JoinSession(null));
    }

    /**
     * Runs one command line; output (stdout and stderr, as a terminal shows them) goes to
     * {@code out}. Then the shell waits for the command, and sleeping it lets the key garbage
     * collector's pending work run (a deferred work item, see KeyCollector) before the monitors
     * print what they received.
     */
    public int run(List<String> argv, boolean background, StringBuilder out) {
        return run(argv, background, out, out);
    }

    /**
     * Runs one command line; what keyctl prints on stdout goes to {@code out}, its error messages
     * (stderr) to {@code err}.
     */
    public int run(List<String> argv, boolean background, StringBuilder out, StringBuilder err) {
        int code;
        try {
            code = KeyctlCommands.run(this, argv, background, out, err);
        } catch (KeyctlExit e) {
            if (!e.getMessage().isEmpty()) {
                err.append(e.getMessage()).append('\n');
            }
            code = e.code;
        }
        sleep(0, out);
        return code;
    }

    /**
     * Lets simulated time run until garbage collection has nothing left to do, printing the
     * monitors: first the work pending now, then each moment a key falls due.
     */
    public void runClockOut(StringBuilder out) {
        for (long next = kernel.await(keys.nextGcTime()); next != Long.MAX_VALUE;
             next = kernel.await(keys.nextGcTime())) {
            sleep(Math.max(0, next - clock), out);
        }
        drainMonitors(out);
    }

    /** Lets {@code ms} (0 or more) of simulated time pass: the collector's pending work runs first. */
    public void sleep(long ms, StringBuilder out) {
        clock += Math.min(ms, KeyTable.END_OF_TIME - clock);
        kernel.await(keys.advance(ms));
        drainMonitors(out);
    }

    private void drainMonitors(StringBuilder out) {
        for (KeyctlMonitor m : monitors) {
            m.drain(out);
        }
        monitors.removeIf(KeyctlMonitor::finished);
    }

    /** The kernel keyctl's calls go to; its thread waits for each answer with {@link Kernel#await}. */
    Kernel kernel() {
        return kernel;
    }

    /** Who keyctl runs as: root. */
    Credentials credentials() {
        return creds;
    }

    /** A key call as keyctl's process. */
    SysResult call(KeyOp op) {
        return kernel.await(keys.call(PID, creds, op));
    }

    /** A monitor that prints what its queue receives after every later command, until it finishes. */
    void addMonitor(KeyctlMonitor monitor) {
        monitors.add(monitor);
    }
}
