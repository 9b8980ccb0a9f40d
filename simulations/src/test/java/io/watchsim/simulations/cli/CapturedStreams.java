package io.watchsim.simulations.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * System.out and System.err captured for each test of a command-line test class
 * ({@code @RegisterExtension final CapturedStreams streams = new CapturedStreams();}), and put
 * back after it.
 */
final class CapturedStreams implements BeforeEachCallback, AfterEachCallback {
    private ByteArrayOutputStream stdout;
    private ByteArrayOutputStream stderr;
    private PrintStream savedOut;
    private PrintStream savedErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        savedOut = System.out;
        savedErr = System.err;
        stdout = new ByteArrayOutputStream();
        stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Forgets what was printed so far, on both streams. */
    void reset() {
        System.out.flush();
        System.err.flush();
        stdout.reset();
        stderr.reset();
    }

    /** What the test printed on standard output so far. */
    String out() {
        System.out.flush();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** What the test printed on standard error so far. */
    String err() {
        System.err.flush();
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
