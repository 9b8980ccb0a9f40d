package io.watchsim.policies;

/**
 * A mistake in a policy file: file, line and column, what was found and what was expected.
 * Shown to the user as it is.
 */
public final class PolicySyntaxException extends RuntimeException {
    private final String source;
    private final int line;
    private final int column;

    public PolicySyntaxException(String source, int line, int column, String message) {
        super(source + ":" + line + ":" + column + ": " + message, null, false, false);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** A mistake on a line as a whole: {@code FILE:LINE: message} (column 0). */
    public PolicySyntaxException(String source, int line, String message) {
        this(source, line, 0, source + ":" + line + ": " + message, true);
    }

    /** A mistake about the file as a whole (it cannot be read, its name): {@code FILE: message} (line and column 0). */
    public PolicySyntaxException(String source, String message) {
        this(source, 0, 0, source + ": " + message, true);
    }

    private PolicySyntaxException(String source, int line, int column, String fullMessage, boolean ignored) {
        super(fullMessage, null, false, false);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** A character as policy error messages show it: {@code 'q'}, or {@code U+0009} when not printable ASCII. */
    public static String describeChar(char c) {
        return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
