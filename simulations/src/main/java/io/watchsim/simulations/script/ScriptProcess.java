package io.watchsim.simulations.script;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;

import java.util.Set;

/**
 * The identity of the process that runs a script: real, effective and saved uid and gid, the
 * capability sets and the Smack label, changed by setuid(2), setgid(2), capdrop and writes to
 * /proc/self/attr/current as Linux changes them. Starts as root with every capability and the
 * floor label. Single-threaded, owned by the script runner.
 */
final class ScriptProcess {
    private int ruid;
    private int euid;
    private int suid;
    private int rgid;
    private int egid;
    private int sgid;
    private long effective = Credentials.ALL_CAPABILITIES;
    private long permitted = Credentials.ALL_CAPABILITIES;
    private String label = Credentials.FLOOR_LABEL;

    /** The credentials the kernel checks now (effective ids, effective capabilities). */
    Credentials credentials() {
        return new Credentials(euid, egid, Set.of(), effective, label);
    }

    boolean capable(Capability c) {
        return (effective & c.bit()) != 0;
    }

    /** The real uid: the user whose pipe pages a new pipe is charged to ({@code cred->user}). */
    int realUid() {
        return ruid;
    }

    /** {@code pipe_is_unprivileged_user()}: neither CAP_SYS_RESOURCE nor CAP_SYS_ADMIN. */
    boolean pipeUnprivileged() {
        return !capable(Capability.CAP_SYS_RESOURCE) && !capable(Capability.CAP_SYS_ADMIN);
    }

    /**
     * setuid(2): with CAP_SETUID every uid changes, else only the effective one and only to the
     * real or saved uid (EPERM otherwise). Capabilities follow cap_task_fix_setuid(): leaving
     * uid 0 in all three ids clears permitted and effective; leaving euid 0 clears effective;
     * gaining euid 0 restores effective from permitted.
     */
    SysResult setuid(long uid) {
        if (uid < 0 || uid > 0xFFFF_FFFEL) {
            return SysResult.fail(Errno.EINVAL, "uid " + uid + " is not a valid uid");
        }
        int u = (int) uid;
        boolean rootBefore = ruid == 0 || euid == 0 || suid == 0;
        int oldEuid = euid;
        if (capable(Capability.CAP_SETUID)) {
            ruid = u;
            euid = u;
            suid = u;
        } else if (u == ruid || u == suid) {
            euid = u;
        } else {
            return SysResult.fail(Errno.EPERM, "setuid(" + uid + ") needs CAP_SETUID");
        }
        if (rootBefore && ruid != 0 && euid != 0 && suid != 0) {
            permitted = 0;
            effective = 0;
        }
        if (oldEuid == 0 && euid != 0) {
            effective = 0;
        } else if (oldEuid != 0 && euid == 0) {
            effective = permitted;
        }
        return SysResult.ok();
    }

    /** setgid(2): with CAP_SETGID every gid changes, else only the effective one to the real or saved gid. */
    SysResult setgid(long gid) {
        if (gid < 0 || gid > 0xFFFF_FFFEL) {
            return SysResult.fail(Errno.EINVAL, "gid " + gid + " is not a valid gid");
        }
        int g = (int) gid;
        if (capable(Capability.CAP_SETGID)) {
            rgid = g;
            egid = g;
            sgid = g;
        } else if (g == rgid || g == sgid) {
            egid = g;
        } else {
            return SysResult.fail(Errno.EPERM, "setgid(" + gid + ") needs CAP_SETGID");
        }
        return SysResult.ok();
    }

    /** Drops a capability from the effective, permitted (and inheritable) sets. */
    void drop(Capability c) {
        effective &= ~c.bit();
        permitted &= ~c.bit();
    }

    String label() {
        return label;
    }

    void setLabel(String newLabel) {
        label = newLabel;
    }
}
