package io.watchsim.sources.mounts;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.SuperblockNotify;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mount sources on a running kernel: records reach queues with their tags, watch_mount and
 * watch_sb answer every errno in order, removal records name what went, and ver #5's bad queue
 * descriptor both ways.
 */
class MountsTest {
    static final ActorTestKit testKit = ActorTestKit.create();
    static final Credentials ROOT = Credentials.root();
    private static int kernels;

    private Kernel kernel;
    private Mounts mounts;
    private QueueHandle q;

    @AfterAll
    static void cleanup() {
        testKit.shutdownTestKit();
    }

    @AfterEach
    void stop() {
        await(mounts.stop());
        await(kernel.stop());
    }

    private static <T> T await(CompletionStage<T> s) {
        return s.toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    private void start(V5Bugs bugs) {
        kernel = Kernel.start(testKit.system(), "mounts-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
        mounts = Mounts.start(kernel, "mounts-service-" + kernels, bugs);
        q = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(q.id(), 32)).isOk()).isTrue();
    }

    private SysResult call(MountOp op) {
        return await(mounts.call(ROOT, op));
    }

    private SysResult ok(MountOp op) {
        SysResult r = call(op);
        assertThat(r.errno()).as(op + ": " + r.detail()).isNull();
        return r;
    }

    private List<Notification> drain() {
        List<Notification> seen = new ArrayList<>();
        for (ReadResult r = await(kernel.readQueue(q.id(), 4096)); !r.isError() && !r.isEof();
             r = await(kernel.readQueue(q.id(), 4096))) {
            byte[] d = r.data();
            for (int off = 0; off < d.length; ) {
                Notification n = Notification.decode(d, off, d.length - off);
                seen.add(n);
                off += n.length();
            }
        }
        return seen;
    }

    @Test
    void aMountRecordReachesTheWatchOnTheRootWithItsTagAndEveryField() {
        start(V5Bugs.none());
        ok(new MountOp.Mkdir("/a"));
        ok(new MountOp.WatchMount("/", 0, q.id(), 5));
        int a = (int) ok(new MountOp.Mount("tmpfs", "/a", "ro", null)).value();

        List<Notification> got = drain();

        assertThat(got).singleElement().satisfies(n -> {
            assertThat(n.info()).isEqualTo(MountNotify.LENGTH | 5 << 8 | MountNotify.NOTIFY_MOUNT_IS_NOW_RO);
            assertThat(n.subtype()).isEqualTo(MountNotify.NOTIFY_MOUNT_NEW_MOUNT);
            assertThat(List.of(MountNotify.triggeredOn(n), MountNotify.auxiliaryMount(n), MountNotify.topologyChanges(n),
                    MountNotify.attrChanges(n), MountNotify.auxTopologyChanges(n))).containsExactly(1, a, 1, 0, 1);
        });
    }

    @Test
    void watchMountAnswersEachErrnoInTheKernelsOrder() {
        start(V5Bugs.none());
        ok(new MountOp.Mkdir("/a"));
        ok(new MountOp.Touch("/f"));
        assertThat(call(new MountOp.WatchMount("/nope", 0x4, q.id(), 300)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(call(new MountOp.WatchMount("/nope", 0, q.id(), 1)).errno()).isEqualTo(Errno.ENOENT);
        assertThat(call(new MountOp.WatchMount("/f", 0, q.id(), 1)).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(call(new MountOp.WatchMount("/a", 0, -1, 1)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(call(new MountOp.WatchMount("/a", 0, q.id(), -1)).errno()).isEqualTo(Errno.EBADSLT);
        ok(new MountOp.WatchMount("/a", 0, q.id(), 1));
        assertThat(call(new MountOp.WatchMount("/a", 0, q.id(), 2)).errno()).isEqualTo(Errno.EBUSY);
        assertThat(call(new MountOp.WatchSb("/a", 0, q.id(), 2)).errno()).as("another object").isNull();
        assertThat(call(new MountOp.WatchSb("/a", 0, q.id(), 3)).errno()).isEqualTo(Errno.EBUSY);
    }

    @Test
    void anExplicitRemovalNamesTheDirectoryAFreedMountItsIdAGoneSuperblockItsId() {
        start(V5Bugs.none());
        ok(new MountOp.Mkdir("/a"));
        int a = (int) ok(new MountOp.Mount("tmpfs", "/a", "", null)).value();
        ok(new MountOp.Mkdir("/a/d"));
        long dir = await(mounts.place(ROOT, "/a/d")).directoryWatchId();
        long sb = await(mounts.place(ROOT, "/a")).mount().sbId();
        ok(new MountOp.WatchMount("/a/d", 0, q.id(), 7));
        ok(new MountOp.WatchMount("/a/d", 0, q.id(), -1));
        ok(new MountOp.WatchMount("/a", 0, q.id(), 8));
        ok(new MountOp.WatchSb("/a", 0, q.id(), 9));
        ok(new MountOp.WatchMount("/", 0, q.id(), 1));
        ok(new MountOp.Umount("/a", false));

        List<Notification> got = drain();

        assertThat(got).extracting(n -> n.type() + "/" + n.subtype() + "/" + WatchNotification.tagOf(n.info()))
                .containsExactly("0/0/7", "2/1/1", "0/0/8", "0/0/9");
        assertThat(MetaNotify.removalId(got.get(0))).isEqualTo(dir);
        assertThat(MountNotify.auxiliaryMount(got.get(1))).isEqualTo(a);
        assertThat(MetaNotify.removalId(got.get(2))).isEqualTo(a);
        assertThat(MetaNotify.removalId(got.get(3))).isEqualTo(sb);
    }

    @Test
    void superblockRecordsGoOnlyToTheSuperblocksWatches() {
        start(V5Bugs.none());
        ok(new MountOp.Mkdir("/a"));
        ok(new MountOp.Mount("ext4", "/a", "", null));
        ok(new MountOp.WatchSb("/a", 0, q.id(), 4));
        ok(new MountOp.SbError("/", 5));            // the root's superblock: nobody watches it
        ok(new MountOp.SbError("/a", 5));
        List<Notification> got = drain();
        assertThat(got).singleElement().satisfies(n -> {
            assertThat(n.info()).isEqualTo(SuperblockNotify.ERROR_LENGTH | 4 << 8);
            assertThat(SuperblockNotify.errorNumber(n)).isEqualTo(5);
        });
    }

    @Test
    void theWatchMountHookOfThePolicyInForceDecides() {
        start(V5Bugs.none());
        await(kernel.reloadPolicy(new SecurityModule() {
            @Override
            public String name() {
                return "no-mounts";
            }

            @Override
            public Decision watchMount(Credentials setter, SecuredObject mount) {
                return Decision.deny(Errno.EACCES, "no-mounts", "mount " + mount.id());
            }
        }));
        assertThat(call(new MountOp.WatchMount("/", 0, q.id(), 1)).errno()).isEqualTo(Errno.EACCES);
        assertThat(call(new MountOp.WatchSb("/", 0, q.id(), 1)).errno()).isNull();
    }

    @Test
    void aDescriptorThatIsNoNotificationPipeIsEinvalOrReproducingVer5ZeroWithNothingSet() {
        start(V5Bugs.of(V5Bug.BAD_QUEUE_RETURNS_ZERO));
        assertThat(call(new MountOp.WatchMount("/", 0, -1, 1))).isEqualTo(SysResult.ok());
        assertThat(call(new MountOp.WatchSb("/", 0, -1, 1))).isEqualTo(SysResult.ok());
        MountView root = await(mounts.place(ROOT, "/")).mount();
        assertThat(await(kernel.watches(root.objectId()))).isEmpty();
        assertThat(await(kernel.watches(root.sbId()))).isEmpty();
        assertThat(call(new MountOp.WatchMount("/", 0, q.id(), 1)).errno()).as("a real queue still works").isNull();
        assertThat(await(kernel.watches(root.objectId()))).hasSize(1);
    }

    /** Two watches on one superblock, on q (tag 3) then on a second queue (tag 4); the info words each queue gets for one post. */
    private List<Integer> superblockInfos(V5Bugs bugs) {
        start(bugs);
        QueueHandle second = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(second.id(), 32)).isOk()).isTrue();
        ok(new MountOp.Mkdir("/m"));
        ok(new MountOp.Mount("ext4", "/m", "", null));
        ok(new MountOp.WatchSb("/m", 0, q.id(), 3));
        ok(new MountOp.WatchSb("/m", 0, second.id(), 4));
        ok(new MountOp.SbEdquot("/m"));
        List<Integer> infos = new ArrayList<>(drain().stream().map(Notification::info).toList());
        QueueHandle first = q;
        q = second;
        infos.addAll(drain().stream().map(Notification::info).toList());
        q = first;
        return infos;
    }

    @Test
    void aSuperblockWatchsTagIsInBits8To15OrReproducingVer5OredIntoTheTopByte() {
        assertThat(superblockInfos(V5Bugs.none())).containsExactly(0x0310, 0x0410);
    }

    @Test
    void reproducingVer5TheTagsOfTheWatchesVisitedSoFarOrTogetherInTheTopByte() {
        // the newest watch (tag 4, second queue) is visited first: it gets 4; q's watch then 4|3
        assertThat(superblockInfos(V5Bugs.of(V5Bug.SB_TAG_IN_TOP_BYTE))).containsExactly(0x0700_0010, 0x0400_0010);
    }

    /**
     * Two superblock watches, on q (tag 3) then on a second queue (tag 4); q's is removed explicitly,
     * the second goes with the superblock: the info word of each one's removal record.
     */
    private List<Integer> superblockRemovalInfos(V5Bugs bugs) {
        start(bugs);
        QueueHandle second = await(kernel.createQueue());
        assertThat(await(kernel.setQueueSize(second.id(), 32)).isOk()).isTrue();
        ok(new MountOp.Mkdir("/m"));
        ok(new MountOp.Mount("ext4", "/m", "", null));
        ok(new MountOp.WatchSb("/m", 0, q.id(), 3));
        ok(new MountOp.WatchSb("/m", 0, second.id(), 4));
        ok(new MountOp.WatchSb("/m", 0, q.id(), -1));
        ok(new MountOp.Umount("/m", false));
        List<Notification> got = new ArrayList<>(drain());
        QueueHandle first = q;
        q = second;
        got.addAll(drain());
        q = first;
        assertThat(got).allSatisfy(n -> assertThat(n.type()).isEqualTo(WatchNotification.WATCH_TYPE_META));
        return got.stream().map(Notification::info).toList();
    }

    @Test
    void aSuperblockWatchsRemovalRecordCarriesItsTagInBits8To15() {
        assertThat(superblockRemovalInfos(V5Bugs.none())).containsExactly(0x0310, 0x0410);
    }

    @Test
    void reproducingVer5ASuperblockWatchsRemovalRecordCarriesItsOwnTagInTheTopByte() {
        // remove_watch_from_object() copies the watch's info_id (tag << 24), explicit removal or not; no OR
        assertThat(superblockRemovalInfos(V5Bugs.of(V5Bug.SB_TAG_IN_TOP_BYTE))).containsExactly(0x0300_0010, 0x0400_0010);
    }

    @Test
    void theQueryByMountIdAnswersAsTheQueryByPathAndEnoentForAnIdNoMountHas() {
        start(V5Bugs.none());
        ok(new MountOp.Mkdir("/a"));
        int a = (int) ok(new MountOp.Mount("tmpfs", "/a", "", null)).value();
        MountService.InfoAnswer byId = await(mounts.info(ROOT, a));
        assertThat(byId.result().isOk()).isTrue();
        assertThat(byId.info()).isEqualTo(await(mounts.info(ROOT, "/a")).info());
        assertThat(await(mounts.info(ROOT, 1)).info().children()).extracting(MountInfo.Child::mntId).containsExactly(a);
        ok(new MountOp.Umount("/a", false));
        MountService.InfoAnswer gone = await(mounts.info(ROOT, a));
        assertThat(gone.info()).isNull();
        assertThat(gone.result().errno()).isEqualTo(Errno.ENOENT);
    }

    @Test
    void smackRulesDecideWatchesOnALabelledFilesystemAndItsSuperblock() {
        start(V5Bugs.none());
        Credentials lab = ROOT.withLabel("Lab").without(io.watchsim.policies.Capability.CAP_MAC_OVERRIDE);
        io.watchsim.policies.smack.SmackModule smack = io.watchsim.policies.smack.SmackModule.of(
                io.watchsim.policies.smack.SmackRules.empty());
        await(kernel.reloadPolicy(smack));
        ok(new MountOp.Mkdir("/pub"));
        ok(new MountOp.Mkdir("/sec"));
        ok(new MountOp.Mount("tmpfs", "/pub", "", null));
        ok(new MountOp.Mount("tmpfs", "/sec", "smackfsdef=Secret", null));
        assertThat(await(mounts.call(lab, new MountOp.WatchMount("/pub", 0, q.id(), 1))).errno()).as("the floor")
                .isNull();
        assertThat(await(mounts.call(lab, new MountOp.WatchMount("/sec", 0, q.id(), 2))).errno()).isEqualTo(Errno.EACCES);
        assertThat(await(mounts.call(lab, new MountOp.WatchSb("/sec", 0, q.id(), 3))).errno()).isEqualTo(Errno.EACCES);
        await(kernel.reloadPolicy(smack.withRule("Lab", "Secret", "r")));
        assertThat(await(mounts.call(lab, new MountOp.WatchMount("/sec", 0, q.id(), 2))).errno()).isNull();
        assertThat(await(mounts.call(lab, new MountOp.WatchSb("/sec", 0, q.id(), 3))).errno()).isNull();
    }

    @Test
    void selinuxExtendedRulesDecideWatchesOnAFilesystemByItsContext() {
        start(V5Bugs.none());
        Credentials watcher = ROOT.withLabel("u:r:watcher_t:s0");
        io.watchsim.policies.selinux.TePolicy policy = io.watchsim.policies.selinux.TePolicy.empty()
                .withAllow("watcher_t", "public_t", io.watchsim.policies.selinux.TeClass.MOUNT, "watch")
                .withAllow("watcher_t", "public_t", io.watchsim.policies.selinux.TeClass.SUPERBLOCK, "watch");
        await(kernel.reloadPolicy(io.watchsim.policies.selinux.SelinuxModule.of(policy,
                io.watchsim.policies.selinux.SelinuxModule.Mode.EXTENDED)));
        ok(new MountOp.Mkdir("/pub"));
        ok(new MountOp.Mkdir("/sec"));
        ok(new MountOp.Mount("ext4", "/pub", "context=system_u:object_r:public_t:s0", null));
        ok(new MountOp.Mount("ext4", "/sec", "context=system_u:object_r:secret_t:s0", null));
        assertThat(await(mounts.call(watcher, new MountOp.WatchMount("/pub", 0, q.id(), 1))).errno()).isNull();
        assertThat(await(mounts.call(watcher, new MountOp.WatchSb("/pub", 0, q.id(), 1))).errno()).isNull();
        assertThat(await(mounts.call(watcher, new MountOp.WatchMount("/sec", 0, q.id(), 2))).errno())
                .isEqualTo(Errno.EACCES);
        assertThat(await(mounts.call(watcher, new MountOp.WatchSb("/sec", 0, q.id(), 2))).errno())
                .isEqualTo(Errno.EACCES);
        assertThat(await(mounts.call(watcher, new MountOp.WatchMount("/", 0, q.id(), 3))).errno())
                .as("the root filesystem has no context: unlabeled_t").isEqualTo(Errno.EACCES);
    }

    /** The tags of the mount records a mount under /a/m gets after a rename of /x lands after {@code after} watches. */
    private List<Integer> tagsWithARacingRename(V5Bugs bugs, int after) {
        start(bugs);
        for (String d : List.of("/a", "/a/m", "/x")) {
            ok(new MountOp.Mkdir(d));
        }
        ok(new MountOp.Mount("tmpfs", "/a/m", "", null));
        ok(new MountOp.Mkdir("/a/m/z"));
        ok(new MountOp.WatchMount("/a/m", 0, q.id(), 3));
        ok(new MountOp.WatchMount("/a", 0, q.id(), 2));
        ok(new MountOp.WatchMount("/", 0, q.id(), 1));
        RacingRename.Outcome o = await(mounts.callRacingRename(ROOT, new MountOp.Mount("tmpfs", "/a/m/z", "", null),
                new RacingRename("/x", "/y", after)));
        assertThat(o.result().isOk()).isTrue();
        assertThat(o.rename().isOk()).isTrue();
        assertThat(o.landing()).isEqualTo(RacingRename.Landing.DURING_WALK);
        return drain().stream().map(n -> n.info() >> 8 & 0xFF).toList();
    }

    @Test
    void aRenameRacingTheWalkMakesVer5RepostOnARunningKernelAndTheIntendedWalkPostOnce() {
        assertThat(tagsWithARacingRename(V5Bugs.none(), 2)).containsExactly(3, 2, 1);
        stop();
        assertThat(tagsWithARacingRename(V5Bugs.of(V5Bug.RENAME_RETRY_DUPLICATES), 2)).containsExactly(3, 2, 1, 3, 2, 1);
    }

    @Test
    void renameIsACallOfItsOwnAndAWatchCallCannotRaceOne() {
        start(V5Bugs.none());
        ok(new MountOp.Mkdir("/a"));
        ok(new MountOp.Mkdir("/b"));
        ok(new MountOp.Mount("tmpfs", "/b", "", null));
        assertThat(call(new MountOp.Rename("/a", "/b/a")).errno()).isEqualTo(Errno.EXDEV);
        ok(new MountOp.Rename("/a", "/c"));
        assertThat(call(new MountOp.Mkdir("/c/d")).errno()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mounts.callRacingRename(ROOT,
                new MountOp.WatchMount("/c", 0, q.id(), 1), new RacingRename("/c", "/e", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
