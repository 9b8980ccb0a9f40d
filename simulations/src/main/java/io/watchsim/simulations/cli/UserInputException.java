package io.watchsim.simulations.cli;

/** A command-line mistake: the message says which value, why, and what is allowed. */
final class UserInputException extends RuntimeException {
    UserInputException(String message) {
        super(message, null, false, false);
    }
}
