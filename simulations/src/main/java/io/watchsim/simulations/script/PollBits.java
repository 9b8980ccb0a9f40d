package io.watchsim.simulations.script;

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
}
