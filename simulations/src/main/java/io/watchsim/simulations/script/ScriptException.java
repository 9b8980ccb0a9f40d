package io.watchsim.simulations.script;

/**
 * A mistake in a script: which file and line, what was found and what was expected. Shown to
 * the user as it is, never with a stack trace.
 */
public final class ScriptException extends RuntimeException {
    public ScriptException(String source, int line, String message) {
        super(source + ":" + line + ": " + message, null, false, false);
    }

    /** A mistake about the file as a whole (it cannot be read): {@code FILE: message}. */
    public ScriptException(String source, String message) {
        super(source + ": " + message, null, false, false);
    }
}
