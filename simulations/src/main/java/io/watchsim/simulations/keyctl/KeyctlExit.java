package io.watchsim.simulations.keyctl;

/** How a keyctl command ends, as keyctl(1) exits: 0, 1 for a failed call, 2 for a bad command line. */
final class KeyctlExit extends RuntimeException {
    final int code;

    KeyctlExit(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }
}
