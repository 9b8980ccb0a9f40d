package io.watchsim.actors;

/**
 * Test-only kernel bugs, planted on purpose so that tests can show the invariant checkers catch
 * them ({@link KernelSettings#withPlantedFault}). A real run never sets one; {@link #NONE} costs a
 * reference comparison per post. Each bug acts where a watch's records are posted to its queue (the
 * object on the direct path, the watch actor on the earlier one: {@link PlantedDelivery}).
 */
public enum PlantedFault {
    /** No bug: the kernel as it is. */
    NONE,
    /** Every third record of every watch is dropped (never posted, no one told). */
    DROP_RECORDS,
    /** Every watch's records are posted in swapped pairs: the second before the first. */
    REORDER_RECORDS,
    /** Every watch's records are posted without the LSM post hook: records the policy refuses reach the queue. */
    SKIP_POST_HOOK,
    /** A removed or ended watch sends its removal record twice. */
    DOUBLE_REMOVAL
}
