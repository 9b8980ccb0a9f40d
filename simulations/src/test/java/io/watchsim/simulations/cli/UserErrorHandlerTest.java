package io.watchsim.simulations.cli;

import io.watchsim.actors.KernelFault;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How each kind of failure reaches the user: a mistake, a kernel fault, a bug. */
class UserErrorHandlerTest {
    private final StringWriter err = new StringWriter();
    private final CommandLine cl = new CommandLine(new WatchSimCommand()).setErr(new PrintWriter(err, true));

    private int handle(Exception e) {
        return new UserErrorHandler().handleExecutionException(e, cl, null);
    }

    @Test
    void aKernelFaultIsOneLineThatSaysWhatWasAwaitedAndExitsOne() {
        int code = handle(new CompletionException(new KernelFault("a synchronous delivery was still waiting for object 42")));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("watchsim: kernel fault (please report it): a synchronous delivery was "
                + "still waiting for object 42" + System.lineSeparator());
    }

    @Test
    void aUserMistakeIsOneLineAndExitsTwo() {
        assertThat(handle(new UserInputException("--runs 0 must be at least 1"))).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("watchsim: --runs 0 must be at least 1");
    }

    @Test
    void anythingElseIsAnInternalErrorWithItsStackTrace() {
        assertThat(handle(new IllegalStateException("boom"))).isEqualTo(1);
        assertThat(err.toString()).startsWith("watchsim: internal error (please report it): java.lang.IllegalStateException: boom")
                .contains("\tat ");
    }
}
