package io.watchsim.sources.mounts;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

import java.util.ArrayList;
import java.util.List;

/**
 * A mount's attributes as bits, with the values of the kernel's {@code MNT_*} flags
 * (include/linux/mount.h), and the option words that set and clear them.
 */
public final class MountAttr {
    private MountAttr() {
    }

    public static final int NOSUID = 0x01;
    public static final int NODEV = 0x02;
    public static final int NOEXEC = 0x04;
    public static final int NOATIME = 0x08;
    public static final int READONLY = 0x40;
    /** Every attribute WatchSim models. */
    public static final int ALL = NOSUID | NODEV | NOEXEC | NOATIME | READONLY;

    /** One option word: the bits it sets and the bits it clears. */
    public record Change(int set, int clear) {
        public Change then(Change next) {
            return new Change((set & ~next.clear) | next.set, (clear & ~next.set) | next.clear);
        }

        /** {@code attrs} with this change applied. */
        public int applyTo(int attrs) {
            return (attrs & ~clear) | set;
        }
    }

    /** No change at all. */
    public static final Change NONE = new Change(0, 0);

    /**
     * A comma list of option words ({@code ro}, {@code rw}, {@code nosuid}, {@code suid},
     * {@code nodev}, {@code dev}, {@code noexec}, {@code exec}, {@code noatime}, {@code atime}),
     * later words winning; EINVAL for any other word.
     */
    public static Change parse(String options) {
        Change c = NONE;
        for (String word : options.split(",", -1)) {
            c = c.then(word(word));
        }
        return c;
    }

    private static Change word(String w) {
        return switch (w) {
            case "ro" -> new Change(READONLY, 0);
            case "rw" -> new Change(0, READONLY);
            case "nosuid" -> new Change(NOSUID, 0);
            case "suid" -> new Change(0, NOSUID);
            case "nodev" -> new Change(NODEV, 0);
            case "dev" -> new Change(0, NODEV);
            case "noexec" -> new Change(NOEXEC, 0);
            case "exec" -> new Change(0, NOEXEC);
            case "noatime" -> new Change(NOATIME, 0);
            case "atime" -> new Change(0, NOATIME);
            default -> throw new ErrnoException(Errno.EINVAL, "mount option '" + w + "' is not one of "
                    + "ro, rw, nosuid, suid, nodev, dev, noexec, exec, noatime, atime");
        };
    }

    /** The attributes as option words, in a fixed order ({@code rw} when none is set). */
    public static String describe(int attrs) {
        List<String> words = new ArrayList<>();
        words.add((attrs & READONLY) != 0 ? "ro" : "rw");
        if ((attrs & NOSUID) != 0) {
            words.add("nosuid");
        }
        if ((attrs & NODEV) != 0) {
            words.add("nodev");
        }
        if ((attrs & NOEXEC) != 0) {
            words.add("noexec");
        }
        if ((attrs & NOATIME) != 0) {
            words.add("noatime");
        }
        return String.join(",", words);
    }
}
