package io.watchsim.simulations.experiment;

/** A mistake in a sweep or comparison as the user gave it: one line saying which value, why, and what is allowed. */
public final class ExperimentException extends RuntimeException {
    public ExperimentException(String message) {
        super(message, null, false, false);
    }
}
