package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The mount parts of a scenario file (mount trees, mount and superblock watch rules, mount
 * operations, the mount faults, mountinfo recovery, v5-bugs): what a good file gives, and each
 * mistake as {@code FILE:LINE: KEY: found X, expected Y}.
 */
class MountScenarioLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("m.conf"), text);
    }

    private List<String> mistakes(String text) throws IOException {
        Path file = write(text);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertThat(e).as("a scenario with mistakes").isNotNull();
        return e.problems().stream().map(p -> p.toString().replace(dir + "/", "")).toList();
    }

    @Test
    void aMountWorldLoadsAsTheBuilderWritesIt() throws IOException {
        Scenario s = ScenarioLoader.load(write("""
                duration = 5s
                world {
                  v5-bugs = true
                  mounts.t { depth = 1, fanout = 3, binds = 1, automounts = 2 }
                }
                queues.q { size = 32, reader { recovery = mountinfo } }
                watches {
                  top { queues = q, objects = t, kind = mount }
                  sbs { queues = q, objects = t, kind = superblock, scope = every, tag = 4 }
                }
                workload.w { objects = t, mix { mount = 2, umount-lazy = 1 }, injection { profile = constant, rate = 10/s } }
                faults {
                  d { at = 1s, action = detach-mounts, mounts = t, share = 1 }
                  e { every = 1s, action = expire-automounts, mounts = t, share = 50% }
                  c { at = 2s, action = crash-objects, objects = t, share = 0.5 }
                }
                """));
        Scenario java = Scenario.builder("m").duration("5s").v5Bugs(true)
                .mountTree(MountTree.of("t", 1, 3).withBinds(1).withAutomounts(2))
                .queues(QueueGroup.of("q", 1).withSize(32).withReader(Reader.DEFAULT.withMountinfoRecovery()))
                .watch(WatchRule.mounts("top", "q", "t"))
                .watch(WatchRule.of("sbs", "q", "t").withKind(WatchKind.SUPERBLOCK).withScope(WatchScope.EVERY).withTag(4))
                .generator(Generator.of("w", "t", Injection.constant("10/s")).with(MountOperation.MOUNT, 2)
                        .with(MountOperation.UMOUNT_LAZY, 1))
                .fault(Fault.at("d", "1s", new FaultAction.DetachMounts("t", 1)))
                .fault(Fault.every("e", "1s", 1, new FaultAction.ExpireAutomounts("t", 0.5)))
                .fault(Fault.at("c", "2s", new FaultAction.CrashObjects("t", 0.5)))
                .build();
        assertThat(s).isEqualTo(java);
        assertThat(s.world().v5Bugs()).isTrue();
        assertThat(s.world().mountTree("t").orElseThrow().treeMounts()).isEqualTo(4);
        // 4 mounts and 2 automounts, each with its superblock, and a bind mount
        assertThat(s.objectCount()).isEqualTo(13);
        // one watch on the top, four superblock watches
        assertThat(s.watchCount()).isEqualTo(5);
        assertThat(s.workload().generators().get(0).onMounts()).isTrue();
    }

    @Test
    void aBadTreeIsReportedKeyByKeyAtItsLine() throws IOException {
        assertThat(mistakes("""
                duration = 5s
                world.mounts {
                  deep { depth = 7 }
                  wide { fanout = 0, binds = -1, automounts = -2, spares = 65 }
                  huge { depth = 6, fanout = 64 }
                  wide { dept = 1 }
                }
                """)).containsExactly(
                "m.conf:3: world.mounts.deep.depth: found 7, expected 0..6 levels below the top",
                "m.conf:4: world.mounts.wide.automounts: found -2, expected 0 or more automount points",
                "m.conf:4: world.mounts.wide.binds: found -1, expected 0 or more bind mounts",
                "m.conf:4: world.mounts.wide.fanout: found 0, expected 1..64 mounts per mount",
                "m.conf:4: world.mounts.wide.spares: found 65, expected 0..64 spare directories per mount",
                "m.conf:5: world.mounts.huge.fanout: found 64 at depth 6 (more than 100000 mounts), expected a fanout "
                        + "and depth giving at most 100000 mounts",
                "m.conf:6: world.mounts.wide.dept: found an unknown key, expected one of depth, fanout, binds, "
                        + "automounts, spares (did you mean depth?)");
    }

    @Test
    void rulesGeneratorsAndFaultsMustNameATreeOfTheRightKind() throws IOException {
        assertThat(mistakes("""
                duration = 5s
                world.groups.keys { count = 2 }
                world.mounts.t { depth = 1 }
                queues.q {}
                watches {
                  a { queues = q, objects = keys, kind = mount }
                  b { queues = q, objects = t, scope = every }
                  c { queues = q, objects = tt, kind = superblock }
                  d { queues = q, objects = t, kind = subtree }
                }
                workload {
                  keyops { objects = t, mix { update = 1, mount = 1 }, injection { profile = constant, rate = 1/s } }
                  mountops { objects = keys, mix { mount = 1 }, injection { profile = constant, rate = 1/s } }
                }
                faults {
                  x { at = 1s, action = detach-mounts, mounts = keys, share = 1 }
                  y { at = 1s, action = expire-automounts, mounts = t, share = 1 }
                }
                """)).containsExactly(
                "m.conf:6: watches.a.objects: found \"keys\", expected a mount tree of world.mounts (kind mount): t",
                "m.conf:7: watches.b.objects: found \"t\", expected an object group of world.groups: keys",
                "m.conf:7: watches.b.scope: found scope with kind key, expected scope only with kind mount or superblock",
                "m.conf:8: watches.c.objects: found \"tt\", expected a mount tree of world.mounts (kind superblock): t "
                        + "(did you mean t?)",
                "m.conf:9: watches.d.kind: found \"subtree\", expected key, mount, superblock",
                // read as a key rule once its kind is refused, so its objects are checked as an object group
                "m.conf:9: watches.d.objects: found \"t\", expected an object group of world.groups: keys",
                "m.conf:12: workload.keyops.mix.update: found the key operation update on mount tree t, expected mount "
                        + "operations only: mount, bind, automount, umount, umount-lazy, move, remount, reconfigure, "
                        + "expire, sb-error, sb-edquot, sb-network",
                "m.conf:13: workload.mountops.objects: found \"keys\", expected a mount tree of world.mounts (the mix "
                        + "has mount operations): t",
                "m.conf:16: faults.x.mounts: found \"keys\", expected a mount tree of world.mounts: t",
                "m.conf:17: faults.y.mounts: found \"t\", a tree without automount points, expected a mount tree with "
                        + "automounts = 1 or more");
    }

    @Test
    void aReaderRecoversOnlyThroughMountinfo() throws IOException {
        assertThat(mistakes("""
                duration = 5s
                queues.q { reader { recovery = rescan } }
                """)).containsExactly("m.conf:2: queues.q.reader.recovery: found \"rescan\", expected none, mountinfo");
    }

    @Test
    void aTreeAndAnObjectGroupCannotShareAName() throws IOException {
        assertThat(mistakes("""
                duration = 5s
                world.groups.t { count = 1 }
                world.mounts.t { depth = 0 }
                """)).containsExactly("m.conf:3: world.mounts.t: found a second object group or mount tree named t, expected each "
                + "name once");
    }
}
