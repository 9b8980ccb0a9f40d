package io.watchsim.actors;

/**
 * Test-only kernel bugs, planted on purpose so that tests can show the invariant checkers catch
 * them ({@link KernelSettings#withPlantedFault}). A real run never sets one; {@link #NONE} costs a
 * reference comparison per record a watch forwards.
 */
public enum PlantedFault {
    /** No bug: the kernel as it is. */
    NONE,
    /** Every watch drops every third record its object forwards (never posts it, tells no one). */
    DROP_RECORDS,
    /** Every watch posts its records in swapped pairs: the second before the first. */
    REORDER_RECORDS,
    /** Every watch posts without the LSM post hook: records the policy refuses reach the queue. */
    SKIP_POST_HOOK,
    /** A removed or ended watch sends its removal record twice. */
    DOUBLE_REMOVAL
}
