package io.watchsim.simulations.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.watchsim.queues.InjectedCrash;

/**
 * Keeps the crashes a fault plan injects out of the log: Pekko logs every actor failure with its
 * stack trace, and an injected one is no failure of WatchSim (the run counts and reports it).
 * Every other failure is still logged.
 */
public final class InjectedCrashFilter extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        return t != null && InjectedCrash.class.getName().equals(t.getClassName()) ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }
}
