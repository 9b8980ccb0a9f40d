package io.watchsim.simulations.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The key operations a generator draws from, each one that posts a record (KERNEL-BEHAVIOUR.md,
 * "Keys"). Operations on a key act on an object of the generator's {@code objects} group; those on
 * a keyring use its {@code keyrings} group.
 */
public enum KeyOperation {
    /** KEYCTL_UPDATE with a new payload of the group's size: {@code updated} on the key. */
    UPDATE(false, "KEYCTL_UPDATE: updated on the key (not for keyrings)"),
    /** KEYCTL_LINK of an object into a keyring: {@code linked} on the keyring. */
    LINK(true, "KEYCTL_LINK an object into a keyring: linked on the keyring"),
    /** KEYCTL_UNLINK of an object from a keyring: {@code unlinked} on the keyring. */
    UNLINK(true, "KEYCTL_UNLINK an object from a keyring: unlinked on the keyring"),
    /** KEYCTL_SETPERM: {@code setattr} on the key. */
    SETPERM(false, "KEYCTL_SETPERM: setattr on the key"),
    /** KEYCTL_REVOKE: {@code revoked} on the key, its removal once the gc delay has passed. */
    REVOKE(false, "KEYCTL_REVOKE: revoked on the key; removal after the gc delay"),
    /** KEYCTL_INVALIDATE: {@code invalidated}, then the key's removal from the next gc pass. */
    INVALIDATE(false, "KEYCTL_INVALIDATE: invalidated on the key; removal at the next gc pass"),
    /** KEYCTL_CLEAR of a keyring: {@code cleared} on it. */
    CLEAR(true, "KEYCTL_CLEAR a keyring: cleared on it"),
    /** add_key of a new object of the group's type into a keyring: {@code linked} on the keyring. */
    ADD(true, "add_key a new object of the group's type into a keyring: linked on the keyring"),
    /** KEYCTL_SET_TIMEOUT with the generator's key timeout: {@code setattr}, later the key's removal. */
    TIMEOUT(false, "KEYCTL_SET_TIMEOUT to the generator's key-timeout: setattr; removal after expiry and the gc delay");

    private final boolean onKeyring;
    private final String description;

    KeyOperation(boolean onKeyring, String description) {
        this.onKeyring = onKeyring;
        this.description = description;
    }

    /** Whether the operation needs a keyring (the generator's {@code keyrings} group). */
    public boolean onKeyring() {
        return onKeyring;
    }

    /** What the operation calls and posts, for the key reference. */
    public String description() {
        return description;
    }

    /** The name in a scenario's mix: update, link, ... */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KeyOperation> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(o -> o.keyword().equals(keyword)).findFirst();
    }
}
