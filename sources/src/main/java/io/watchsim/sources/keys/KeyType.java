package io.watchsim.sources.keys;

import java.util.Optional;

/** The key types WatchSim simulates, with what their type operations allow. */
public enum KeyType {
    /** {@code user}: readable, updatable, payload 1..32767 bytes. */
    USER("user", true, true),
    /** {@code logon}: like user but unreadable from user space; description needs a ':' not first. */
    LOGON("logon", false, true),
    /** {@code keyring}: holds links; read gives the serials; no payload, no update. */
    KEYRING("keyring", true, false);

    private final String typeName;
    private final boolean readable;
    private final boolean updatable;

    KeyType(String typeName, boolean readable, boolean updatable) {
        this.typeName = typeName;
        this.readable = readable;
        this.updatable = updatable;
    }

    public String typeName() {
        return typeName;
    }

    public boolean readable() {
        return readable;
    }

    public boolean updatable() {
        return updatable;
    }

    public static Optional<KeyType> byName(String name) {
        for (KeyType t : values()) {
            if (t.typeName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The default permissions of a key of this type made by add_key or request_key. */
    public int defaultPerm() {
        return this == LOGON ? KeyPerm.DEFAULT_LOGON : KeyPerm.DEFAULT_KEY;
    }
}
