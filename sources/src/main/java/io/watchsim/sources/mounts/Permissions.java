package io.watchsim.sources.mounts;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

/**
 * {@code inode_permission()} for the namespace's entries, as generic_permission() decides
 * (fs/namei.c): the owner's, the group's or the others' bits, then CAP_DAC_OVERRIDE (anything on a
 * directory; execute on a file only if some execute bit is set) and CAP_DAC_READ_SEARCH (read, and
 * search on a directory).
 */
final class Permissions {
    private Permissions() {
    }

    static final int MAY_EXEC = 1;
    static final int MAY_WRITE = 2;
    static final int MAY_READ = 4;

    static void check(Dentry d, int mask, Credentials c) {
        if (allowed(d, mask, c)) {
            return;
        }
        throw new ErrnoException(Errno.EACCES, "uid " + c.uid() + " lacks " + describe(mask) + " permission on "
                + d + " (mode " + Integer.toOctalString(d.mode) + ", owner " + d.uid + ")");
    }

    static boolean allowed(Dentry d, int mask, Credentials c) {
        int bits;
        if (c.uid() == d.uid) {
            bits = d.mode >> 6;
        } else if (c.inGroup(d.gid)) {
            bits = d.mode >> 3;
        } else {
            bits = d.mode;
        }
        if ((bits & mask & 7) == mask) {
            return true;
        }
        if (c.has(Capability.CAP_DAC_OVERRIDE) && (d.directory || (mask & MAY_EXEC) == 0 || (d.mode & 0111) != 0)) {
            return true;
        }
        int readSearch = d.directory ? (MAY_READ | MAY_EXEC) : MAY_READ;
        return c.has(Capability.CAP_DAC_READ_SEARCH) && (mask & ~readSearch) == 0;
    }

    static void requireSysAdmin(Credentials c, String what) {
        if (!c.has(Capability.CAP_SYS_ADMIN)) {
            throw new ErrnoException(Errno.EPERM, what + " needs CAP_SYS_ADMIN");
        }
    }

    private static String describe(int mask) {
        StringBuilder b = new StringBuilder();
        if ((mask & MAY_READ) != 0) {
            b.append("read");
        }
        if ((mask & MAY_WRITE) != 0) {
            b.append(b.isEmpty() ? "" : "+").append("write");
        }
        if ((mask & MAY_EXEC) != 0) {
            b.append(b.isEmpty() ? "" : "+").append("search");
        }
        return b.toString();
    }
}
