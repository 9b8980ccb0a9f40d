package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.Notification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped rule files for mount and superblock watches, scenarios/policies/mounts.smack and
 * mounts.te, say what their comments say: monitors may watch the data filesystems' mounts and
 * superblocks and the home filesystems' mounts, nothing of the vault (EACCES), and the mount
 * daemon's records reach them.
 */
class MountRuleFilesTest {
    private static final Path POLICIES = Path.of("").toAbsolutePath().getParent().resolve("scenarios/policies");
    private static final SecurityModule SMACK = PolicyFiles.load(POLICIES.resolve("mounts.smack"),
            SelinuxModule.Mode.EXTENDED);
    private static final SecurityModule SELINUX = PolicyFiles.load(POLICIES.resolve("mounts.te"),
            SelinuxModule.Mode.EXTENDED);
    /** A NEW_MOUNT record. */
    private static final Notification MOUNT_RECORD = Notification.ofWords(2, 0, 0, 1, 2, 1, 0, 1);

    private static Credentials task(String label) {
        return Credentials.user(1000, 1000).withLabel(label);
    }

    @ParameterizedTest(name = "{0} on {1}: mount {2}, superblock {3}")
    @CsvSource(delimiter = '|', value = {
            "Data   | data_fs_t   | true  | true",
            "Home   | home_fs_t   | true  | false",
            "Vault  | vault_fs_t  | false | false",
    })
    void monitorsWatchWhatTheRulesSay(String smackLabel, String type, boolean mount, boolean superblock) {
        boolean smackSuperblock = !smackLabel.equals("Vault");   // Smack's read access covers both hooks
        check(SMACK, task("Mon"), smackLabel, mount, smackSuperblock);
        check(SELINUX, task("system_u:system_r:mon_t:s0"), "system_u:object_r:" + type + ":s0", mount, superblock);
    }

    private static void check(SecurityModule m, Credentials watcher, String label, boolean mount, boolean superblock) {
        Decision dm = m.watch(watcher, new SecuredObject(ObjectKind.MOUNT, 2, "ext4", label));
        Decision ds = m.watch(watcher, new SecuredObject(ObjectKind.SUPERBLOCK, 1L << 32, "ext4", label));
        assertThat(dm.allowed()).as(m.name() + " watch_mount on " + label).isEqualTo(mount);
        assertThat(ds.allowed()).as(m.name() + " watch_sb on " + label).isEqualTo(superblock);
        for (Decision d : new Decision[] {dm, ds}) {
            if (!d.allowed()) {
                assertThat(d.errno()).isEqualTo(Errno.EACCES);
            }
        }
    }

    @ParameterizedTest(name = "a filesystem with no label, {0}")
    @CsvSource({"smack, true", "selinux, false"})
    void aFilesystemWithNoLabelIsTheFloorForSmackAndUnlabeledForSelinux(String engine, boolean allowed) {
        SecurityModule m = engine.equals("smack") ? SMACK : SELINUX;
        Credentials watcher = task(engine.equals("smack") ? "Mon" : "system_u:system_r:mon_t:s0");
        assertThat(m.watch(watcher, new SecuredObject(ObjectKind.MOUNT, 1, "rootfs", null)).allowed()).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"smack", "selinux"})
    void theMountDaemonsRecordsReachTheMonitorsAndNoOneElses(String engine) {
        boolean smack = engine.equals("smack");
        SecurityModule m = smack ? SMACK : SELINUX;
        Credentials mon = task(smack ? "Mon" : "system_u:system_r:mon_t:s0");
        Credentials mountd = task(smack ? "Mountd" : "system_u:system_r:mountd_t:s0");
        Credentials other = task(smack ? "Other" : "system_u:system_r:other_t:s0");
        assertThat(m.postNotification(mon, mountd, MOUNT_RECORD).allowed()).isTrue();
        assertThat(m.postNotification(mon, other, MOUNT_RECORD).allowed()).isFalse();
    }
}
