package io.watchsim.queues;

/**
 * The exception an actor throws when a fault-injection message tells it to crash, as a bug would
 * make it fail. Its supervisor stops it; what it owned ends as its PostStop says.
 */
public final class InjectedCrash extends RuntimeException {
    public InjectedCrash(String what) {
        super("injected crash of " + what, null, false, false);
    }
}
