package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;

/**
 * One key system call, as data: what a process asks of the key subsystem. Key ids are serials
 * or the special ids of {@link KeyTable} (THREAD, PROCESS, SESSION, USER, USER_SESSION).
 */
public sealed interface KeyOp {
    /** add_key(2); a null payload passes no payload. */
    record Add(String type, String description, byte[] payload, int ring) implements KeyOp {
    }

    record Update(int key, byte[] payload) implements KeyOp {
    }

    record Link(int key, int ring) implements KeyOp {
    }

    record Unlink(int key, int ring) implements KeyOp {
    }

    record Move(int key, int from, int to, long flags) implements KeyOp {
    }

    record Revoke(int key) implements KeyOp {
    }

    record Invalidate(int key) implements KeyOp {
    }

    record Clear(int ring) implements KeyOp {
    }

    record SetPerm(int key, long perm) implements KeyOp {
    }

    record Chown(int key, long uid, long gid) implements KeyOp {
    }

    record SetTimeout(int key, long seconds) implements KeyOp {
    }

    /** KEYCTL_RESTRICT_KEYRING; nulls for both reject every later link. */
    record Restrict(int ring, String type, String restriction) implements KeyOp {
    }

    record Describe(int key) implements KeyOp {
    }

    record Read(int key) implements KeyOp {
    }

    record GetSecurity(int key) implements KeyOp {
    }

    /**
     * KEYCTL_WATCH_KEY; {@code queueId} is -1 when the descriptor is not a notification pipe;
     * {@code tag} is the syscall's argument, cut to an int as the syscall does.
     */
    record Watch(int key, long queueId, long tag) implements KeyOp {
    }

    /** KEYCTL_JOIN_SESSION_KEYRING; null for a new anonymous session keyring. */
    record JoinSession(String name) implements KeyOp {
    }

    /** KEYCTL_GET_KEYRING_ID. */
    record KeyringId(int id, boolean create) implements KeyOp {
    }

    /** Finds a key the caller may view by type and description (keyutils' %type:desc). */
    record Find(String type, String description) implements KeyOp {
    }

    /**
     * request_key(2) with the callout's answer: instantiate with {@code payload}, or reject with
     * {@code errno} and {@code timeoutSeconds} (negate is ENOKEY). The key is linked into the
     * destination when it is allocated, whatever the callout then does. With {@code watchQueueId}
     * at or above 0, a child of the requester calls KEYCTL_WATCH_KEY on the key under
     * construction, on that queue with {@code watchTag}: its lookup waits until construction
     * ends, so the watch is set afterwards (or fails with the key's error) and never sees
     * INSTANTIATED; the request's result does not show the watch's. With neither a payload nor
     * an errno there is no callout: a key that is not found is ENOKEY.
     */
    record Request(String type, String description, int dest, byte[] payload, long timeoutSeconds, Errno errno,
                   long watchQueueId, int watchTag) implements KeyOp {
    }
}
