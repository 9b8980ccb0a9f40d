package io.watchsim.policies;

import io.watchsim.policies.smack.SmackLabel;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The credentials the kernel checks: uid, gid, supplementary groups, the effective capability
 * set and an LSM label (a Smack label or an SELinux context). Immutable; every change returns a
 * new value, so credentials can travel in messages and be stored with a watch.
 *
 * @param uid          the effective user id (fsuid for key permission checks)
 * @param gid          the effective group id
 * @param groups       supplementary group ids
 * @param capabilities the effective capabilities, as a 64-bit set (bit n = capability n)
 * @param label        the LSM label of the task (Smack's floor label is {@code _})
 */
public record Credentials(int uid, int gid, Set<Integer> groups, long capabilities, String label) {
    /** All capabilities of {@link Capability}. */
    public static final long ALL_CAPABILITIES = allCapabilities();
    /** Smack's floor label ({@link SmackLabel#FLOOR}), which every process starts with. */
    public static final String FLOOR_LABEL = SmackLabel.FLOOR;

    public Credentials {
        groups = Set.copyOf(groups);
        Objects.requireNonNull(label, "label");
    }

    /** uid 0, gid 0, every capability, the floor label: a process at boot. */
    public static Credentials root() {
        return new Credentials(0, 0, Set.of(), ALL_CAPABILITIES, FLOOR_LABEL);
    }

    /** An unprivileged user with no capabilities and the floor label. */
    public static Credentials user(int uid, int gid) {
        return new Credentials(uid, gid, Set.of(), 0, FLOOR_LABEL);
    }

    private static long allCapabilities() {
        long all = 0;
        for (Capability c : Capability.values()) {
            all |= c.bit();
        }
        return all;
    }

    public boolean has(Capability capability) {
        return (capabilities & capability.bit()) != 0;
    }

    /** Whether the credentials are in group {@code g}, as primary or supplementary group. */
    public boolean inGroup(int g) {
        return gid == g || groups.contains(g);
    }

    public Credentials withUid(int newUid) {
        return new Credentials(newUid, gid, groups, capabilities, label);
    }

    public Credentials withGid(int newGid) {
        return new Credentials(uid, newGid, groups, capabilities, label);
    }

    public Credentials withGroups(Set<Integer> newGroups) {
        return new Credentials(uid, gid, newGroups, capabilities, label);
    }

    public Credentials withLabel(String newLabel) {
        return new Credentials(uid, gid, groups, capabilities, newLabel);
    }

    public Credentials without(Capability capability) {
        return new Credentials(uid, gid, groups, capabilities & ~capability.bit(), label);
    }

    public Credentials with(Capability capability) {
        return new Credentials(uid, gid, groups, capabilities | capability.bit(), label);
    }

    @Override
    public String toString() {
        String caps = capabilities == ALL_CAPABILITIES ? "all"
                : java.util.Arrays.stream(Capability.values()).filter(this::has).map(Enum::name)
                .collect(Collectors.joining(","));
        return "Credentials[uid=" + uid + " gid=" + gid + " groups=" + groups + " caps=" + (caps.isEmpty() ? "none" : caps)
                + " label=" + label + "]";
    }
}
