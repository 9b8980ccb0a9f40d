package io.watchsim.sources.mounts;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

/**
 * Path lookup through mounts, as fs/namei.c walks: from the namespace's root, each component needs
 * search permission on the directory it is looked up in (EACCES), must go through a directory
 * (ENOTDIR) and must exist (ENOENT); after each step the walk goes down every mount stacked on
 * where it is, so a path that crosses a mountpoint goes on in the mounted filesystem, and {@code ..}
 * at a mount's root goes up to its mountpoint first. The process's working directory is {@code /}.
 */
final class PathResolver {
    private final MountNamespace ns;

    PathResolver(MountNamespace ns) {
        this.ns = ns;
    }

    /** Where {@code path} leads; {@code emptyAllowed} is LOOKUP_EMPTY (an empty path is the working directory). */
    PathPoint resolve(String path, Credentials c, boolean emptyAllowed) {
        if (path.isEmpty()) {
            if (!emptyAllowed) {
                throw new ErrnoException(Errno.ENOENT, "an empty path names nothing (no AT_EMPTY_PATH)");
            }
            return ns.followMounts(new PathPoint(ns.rootMount(), ns.rootMount().root));
        }
        PathPoint at = ns.followMounts(new PathPoint(ns.rootMount(), ns.rootMount().root));
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                if (part.equals(".") && !at.dentry().directory) {
                    throw notDir(path, at);
                }
                continue;
            }
            if (!at.dentry().directory) {
                throw notDir(path, at);
            }
            Permissions.check(at.dentry(), Permissions.MAY_EXEC, c);
            at = part.equals("..") ? up(at) : down(path, at, part);
        }
        if (path.endsWith("/") && !at.dentry().directory) {
            throw notDir(path, at);
        }
        return at;
    }

    /** The same, where the path must lead to a directory (LOOKUP_DIRECTORY): ENOTDIR otherwise. */
    PathPoint resolveDirectory(String path, Credentials c, boolean emptyAllowed) {
        PathPoint p = resolve(path, c, emptyAllowed);
        if (!p.dentry().directory) {
            throw new ErrnoException(Errno.ENOTDIR, "'" + path + "' is not a directory");
        }
        return p;
    }

    /**
     * The directory a new entry {@code path} goes in, and the entry's name: the path without its
     * last component, resolved as a directory. EEXIST for the root itself.
     */
    Parent parentOf(String path, Credentials c) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        String name = trimmed.substring(slash + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new ErrnoException(Errno.EEXIST, "'" + path + "' exists");
        }
        String dir = slash <= 0 ? "/" : trimmed.substring(0, slash);
        PathPoint p = resolve(dir, c, false);
        if (!p.dentry().directory) {
            throw new ErrnoException(Errno.ENOTDIR, "'" + dir + "' is not a directory");
        }
        Permissions.check(p.dentry(), Permissions.MAY_EXEC, c);
        return new Parent(p, name);
    }

    /** The directory a new entry goes in, and its name. */
    record Parent(PathPoint dir, String name) {
    }

    /**
     * {@code filename_parentat()}: the directory {@code path}'s last component is in (walked as any
     * path, then searched: EACCES), and that component: its name, whether it is an ordinary name
     * ({@code LAST_NORM}; not {@code /}, {@code .} or {@code ..}) and whether slashes followed it.
     * ENOENT for an empty path.
     */
    Last lastOf(String path, Credentials c) {
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.ENOENT, "an empty path names nothing");
        }
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        boolean trailingSlash = trimmed.length() < path.length();
        if (trimmed.equals("/")) {
            return new Last(resolve("/", c, false), "", false, trailingSlash);   // LAST_ROOT
        }
        int slash = trimmed.lastIndexOf('/');
        String name = trimmed.substring(slash + 1);
        String dir = slash <= 0 ? "/" : trimmed.substring(0, slash);
        PathPoint p = resolve(dir, c, false);
        if (!p.dentry().directory) {
            throw new ErrnoException(Errno.ENOTDIR, "'" + dir + "' is not a directory");
        }
        Permissions.check(p.dentry(), Permissions.MAY_EXEC, c);
        return new Last(p, name, !name.equals(".") && !name.equals(".."), trailingSlash);
    }

    /** A path's last component and the directory it is in. */
    record Last(PathPoint dir, String name, boolean normal, boolean trailingSlash) {
    }

    private PathPoint down(String path, PathPoint at, String part) {
        Dentry child = at.dentry().children.get(part);
        if (child == null) {
            throw new ErrnoException(Errno.ENOENT, "'" + path + "': no entry '" + part + "' in " + at.dentry());
        }
        return ns.followMounts(new PathPoint(at.mount(), child));
    }

    /** {@code ..}: up out of mounts whose root this is, then to the parent directory (never above the global root). */
    private PathPoint up(PathPoint at) {
        Mount m = at.mount();
        Dentry d = at.dentry();
        while (d == m.root && !m.isGlobalRoot()) {
            d = m.mountpoint;
            m = m.parent;
        }
        if (d == m.root) {
            return at.mount() == m && at.dentry() == d ? at : ns.followMounts(new PathPoint(m, d));
        }
        return ns.followMounts(new PathPoint(m, d.parent));
    }

    private static ErrnoException notDir(String path, PathPoint at) {
        return new ErrnoException(Errno.ENOTDIR, "'" + path + "': " + at.dentry() + " is not a directory");
    }
}
