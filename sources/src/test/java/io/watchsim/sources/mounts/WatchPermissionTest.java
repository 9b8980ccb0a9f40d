package io.watchsim.sources.mounts;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import org.junit.jupiter.api.Test;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two errnos of watch_mount and watch_sb that no script can reach: EACCES from the search
 * (MAY_EXEC) check on the watched directory itself, and watch_sb's EIO for a superblock that is no
 * longer active. Scripts make every directory 0755, and a path always leads into an attached mount
 * whose superblock is active, so these tests shape the namespace directly.
 */
class WatchPermissionTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;

    /** A directory {@code name} under the root, mode 0700, owned by root. */
    private void privateDirectory(String name) {
        Dentry root = t.namespace().rootMount().root;
        t.namespace().newEntry(root, name, true, 0700, 0, 0);
    }

    private static void assertErrno(Runnable call, Errno errno) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errno()).as(e.getMessage()).isEqualTo(errno));
    }

    @Test
    void aWatchNeedsSearchPermissionOnTheDirectoryItself() {
        privateDirectory("private");
        assertErrno(() -> t.watchMountTarget(USER, "/private", 0, 1), Errno.EACCES);
        assertErrno(() -> t.watchSbTarget(USER, "/private", 0, 1), Errno.EACCES);
        assertThat(t.watchMountTarget(ROOT, "/private", 0, 1).mntId()).as("CAP_DAC_OVERRIDE searches any directory")
                .isEqualTo(1);
        Credentials rootWithoutDac = ROOT.without(Capability.CAP_DAC_OVERRIDE).without(Capability.CAP_DAC_READ_SEARCH);
        assertThat(t.watchMountTarget(rootWithoutDac, "/private", 0, 1).mntId()).as("the owner's rwx").isEqualTo(1);
        assertThat(t.watchMountTarget(USER.with(Capability.CAP_DAC_READ_SEARCH), "/private", 0, 1).mntId())
                .as("CAP_DAC_READ_SEARCH searches directories").isEqualTo(1);
    }

    @Test
    void theSearchCheckComesAfterTheArgumentChecksAndTheLookup() {
        privateDirectory("private");
        assertErrno(() -> t.watchMountTarget(USER, "/private", 0x4, 1), Errno.EINVAL);
        assertErrno(() -> t.watchSbTarget(USER, "/private", 0, 256), Errno.EINVAL);
        assertErrno(() -> t.watchMountTarget(USER, "/nope", 0, 1), Errno.ENOENT);
    }

    @Test
    void watchSbOnASuperblockNoLongerActiveIsEio() {
        f.mkdirs("/m");
        int m = f.mount("/m");
        long sb = f.view(m).sbId();
        assertThat(t.watchSbTarget(ROOT, "/m", 0, 1).objectId()).isEqualTo(sb);
        t.namespace().superblock(sb).activeMounts = 0;   // as while its last mount is being torn down
        assertErrno(() -> t.watchSbTarget(ROOT, "/m", 0, 1), Errno.EIO);
        assertThat(t.watchMountTarget(ROOT, "/m", 0, 1).mntId()).as("watch_mount has no such check").isEqualTo(m);
    }
}
