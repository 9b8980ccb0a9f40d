package io.watchsim.simulations.script;

import io.watchsim.queues.PipeEnd;

/** poll() event bits as Linux defines them. */
final class PollBits {
    private PollBits() {
    }

    static final int POLLIN = 0x001;
    static final int POLLERR = 0x008;
    static final int POLLHUP = 0x010;
    static final int POLLNVAL = 0x020;
    static final int POLLRDNORM = 0x040;
    static final int POLLOUT = 0x004;
    static final int POLLWRNORM = 0x100;

    /**
     * pipe_poll(): the read end is readable while the pipe holds data and hangs up when no
     * writer is left; the write end is writable while the pipe is below max_usage and reports an
     * error when no reader is left.
     */
    static int pipeMask(PipeEnd end, boolean hasData, boolean writerOpen, boolean full,
                        boolean readerOpen) {
        int mask = 0;
        if (end == PipeEnd.READ) {
            mask |= hasData ? POLLIN | POLLRDNORM : 0;
            mask |= writerOpen ? 0 : POLLHUP;
        } else {
            mask |= full ? 0 : POLLOUT | POLLWRNORM;
            mask |= readerOpen ? 0 : POLLERR;
        }
        return mask;
    }
}
