package io.watchsim.queues.ring;

/**
 * The caller's side of IOC_WATCH_QUEUE_SET_SIZE's EPERM rule, as {@code watch_queue_set_size()} in
 * {@code kernel/watch_queue.c} applies it with the helpers of {@code fs/pipe.c}: the request is
 * refused only when it asks for more pages than the pipe's {@code max_usage}, the pipe's user
 * would then hold more pages than {@code pipe-user-pages-hard} or {@code -soft} allow
 * ({@code too_many_pipe_buffers_hard()}, {@code too_many_pipe_buffers_soft()}; a limit of 0 is no
 * limit), and the caller has neither CAP_SYS_RESOURCE nor CAP_SYS_ADMIN
 * ({@code pipe_is_unprivileged_user()}). The queue adds its own part, the pipe's
 * {@code max_usage}, and the pages asked for.
 *
 * @param userPagesElsewhere the pages the pipe's user holds in its other pipes (its total
 *                           without what this pipe is charged now)
 * @param softLimit          /proc/sys/fs/pipe-user-pages-soft (0: none)
 * @param hardLimit          /proc/sys/fs/pipe-user-pages-hard (0: none)
 * @param privileged         the caller has CAP_SYS_RESOURCE or CAP_SYS_ADMIN
 */
public record PipeLimits(long userPagesElsewhere, long softLimit, long hardLimit, boolean privileged) {
    /** pipe-user-pages-soft's default: 1024 pipes of PIPE_DEF_BUFFERS (16) pages. */
    public static final long DEFAULT_USER_PAGES_SOFT = 16384;
    /** pipe-user-pages-hard's default: no hard limit. */
    public static final long DEFAULT_USER_PAGES_HARD = 0;

    /** A privileged user well inside the default limits: what a simulation normally has. */
    public static final PipeLimits WITHIN = new PipeLimits(0, DEFAULT_USER_PAGES_SOFT, DEFAULT_USER_PAGES_HARD, true);

    public PipeLimits {
        if (userPagesElsewhere < 0 || softLimit < 0 || hardLimit < 0) {
            throw new IllegalArgumentException("pipe page counts cannot be negative: " + userPagesElsewhere + ", "
                    + softLimit + ", " + hardLimit);
        }
    }

    /** Default limits for a user holding {@code userPagesElsewhere} pages in other pipes. */
    public static PipeLimits ofDefaults(long userPagesElsewhere, boolean privileged) {
        return new PipeLimits(userPagesElsewhere, DEFAULT_USER_PAGES_SOFT, DEFAULT_USER_PAGES_HARD, privileged);
    }

    /** {@code too_many_pipe_buffers_soft(userPages)}. */
    public boolean overSoftLimit(long userPages) {
        return softLimit != 0 && userPages > softLimit;
    }

    /** {@code too_many_pipe_buffers_hard(userPages)}. */
    public boolean overHardLimit(long userPages) {
        return hardLimit != 0 && userPages > hardLimit;
    }

    /**
     * Whether charging the pipe {@code pages} pages instead of what it holds now is refused: the
     * user would be over a limit and the caller is unprivileged. Linux asks this only when a pipe
     * grows past its max_usage (SET_SIZE here, F_SETPIPE_SZ for ordinary pipes).
     */
    public boolean refusesCharge(long pages) {
        long userPages = userPagesElsewhere + pages;
        return (overHardLimit(userPages) || overSoftLimit(userPages)) && !privileged;
    }

    /** Whether SET_SIZE's charge of {@code nrPages} to a pipe whose max_usage is {@code maxUsage} is EPERM. */
    boolean refuses(int nrPages, int maxUsage) {
        return nrPages > maxUsage && refusesCharge(nrPages);
    }
}
