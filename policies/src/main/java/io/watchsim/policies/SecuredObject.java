package io.watchsim.policies;

import java.util.Objects;

/**
 * What a watch hook or key_permission sees of the object: its kind, id (key serial, mount id,
 * superblock id), description and LSM label (a Smack label or an SELinux context; null when the
 * object has none yet, as a key that Smack has not labelled).
 */
public record SecuredObject(ObjectKind kind, long id, String description, String label) {
    public SecuredObject {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(description);
    }
}
