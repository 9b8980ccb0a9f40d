package io.watchsim.simulations.script;

import io.watchsim.queues.ring.NotificationRing;
import io.watchsim.queues.ring.PipeLimits;

import java.util.HashMap;
import java.util.Map;

/**
 * The pipe pages each user holds, as {@code fs/pipe.c} counts them in {@code user->pipe_bufs}
 * ({@code account_pipe_buffers()}), with the limits that bound them: pipe-user-pages-soft and
 * -hard at their defaults. A pipe is charged to the user (real uid) of the process that made it,
 * for as long as either of its ends is open. Single-threaded, owned by the script runner.
 */
final class PipeUsers {
    private final Map<Integer, Long> pages = new HashMap<>();
    private final long softLimit = PipeLimits.DEFAULT_USER_PAGES_SOFT;
    private final long hardLimit = PipeLimits.DEFAULT_USER_PAGES_HARD;

    /** What one pipe is charged: its user and {@code nr_accounted}. */
    final class Charge {
        private final int uid;
        private long charged;

        private Charge(int uid) {
            this.uid = uid;
        }

        /** The pages charged to this pipe now ({@code pipe->nr_accounted}). */
        long pages() {
            return charged;
        }

        /** {@code account_pipe_buffers(pipe->user, nr_accounted, n)}: the pipe is charged {@code n} pages from now on. */
        void set(long n) {
            pages.merge(uid, n - charged, Long::sum);
            charged = n;
        }

        /** {@code free_pipe_info()}: the pipe's last end is closed. */
        void release() {
            set(0);
        }

        /** The limits of a resize by a caller with or without CAP_SYS_RESOURCE or CAP_SYS_ADMIN. */
        PipeLimits limits(boolean privileged) {
            return new PipeLimits(userPages(uid) - charged, softLimit, hardLimit, privileged);
        }
    }

    /**
     * {@code alloc_pipe_info()}: a new pipe of the user {@code uid} is charged PIPE_DEF_BUFFERS
     * pages, or PIPE_MIN_DEF_BUFFERS when that would put an unprivileged user over the soft
     * limit. (The hard limit, which would fail the pipe with ENFILE, is 0, no limit, by default.)
     */
    Charge open(int uid, boolean privileged) {
        Charge c = new Charge(uid);
        c.set(NotificationRing.PIPE_DEF_BUFFERS);
        if (!privileged && softLimit != 0 && userPages(uid) > softLimit) {
            c.set(NotificationRing.PIPE_MIN_DEF_BUFFERS);
        }
        return c;
    }

    /** The pages {@code uid}'s pipes hold. */
    long userPages(int uid) {
        return pages.getOrDefault(uid, 0L);
    }
}
