package io.watchsim.simulations.cli;

import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Logback's own warnings and errors go to stderr (not stdout, logback's default); its chatter nowhere. */
class StderrStatusListenerTest {
    @Test
    void warningsAndErrorsGoToStderrAndInformationIsDropped() {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            StderrStatusListener listener = new StderrStatusListener();
            listener.addStatusEvent(new InfoStatus("Found resource [logback.xml]", this));
            listener.addStatusEvent(new WarnStatus("appender named [X] not referenced", this));
            listener.addStatusEvent(new ErrorStatus("could not parse the configuration", this));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        String lines = err.toString(StandardCharsets.UTF_8);
        assertThat(lines.lines()).hasSize(2);
        assertThat(lines).contains("appender named [X] not referenced").contains("could not parse the configuration")
                .doesNotContain("Found resource");
    }
}
