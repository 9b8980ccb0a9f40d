package io.watchsim.sources.mounts;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.watchsim.sources.mounts.MountFixture.ROOT;
import static io.watchsim.sources.mounts.MountFixture.ROOT_WITHOUT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filesystem's security label, given by the LSM's mount options ({@code smackfsdef=},
 * {@code context=}): what the watch hooks see of a mount and its superblock, and each errno in the
 * kernel's order.
 */
class MountLabelTest {
    private final MountFixture f = new MountFixture();
    private final MountTable t = f.table;

    /** The identities the mount's and its superblock's actors are made with: what the watch hooks are asked about. */
    private static List<SecuredObject> identities(MountTable.Outcome o) {
        return o.steps().stream().map(s -> s instanceof MountStep.CreateSuperblock c ? c.identity()
                : s instanceof MountStep.CreateMount c ? c.identity() : null).filter(java.util.Objects::nonNull).toList();
    }

    private Errno errno(MountTable.Outcome o) {
        return o.result().errno();
    }

    /** Smack and SELinux stacked: both label options are known. */
    private static final Set<String> BOTH = Set.of("smackfsdef", "context");

    private MountTable.Outcome mount(Credentials c, String fsType, String path, String options, String label) {
        return t.mount(c, fsType, path, options, label, BOTH);
    }

    @Test
    void aLabelOptionNoLsmOfTheKernelTakesIsAnUnknownOption() {
        f.mkdirs("/a");
        assertThat(errno(t.mount(ROOT, "tmpfs", "/a", "smackfsdef=X", null, Set.of("context")))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.mount(ROOT, "tmpfs", "/a", "context=u:r:t", null, Set.of("smackfsdef")))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.mount(ROOT, "tmpfs", "/a", "context=u:r:t", null))).as("a kernel without an LSM")
                .isEqualTo(Errno.EINVAL);
        assertThat(errno(t.mount(ROOT, "tmpfs", "/a", "smackfsdef", null, BOTH))).as("no value").isEqualTo(Errno.EINVAL);
        assertThat(errno(t.mount(ROOT, "tmpfs", "/a", "smackfsdef=X", null, Set.of("smackfsdef")))).isNull();
    }

    @Test
    void smackfsdefLabelsTheSuperblockAndItsMountsAndABindMountSharesIt() {
        f.mkdirs("/a", "/b");
        MountTable.Outcome o = f.ok(mount(ROOT, "tmpfs", "/a", "nodev,smackfsdef=Secret", null));
        assertThat(identities(o)).extracting(SecuredObject::kind, SecuredObject::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ObjectKind.SUPERBLOCK, "Secret"),
                org.assertj.core.groups.Tuple.tuple(ObjectKind.MOUNT, "Secret"));
        assertThat(f.view((int) o.result().value()).attrs()).as("the other words still apply").isEqualTo(MountAttr.NODEV);
        assertThat(identities(f.ok(t.bindMount(ROOT, "/a", "/b")))).extracting(SecuredObject::label)
                .containsExactly("Secret");
    }

    @Test
    void contextLabelsItWithAnSelinuxContextAndAnOptionWinsOverTheCallersLabel() {
        f.mkdirs("/a", "/b", "/c");
        assertThat(identities(f.ok(mount(ROOT, "ext4", "/a", "context=system_u:object_r:public_t:s0", null))))
                .extracting(SecuredObject::label).containsOnly("system_u:object_r:public_t:s0");
        assertThat(identities(f.ok(mount(ROOT, "ext4", "/b", "context=u:r:opt_t", "Given"))))
                .extracting(SecuredObject::label).containsOnly("u:r:opt_t");
        assertThat(identities(f.ok(mount(ROOT, "ext4", "/c", "", "Given")))).extracting(SecuredObject::label)
                .containsOnly("Given");
    }

    @Test
    void withoutALabelOptionAFilesystemHasNoneAndAnAutomountNeither() {
        f.mkdirs("/a", "/b");
        assertThat(identities(f.ok(mount(ROOT, "tmpfs", "/a", "ro", null)))).extracting(SecuredObject::label)
                .containsOnlyNulls();
        assertThat(identities(f.ok(t.automount(ROOT, "autofs", "/b")))).extracting(SecuredObject::label)
                .containsOnlyNulls();
    }

    @Test
    void aBadLabelOrTwoLabelsAreEinval() {
        f.mkdirs("/a");
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "smackfsdef=", null))).isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "smackfsdef=-x", null))).isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "smackfsdef=a/b", null))).isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "context=public_t", null))).as("no user:role:type")
                .isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "context=u:r:t:s0:c0,c1", null))).as("the comma splits it")
                .isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "smackfsdef=A,context=u:r:t", null))).isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(ROOT, "tmpfs", "/a", "smackfsdef=A,smackfsdef=B", null))).isEqualTo(Errno.EINVAL);
        assertThat(f.table.mounts()).as("nothing mounted").hasSize(1);
    }

    @Test
    void theErrnosComeInTheKernelsOrder() {
        f.mkdirs("/a");
        f.ok(t.touch(ROOT, "/file"));
        var noMacAdmin = ROOT.without(Capability.CAP_MAC_ADMIN);
        // The walk first, then CAP_SYS_ADMIN, then the options, then CAP_MAC_ADMIN for a Smack option, then ENOTDIR.
        assertThat(errno(mount(ROOT, "tmpfs", "/none", "smackfsdef=-x", null))).isEqualTo(Errno.ENOENT);
        assertThat(errno(mount(ROOT_WITHOUT_ADMIN, "tmpfs", "/a", "smackfsdef=-x", null))).isEqualTo(Errno.EPERM);
        assertThat(errno(mount(noMacAdmin, "tmpfs", "/a", "smackfsdef=-x", null))).isEqualTo(Errno.EINVAL);
        assertThat(errno(mount(noMacAdmin, "tmpfs", "/file", "smackfsdef=X", null))).isEqualTo(Errno.EPERM);
        assertThat(errno(mount(ROOT, "tmpfs", "/file", "smackfsdef=X", null))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(mount(noMacAdmin, "tmpfs", "/a", "context=u:r:t", null))).as("SELinux asks no capability")
                .isNull();
    }
}
