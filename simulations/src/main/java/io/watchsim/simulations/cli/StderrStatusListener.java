package io.watchsim.simulations.cli;

import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's own warnings and errors (a configuration it cannot use) on stderr: without a status
 * listener logback prints them to stdout, among the results. Its informational statuses are
 * dropped. Registered by {@code logback.xml}.
 */
public final class StderrStatusListener implements StatusListener {
    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() >= Status.WARN) {
            System.err.println("watchsim: logback: " + status);
        }
    }
}
