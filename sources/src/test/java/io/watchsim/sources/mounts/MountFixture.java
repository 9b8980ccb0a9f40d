package io.watchsim.sources.mounts;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.record.Notification;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A mount table and short ways to drive it and read its steps, for the model's tests. */
final class MountFixture {
    static final Credentials ROOT = Credentials.root();
    static final Credentials USER = Credentials.user(1000, 1000);
    static final Credentials ROOT_WITHOUT_ADMIN = Credentials.root().without(Capability.CAP_SYS_ADMIN);

    final MountTable table;

    MountFixture() {
        this(V5Bugs.none());
    }

    MountFixture(V5Bugs bugs) {
        this(new MountTable(bugs));
    }

    MountFixture(MountTable table) {
        this.table = table;
    }

    /** A post as a step says it: to which object, which watch id, what record. */
    record Posted(long objectId, long watchId, Notification record) {
    }

    static List<Posted> posts(MountTable.Outcome o) {
        return o.steps().stream().filter(s -> s instanceof MountStep.Post).map(s -> (MountStep.Post) s)
                .flatMap(p -> p.event().records().stream().map(r -> new Posted(p.event().objectId(), p.event().watchId(), r)))
                .toList();
    }

    MountTable.Outcome ok(MountTable.Outcome o) {
        assertThat(o.result().errno()).as(o.result().detail()).isNull();
        return o;
    }

    void mkdirs(String... paths) {
        for (String p : paths) {
            ok(table.mkdir(ROOT, p));
        }
    }

    int mount(String path) {
        return (int) ok(table.mount(ROOT, "tmpfs", path, "", null)).result().value();
    }

    int mount(String path, String options) {
        return (int) ok(table.mount(ROOT, "tmpfs", path, options, null)).result().value();
    }

    /** Sets a mount watch on the directory {@code path} (as the kernel would, once every check passed). */
    WatchTarget watch(String path) {
        WatchTarget t = table.watchMountTarget(ROOT, path, 0, 1);
        table.watchAdded(t);
        return t;
    }

    WatchTarget watchSb(String path) {
        WatchTarget t = table.watchSbTarget(ROOT, path, 0, 1);
        table.watchAdded(t);
        return t;
    }

    MountView view(int mntId) {
        return table.mount(mntId).orElseThrow();
    }

    long objectOf(int mntId) {
        return view(mntId).objectId();
    }
}
