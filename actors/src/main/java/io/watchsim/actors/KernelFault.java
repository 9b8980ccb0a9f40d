package io.watchsim.actors;

/**
 * A fault of the simulation itself, not an outcome of the simulated system call: a part of the
 * kernel did not answer within its bound, or an actor a call depended on crashed. Kernel calls
 * fail their stage with it and say what was waited for and what had been reached; an errno is
 * never reported this way (that is a result value).
 */
public final class KernelFault extends RuntimeException {
    public KernelFault(String message) {
        super(message, null, false, false);
    }

    public KernelFault(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
