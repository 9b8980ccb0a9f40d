package io.watchsim.sources.mounts;

import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.USER;
import static io.watchsim.sources.mounts.MountFixture.posts;
import static org.assertj.core.api.Assertions.assertThat;

/** rename(2) in the simulated namespace: what it moves, and each errno in do_renameat2()'s and vfs_rename()'s order. */
class MountRenameTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;

    private Errno rename(String from, String to) {
        return t.rename(ROOT, from, to).result().errno();
    }

    @Test
    void aRenamedDirectoryKeepsItsEntriesAndIsFoundUnderItsNewName() {
        f.mkdirs("/a", "/a/b", "/c");
        long before = t.directoryWatchId(ROOT, "/a/b");
        MountTable.Outcome o = f.ok(t.rename(ROOT, "/a", "/c/d"));
        assertThat(o.steps()).isEmpty();   // ver #5 posts no record for a rename
        assertThat(t.directoryWatchId(ROOT, "/c/d/b")).isEqualTo(before);
        assertThat(t.mkdir(ROOT, "/a").result().errno()).isNull();   // the old name is free again
        assertThat(rename("/c/d/b", "/c/d/b")).isNull();             // onto itself: 0, nothing done
    }

    @Test
    void aMountBelowARenamedDirectoryGoesWithItAndItsRecordsReachTheNewAncestors() {
        f.mkdirs("/p", "/q", "/p/a", "/p/a/b");
        int m1 = f.mount("/p/a/b");
        WatchTarget onQ = f.watch("/q");
        WatchTarget onP = f.watch("/p");
        f.ok(t.rename(ROOT, "/p/a", "/q/a"));
        assertThat(t.mountAt(ROOT, "/q/a/b").mntId()).isEqualTo(m1);
        f.mkdirs("/q/a/b/z");
        assertThat(posts(f.ok(t.mount(ROOT, "tmpfs", "/q/a/b/z", "", null))))
                .extracting(MountFixture.Posted::watchId).containsExactly(onQ.watchId());
        assertThat(onP.watchId()).isNotEqualTo(onQ.watchId());
    }

    @Test
    void crossingAMountIsExdevEvenIntoAnotherMountOfTheSameFilesystem() {
        f.mkdirs("/a", "/a/x", "/b");
        f.mount("/a");
        f.mkdirs("/a/x");
        assertThat(rename("/a/x", "/b/x")).isEqualTo(Errno.EXDEV);
        f.ok(t.bindMount(ROOT, "/a", "/b"));
        assertThat(rename("/a/x", "/b/y")).isEqualTo(Errno.EXDEV);   // one superblock, two mounts
        assertThat(rename("/a/x", "/a/y")).isNull();
    }

    @Test
    void theErrnosComeInTheKernelsOrder() {
        f.mkdirs("/a", "/a/b", "/c", "/full", "/full/x", "/m", "/empty");
        f.ok(t.touch(ROOT, "/f"));
        f.mount("/m");
        // the walks first, then EXDEV, then EBUSY for /, . and ..
        assertThat(rename("/nope/x", "/a/y")).isEqualTo(Errno.ENOENT);
        assertThat(rename("/f/x", "/a/y")).isEqualTo(Errno.ENOTDIR);
        assertThat(rename("/m/.", "/a/..")).isEqualTo(Errno.EXDEV);
        assertThat(rename("/a/.", "/c/d")).isEqualTo(Errno.EBUSY);
        assertThat(rename("/a/b", "/c/..")).isEqualTo(Errno.EBUSY);
        assertThat(rename("/", "/c/d")).isEqualTo(Errno.EBUSY);
        // then the entries
        assertThat(rename("/nope", "/c/d")).isEqualTo(Errno.ENOENT);
        assertThat(rename("/f/", "/g")).isEqualTo(Errno.ENOTDIR);
        assertThat(rename("/f", "/g/")).isEqualTo(Errno.ENOTDIR);
        assertThat(rename("/a", "/a/b/c")).isEqualTo(Errno.EINVAL);
        assertThat(rename("/a", "/a/c")).isEqualTo(Errno.EINVAL);
        assertThat(rename("/a/b", "/")).isEqualTo(Errno.EBUSY);
        f.mkdirs("/a/b/c");
        assertThat(rename("/a/b/c", "/a")).isEqualTo(Errno.ENOTEMPTY);   // the target holds the source
        assertThat(rename("/a", "/f")).isEqualTo(Errno.ENOTDIR);
        assertThat(rename("/f", "/a")).isEqualTo(Errno.EISDIR);
        assertThat(rename("/m", "/mm")).isEqualTo(Errno.EBUSY);          // a mountpoint
        assertThat(rename("/a", "/m")).isEqualTo(Errno.EBUSY);
        assertThat(rename("/a", "/full")).isEqualTo(Errno.ENOTEMPTY);
        assertThat(rename("/a", "/empty")).isNull();                     // an empty directory is replaced
        assertThat(t.mkdir(ROOT, "/empty/b").result().errno()).isEqualTo(Errno.EEXIST);
    }

    @Test
    void aReadOnlyMountIsErofsAndPermissionsAreThoseOfUnlinkAndCreate() {
        f.mkdirs("/ro", "/a", "/a/d");
        f.mount("/ro");
        f.mkdirs("/ro/x");
        f.ok(t.remount(ROOT, "/ro", "ro"));
        assertThat(rename("/ro/.", "/ro/y")).isEqualTo(Errno.EBUSY);     // EBUSY comes before EROFS
        assertThat(rename("/ro/x", "/ro/y")).isEqualTo(Errno.EROFS);
        assertThat(rename("/ro/nope", "/ro/y")).isEqualTo(Errno.EROFS);  // before the entry is looked up
        // root's directories are 0755: a user may search them but not write them
        assertThat(t.rename(USER, "/a/d", "/a/e").result().errno()).isEqualTo(Errno.EACCES);
        assertThat(t.rename(USER, "/a/nope", "/a/e").result().errno()).isEqualTo(Errno.ENOENT);
    }
}
