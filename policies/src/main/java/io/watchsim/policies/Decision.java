package io.watchsim.policies;

import io.watchsim.queues.Errno;

import java.util.Objects;

/**
 * A hook's answer: allow, or refuse with an errno. {@code engine} and {@code reason} say which
 * engine decided and by which rule (or lack of one), for the audit log; a plain {@link #allow()}
 * leaves both empty.
 */
public record Decision(Errno errno, String engine, String reason) {
    public static final Decision ALLOW = new Decision(null, "", "");

    public Decision {
        Objects.requireNonNull(engine);
        Objects.requireNonNull(reason);
    }

    public static Decision allow() {
        return ALLOW;
    }

    /**
     * An allow that says which engine allowed and why: the answer of a module's explain methods
     * (for tools and tests). The kernel's path allows with {@link #allow()}, which allocates nothing.
     */
    public static Decision allowBecause(String engine, String reason) {
        return new Decision(null, engine, reason);
    }

    public static Decision deny(Errno errno, String engine, String reason) {
        return new Decision(Objects.requireNonNull(errno), engine, reason);
    }

    public boolean allowed() {
        return errno == null;
    }
}
