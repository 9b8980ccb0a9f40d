package io.watchsim.queues.ring;

/**
 * The caller's side of IOC_WATCH_QUEUE_SET_SIZE's EPERM rule (docs/KERNEL-BEHAVIOUR.md, "Setting the size", step 4): whether the
 * user would be over {@code pipe-user-pages-soft} or {@code -hard} after the charge, and whether
 * the caller holds CAP_SYS_RESOURCE or CAP_SYS_ADMIN. The queue adds its own part, the pipe's
 * {@code max_usage}.
 */
public record PipeLimits(boolean userOverLimit, boolean privileged) {
    /** A user well inside the limits: what a simulation normally has. */
    public static final PipeLimits WITHIN = new PipeLimits(false, true);

    boolean refuses(int nrPages, int maxUsage) {
        return nrPages > maxUsage && userOverLimit && !privileged;
    }
}
