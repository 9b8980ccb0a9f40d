package io.watchsim.simulations.script;

import io.watchsim.queues.PipeEnd;

/**
 * Which ends of one of the script's pipes are open. Both are open when the pipe is made; the
 * pipe is freed ({@code free_pipe_info()}) when the last of them is closed.
 */
final class OpenEnds {
    private boolean reader = true;
    private boolean writer = true;

    boolean isOpen(PipeEnd end) {
        return end == PipeEnd.READ ? reader : writer;
    }

    /** Closes {@code end}; answers whether the pipe has no open end left. */
    boolean close(PipeEnd end) {
        if (end == PipeEnd.READ) {
            reader = false;
        } else {
            writer = false;
        }
        return !reader && !writer;
    }
}
