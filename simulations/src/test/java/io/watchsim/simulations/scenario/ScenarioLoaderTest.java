package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;
import io.watchsim.sources.keys.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * HOCON scenario files: defaults, includes, overrides, and one test per class of mistake, each
 * reported as {@code FILE:LINE: KEY: found X, expected Y}, all of them at once.
 */
class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** The mistakes of a file {@code s.conf} holding {@code text}, with the folder left out of the file names. */
    private List<String> mistakes(String text) throws IOException {
        return mistakes(write("s.conf", text));
    }

    private List<String> mistakes(Path file) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));
        assertThat(e).as("a scenario with mistakes").isNotNull();
        return e.problems().stream().map(p -> p.toString().replace(dir + "/", "")).toList();
    }

    private static final String WORLD = """
            duration = 10s
            world.groups {
              ring { type = keyring }
              keys { count = 10, linked-into = ring }
            }
            queues.q { count = 2 }
            """;

    @Test
    void aFileWithOnlyADurationLoadsWithEveryDefault() throws IOException {
        Scenario s = ScenarioLoader.load(write("minimal.conf", "duration = 5s\n"));
        assertThat(s).isEqualTo(Scenario.builder("minimal").duration("5s").build());
        assertThat(s.seed()).isEqualTo(Scenario.DEFAULT_SEED);
        assertThat(s.policy()).isEqualTo(Policy.PERMISSIVE);
        assertThat(s.world().gcDelay()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.output()).isEqualTo(Output.DEFAULT);
    }

    @Test
    void groupsRulesAndGeneratorsTakeTheirDefaults() throws IOException {
        Scenario s = ScenarioLoader.load(write("d.conf", WORLD + """
                watches.w { queues = q, objects = keys }
                workload.g { objects = keys, mix { update = 1 }, injection { profile = constant, rate = 10/s } }
                """));
        ObjectGroup keys = s.world().group("keys").orElseThrow();
        assertThat(keys).isEqualTo(ObjectGroup.keys("keys", 10).withLinkedInto("ring"));
        assertThat(keys.type()).isEqualTo(KeyType.USER);
        assertThat(keys.payload()).isEqualTo(ObjectGroup.DEFAULT_PAYLOAD);
        assertThat(s.world().group("ring").orElseThrow().payload()).isZero();
        assertThat(s.queues()).containsExactly(QueueGroup.of("q", 2));
        assertThat(s.watches()).containsExactly(WatchRule.of("w", "q", "keys"));
        assertThat(s.workload().generators()).containsExactly(
                Generator.of("g", "keys", Injection.constant("10/s")).with(KeyOperation.UPDATE, 1));
        assertThat(s.watchCount()).isEqualTo(20);
    }

    @Test
    void aSyntaxErrorIsOneMistakeWithItsLine() throws IOException {
        assertThat(mistakes("duration = 10s\nworld {\n  groups = ]\n")).singleElement().asString()
                .startsWith("s.conf:3: found a syntax error (").endsWith("expected HOCON (docs/SCENARIOS.md)");
    }

    @Test
    void anUnknownKeyIsReportedWithANearMiss() throws IOException {
        assertThat(mistakes(WORLD + "queues.q.sise = 64\n")).containsExactly(
                "s.conf:7: queues.q.sise: found an unknown key, expected one of count, size, filter, reader "
                        + "(did you mean size?)");
    }

    @Test
    void anUnknownKeyFarFromEveryKnownOneGetsNoSuggestion() throws IOException {
        assertThat(mistakes("duration = 10s\ncolour = blue\n")).containsExactly(
                "s.conf:2: colour: found an unknown key, expected one of name, seed, duration, world, queues, watches, "
                        + "policy, workload, faults, assertions, output, defs");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatItFoundAndWhatIsAllowed() throws IOException {
        assertThat(mistakes("""
                duration = 10
                world.groups.k { count = many, type = [user] }
                output.history = sometimes
                """)).containsExactly(
                "s.conf:1: duration: found 10, expected " + Units.DURATION_FORM,
                "s.conf:2: world.groups.k.count: found \"many\", expected " + Units.COUNT_FORM,
                "s.conf:2: world.groups.k.type: found a list, expected user, logon, keyring",
                "s.conf:3: output.history: found \"sometimes\", expected true or false");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtItsObject() throws IOException {
        assertThat(mistakes(WORLD + "watches.w {\n  queues = q\n}\n")).containsExactly(
                "s.conf:7: watches.w.objects: found nothing, expected an object group of world.groups (kind key); a mount "
                        + "tree of world.mounts (kind mount, superblock)");
        assertThat(mistakes("world.groups.k { count = 1 }\n")).containsExactly(
                "s.conf: duration: found nothing, expected a duration above 0");
    }

    @Test
    void aReferenceToAGroupThatDoesNotExistNamesTheGroupsThatDo() throws IOException {
        assertThat(mistakes(WORLD + """
                watches.w { queues = qq, objects = kyes }
                workload.g {
                  objects = keys
                  keyrings = keys
                  mix { link = 1 }
                  injection { profile = constant, rate = 1/s }
                }
                """)).containsExactly(
                "s.conf:7: watches.w.objects: found \"kyes\", expected an object group of world.groups: keys, ring "
                        + "(did you mean keys?)",
                "s.conf:7: watches.w.queues: found \"qq\", expected a queue group of queues: q (did you mean q?)",
                "s.conf:10: workload.g.keyrings: found \"keys\", a group of user keys, expected a keyring group: ring");
    }

    @Test
    void negativeAndZeroCountsAreRefused() throws IOException {
        assertThat(mistakes("""
                duration = 10s
                world.groups.k { count = -5 }
                queues.q { count = 0 }
                """)).containsExactly(
                "s.conf:2: world.groups.k.count: found -5, expected 1 or more objects",
                "s.conf:3: queues.q.count: found 0, expected 1 or more queues");
    }

    @Test
    void aQueueSizeOutsideWhatSetSizeAcceptsIsRefused() throws IOException {
        assertThat(mistakes("duration = 10s\nqueues.a.size = 0\nqueues.b.size = 513\nqueues.c.size = 512\n"))
                .containsExactly(
                        "s.conf:2: queues.a.size: found 0, expected 1..512 notes (IOC_WATCH_QUEUE_SET_SIZE)",
                        "s.conf:3: queues.b.size: found 513, expected 1..512 notes (IOC_WATCH_QUEUE_SET_SIZE)");
    }

    @Test
    void tagsOutside0To255AreRefused() throws IOException {
        assertThat(mistakes(WORLD + """
                watches.a { queues = q, objects = keys, tag = 256 }
                watches.b { queues = q, objects = keys, tag = "9..3" }
                watches.c { queues = q, objects = keys, tag = "x" }
                watches.d { queues = q, objects = keys, tag = "0..255" }
                """)).containsExactly(
                "s.conf:7: watches.a.tag: found 256, expected a tag 0..255 or a range FIRST..LAST within it",
                "s.conf:8: watches.b.tag: found 9..3, expected a tag 0..255 or a range FIRST..LAST within it",
                "s.conf:9: watches.c.tag: found \"x\", expected a tag 0..255 or a range FIRST..LAST (1..8)");
    }

    @Test
    void sharesAndProbabilitiesOutside0To1AreRefused() throws IOException {
        assertThat(mistakes(WORLD + """
                faults.a { at = 1s, action = destroy-objects, objects = keys, share = 1.5 }
                faults.b { at = 1s, action = close-queues, queues = q, share = "150%" }
                faults.c { every = 1s, probability = -0.1, action = reload-policy }
                faults.d { at = 1s, action = crash-objects, objects = keys, share = 25% }
                """)).containsExactly(
                "s.conf:7: faults.a.share: found 1.5, expected " + Units.SHARE_FORM,
                "s.conf:8: faults.b.share: found 1.5, expected " + Units.SHARE_FORM,
                "s.conf:9: faults.c.probability: found -0.1, expected a probability 0..1");
    }

    @Test
    void anUnknownEngineIsRefusedWithANearMiss() throws IOException {
        assertThat(mistakes("duration = 10s\npolicy.engine = smak\n")).containsExactly(
                "s.conf:2: policy.engine: found \"smak\", expected permissive, smack, selinux, or a list "
                        + "[smack, selinux] (did you mean smack?)");
        assertThat(mistakes("duration = 10s\npolicy.engine = [permissive, smack]\npolicy.rules = [\"p.smack\"]\n"))
                .contains("s.conf:2: policy.engine: found permissive+smack, expected permissive alone, or smack "
                        + "and/or selinux");
    }

    @Test
    void ruleFilesMustExistMatchTheirEngineAndLoad() throws IOException {
        write("policies/good.smack", "Lab Lab-keys r\n");
        write("policies/bad.te", "type a_t;\nallow a_t b_t:key { view };\n");
        Path file = write("s.conf", """
                duration = 10s
                policy {
                  engine = smack
                  rules = ["policies/missing.smack",
                    "policies/bad.te",
                    "policies/good.smack"]
                }
                """);
        List<String> m = mistakes(file);
        assertThat(m).hasSize(3);
        assertThat(m.get(0)).isEqualTo("s.conf:4: policy.rules[0]: found policies/missing.smack, which does not exist, expected an existing rule file (paths are relative to the file that names them)");
        assertThat(m.get(1)).isEqualTo("s.conf:5: policy.rules[1]: found policies/bad.te, a selinux file, expected files of the engines named (smack); add selinux to engine");
        assertThat(m.get(2)).startsWith("s.conf:5: policy.rules[1]: found a mistake: policies/bad.te:2:").contains("b_t").endsWith("expected a rule file that loads (check it with watchsim policy)");
        assertThat(mistakes("duration = 10s\npolicy.engine = selinux\n")).containsExactly(
                "s.conf:2: policy.rules: found no .te file, expected a rule file for engine selinux");
    }

    @Test
    void anIncludedPartIsReadRelativeToTheIncludingFileAndItsPathsRelativeToItself() throws IOException {
        write("policies/lab.smack", "Lab Lab-keys r\n");
        write("common/part.conf", """
                defs.watcher { uid = 1000, gid = 1000, label = Lab, capabilities = none }
                queues.shared { count = 3, size = 64 }
                policy { engine = smack, rules = ["../policies/lab.smack"] }
                """);
        Path file = write("main.conf", """
                include "common/part.conf"
                duration = 10s
                world.groups.keys { count = 5 }
                watches.w { queues = shared, objects = keys, setter = ${defs.watcher} }
                """);
        Scenario s = ScenarioLoader.load(file);
        assertThat(s.queues()).containsExactly(QueueGroup.of("shared", 3).withSize(64));
        assertThat(s.watches().get(0).setter()).isEqualTo(new Credentials(1000, 1000, java.util.Set.of(), 0, "Lab"));
        assertThat(s.policy()).isEqualTo(Policy.of(List.of(Policy.Engine.SMACK), dir.resolve("policies/lab.smack")));
    }

    @Test
    void aMistakeInAnIncludedPartIsReportedAtThePartsFileAndLine() throws IOException {
        write("common/part.conf", "# shared queues\nqueues.shared { count = 3, size = 600 }\n");
        Path file = write("main.conf", "include \"common/part.conf\"\nduration = 10s\n");
        assertThat(mistakes(file)).containsExactly(
                "common/part.conf:2: queues.shared.size: found 600, expected 1..512 notes (IOC_WATCH_QUEUE_SET_SIZE)");
    }

    @Test
    void aMissingIncludeIsAMistakeAtItsLine() throws IOException {
        assertThat(mistakes("duration = 10s\ninclude \"common/gone.conf\"\n")).containsExactly(
                "s.conf:2: include: found \"common/gone.conf\", which does not exist (common/gone.conf), "
                        + "expected a file relative to the including file's folder");
    }

    @Test
    void aSubstitutionThatCannotBeResolvedIsAMistake() throws IOException {
        assertThat(mistakes("duration = 10s\nqueues.q.reader = ${defs.nothing}\n")).singleElement().asString()
                .startsWith("s.conf:2: found a substitution that cannot be resolved (")
                .contains("defs.nothing");
    }

    @Test
    void severalMistakesInOneFileAreAllReportedInLineOrder() throws IOException {
        List<String> m = mistakes("""
                duraton = 10s
                world.groups.k { count = -1, payload = 40000 }
                queues.q { size = 1000 }
                watches.w { queues = q, objects = nope, tag = 300 }
                policy.engine = smak
                assertions = ["loss.rate < 1%", "latency.p99 < 50"]
                """);
        assertThat(m).containsExactly(
                "s.conf: duration: found nothing, expected a duration above 0",
                "s.conf:1: duraton: found an unknown key, expected one of name, seed, duration, world, queues, watches, "
                        + "policy, workload, faults, assertions, output, defs (did you mean duration?)",
                "s.conf:2: world.groups.k.count: found -1, expected 1 or more objects",
                "s.conf:2: world.groups.k.payload: found 40000, expected 1..32767 bytes for user keys",
                "s.conf:3: queues.q.size: found 1000, expected 1..512 notes (IOC_WATCH_QUEUE_SET_SIZE)",
                "s.conf:4: watches.w.objects: found \"nope\", expected an object group of world.groups: k",
                "s.conf:4: watches.w.tag: found 300, expected a tag 0..255 or a range FIRST..LAST within it",
                "s.conf:5: policy.engine: found \"smak\", expected permissive, smack, selinux, or a list [smack, selinux] "
                        + "(did you mean smack?)",
                "s.conf:6: assertions[1]: found '50' for latency.p99 in \"latency.p99 < 50\", expected a duration (50ms, 2s)");
    }

    @Test
    void timesOutsideTheRunAreRefused() throws IOException {
        assertThat(mistakes(WORLD + """
                faults.late { at = 10s, action = reload-policy }
                faults.slow { every = 11s, action = reload-policy }
                queues.q.reader.stalls = [ { at = 12s, for = 0s } ]
                workload.g {
                  objects = keys
                  mix { update = 1 }
                  injection { profile = spike, base = 1/s, peak = 10/s, at = 20s, for = 1s }
                }
                """)).containsExactly(
                "s.conf:7: faults.late.at: found 10s, expected a time from 0 to before the end of the run (10s)",
                "s.conf:8: faults.slow.every: found 11s, expected a period above 0 and at most the duration 10s",
                "s.conf:9: queues.q.reader.stalls[0].at: found 12s, expected a time from 0 to before the end of the run (10s)",
                "s.conf:9: queues.q.reader.stalls[0].for: found 0s, expected a duration above 0",
                "s.conf:13: workload.g.injection.at: found 20s, expected a time from 0 to before the end of the run (10s)");
    }

    @Test
    void shapesFollowTheirRules() throws IOException {
        assertThat(mistakes("""
                duration = 10s
                world.groups {
                  hot { shape = hot, count = 2 }
                  tree { shape = tree }
                  deep { shape = tree, depth = 7 }
                  flat { depth = 2 }
                }
                """)).containsExactly(
                "s.conf:3: world.groups.hot.count: found 2 with shape hot, expected 1 (a hot group is one object; "
                        + "watch it from many queues instead)",
                "s.conf:4: world.groups.tree.depth: found nothing, expected 1..6 with shape tree",
                "s.conf:5: world.groups.deep.depth: found 7, expected 1..6 (keyrings nest at most 6 deep)",
                "s.conf:6: world.groups.flat.depth: found depth with shape flat, expected depth only with shape tree");
    }

    @Test
    void groupsLinkedInACycleAreRefusedOnce() throws IOException {
        assertThat(mistakes("""
                duration = 10s
                world.groups {
                  a { type = keyring, linked-into = b }
                  b { type = keyring, linked-into = a }
                  c { type = keyring, linked-into = c }
                  d { linked-into = k }
                  k { count = 1 }
                }
                """)).containsExactly(
                "s.conf:3: world.groups.a.linked-into: found a -> b -> a, expected groups linked without a cycle "
                        + "(the kernel refuses a cycle with EDEADLK)",
                "s.conf:5: world.groups.c.linked-into: found \"c\", expected another keyring group (a group cannot be "
                        + "linked into itself)",
                "s.conf:6: world.groups.d.linked-into: found \"k\", a group of user keys, expected a keyring group: "
                        + "a, b, c");
    }

    @Test
    void aFilterFollowsTheKernelsChecks() throws IOException {
        assertThat(mistakes("""
                duration = 10s
                queues.q.filter = [
                  { type = key, subtypes = [updatd, 32], info-filter = "0x300", info-mask = "0xff7f" }
                  { type = mnt }
                  { type = 9, info-mask = [0xff00] }
                ]
                """)).containsExactly(
                "s.conf:3: queues.q.filter[0].info-mask: found 0xff7f, expected a mask without the length bits 0x7f "
                        + "(the kernel refuses it with EINVAL)",
                "s.conf:3: queues.q.filter[0].subtypes[0]: found \"updatd\", expected all, or a list of subtypes 0..31 or "
                        + "names: instantiated, updated, linked, unlinked, cleared, revoked, invalidated, setattr (did you "
                        + "mean updated?)",
                "s.conf:3: queues.q.filter[0].subtypes[1]: found 32, expected 0..31 (the kernel keeps only the first "
                        + "word of the subtype bitmap)",
                "s.conf:4: queues.q.filter[1].type: found \"mnt\", expected meta, key, mount, superblock",
                "s.conf:5: queues.q.filter[2].info-mask: found a list, expected a 32-bit word 0..0xffffffff "
                        + "(a number or a hex string \"0x3f3f0000\")",
                "s.conf:5: queues.q.filter[2].type: found 9, expected meta, key, mount or superblock (0..3)");
    }

    @Test
    void aFilterReadsIntoTheKernelsEntry() throws IOException {
        Scenario s = ScenarioLoader.load(write("f.conf", """
                duration = 10s
                queues.q.filter = [ { type = key, subtypes = [updated, 5], info-filter = "0x300", info-mask = "0xff00" } ]
                """));
        FilterEntry e = s.queues().get(0).filter().orElseThrow().entries().get(0);
        assertThat(e).isEqualTo(FilterEntry.of(1, 1, 5).withTag(3));
        assertThat(e.toTypeFilter().subtypeFilter()[0]).isEqualTo(0b100010);
    }

    @Test
    void aFaultHasExactlyOneTriggerAndAKnownAction() throws IOException {
        assertThat(mistakes(WORLD + """
                faults.both { at = 1s, every = 2s, action = reload-policy }
                faults.none { action = reload-policy }
                faults.odd { at = 1s, probability = 0.5, action = reload-policy }
                faults.nuke { at = 1s, action = nuke, share = 1 }
                faults.keys { at = 1s, action = stall-readers, queues = q, share = 1, for = 1s, objects = keys }
                """)).containsExactly(
                "s.conf:7: faults.both.every: found both at and every, expected one of at (once) and every (periodic)",
                "s.conf:8: faults.none.at: found nothing, expected at (a time) or every (a period)",
                "s.conf:9: faults.odd.probability: found probability with at, expected probability only with every",
                "s.conf:10: faults.nuke.action: found \"nuke\", expected destroy-objects, crash-objects, crash-watches, "
                        + "close-queues, stall-readers, slow-readers, shrink-buffer, swap-policy, reload-policy, flood-queue, "
                        + "detach-mounts, expire-automounts",
                "s.conf:11: faults.keys.objects: found an unknown key, expected one of at, every, probability, action, "
                        + "queues, share, for");
    }

    /** Below 16 bytes no key or removal record fits: every read() would fail with ENOBUFS and the reader stop. */
    @Test
    void aShrunkBufferMustStillHoldARecord() throws IOException {
        assertThat(mistakes(WORLD + """
                faults.tiny { at = 1s, action = shrink-buffer, queues = q, share = 1, buffer = 15 }
                faults.least { at = 1s, action = shrink-buffer, queues = q, share = 1, buffer = 16 }
                """)).containsExactly(
                "s.conf:7: faults.tiny.buffer: found 15, expected 16..16777216 bytes (a key or removal record is 16 bytes)");
    }

    @Test
    void anInjectionTakesOnlyItsProfilesKeys() throws IOException {
        assertThat(mistakes(WORLD + """
                workload.g {
                  objects = keys
                  mix { update = 1, explode = 1 }
                  injection { profile = ramp, from = 0/s, too = 1k/s, over = 5s }
                }
                workload.h { objects = keys, mix { update = 1 }, injection { profile = sawtooth } }
                """)).containsExactly(
                "s.conf:9: workload.g.mix.explode: found an unknown key, expected one of update, link, unlink, setperm, "
                        + "revoke, invalidate, clear, add, timeout, mount, bind, automount, umount, umount-lazy, move, remount, "
                        + "reconfigure, expire, sb-error, sb-edquot, sb-network",
                "s.conf:10: workload.g.injection.to: found nothing, expected a rate 0 or more, not both 0",
                "s.conf:10: workload.g.injection.too: found an unknown key, expected one of profile, from, to, over "
                        + "(did you mean to?)",
                "s.conf:12: workload.h.injection.profile: found \"sawtooth\", expected constant, ramp, stairs, spike, "
                        + "poisson, closed");
    }

    @Test
    void operationsMustSuitTheirGroups() throws IOException {
        assertThat(mistakes("""
                duration = 10s
                world.groups { ring { type = keyring }, loose { count = 3 } }
                workload.a { objects = ring, mix { update = 1 }, injection { profile = constant, rate = 1/s } }
                workload.b { objects = loose, mix { add = 1, clear = 0 }, injection { profile = constant, rate = 1/s } }
                workload.c { objects = loose, mix { revoke = 0 }, injection { profile = closed, clients = 0 } }
                """)).containsExactly(
                "s.conf:3: workload.a.mix.update: found update of keyring group ring, expected objects of type user or "
                        + "logon (keyrings cannot be updated)",
                "s.conf:4: workload.b.mix.add: found add with no keyring group, expected keyrings = GROUP, or objects "
                        + "linked-into a keyring group",
                "s.conf:5: workload.c.injection.clients: found 0, expected 1 or more clients",
                "s.conf:5: workload.c.mix: found weights adding up to 0, expected at least one operation with a weight "
                        + "above 0");
    }

    @Test
    void credentialsAreChecked() throws IOException {
        assertThat(mistakes(WORLD + """
                watches.w {
                  queues = q
                  objects = keys
                  setter { uid = -1, label = "*", capabilities = [mac_overide, sys_admin] }
                }
                """)).containsExactly(
                "s.conf:10: watches.w.setter.capabilities[0]: found \"mac_overide\", expected a capability name (chown, "
                        + "dac_override, dac_read_search, fowner, ...) (did you mean mac_override?)",
                "s.conf:10: watches.w.setter.label: found \"*\", expected a label a process may take (not * or @)",
                "s.conf:10: watches.w.setter.uid: found -1, expected a uid 0 or more");
    }

    @Test
    void wholeSecondsWhereTheKernelTakesSeconds() throws IOException {
        assertThat(mistakes(WORLD + """
                world.gc-delay = 1500ms
                workload.g { objects = keys, mix { timeout = 1 }, key-timeout = 0.5s,
                  injection { profile = constant, rate = 1/s } }
                """)).containsExactly(
                "s.conf:7: world.gc-delay: found 1500ms, expected whole seconds, 0 or more (gc_delay is in seconds)",
                "s.conf:8: workload.g.key-timeout: found 500ms, expected whole seconds, 1 or more (KEYCTL_SET_TIMEOUT "
                        + "takes seconds)");
    }

    @Test
    void aFileThatIsNotThereIsOneMistake() {
        assertThat(mistakes(dir.resolve("nothing.conf"))).containsExactly(
                "nothing.conf: found no such file, expected a scenario file (HOCON, .conf)");
    }

    @Test
    void aFileThatIsNotTextIsOneMistakeAtItsFirstBadByte() throws IOException {
        Path file = dir.resolve("b.conf");
        Files.write(file, new byte[]{'d', '=', '1', '\n', 'x', (byte) 0xC3, '(', '\n'});
        assertThat(mistakes(file)).containsExactly(
                "b.conf:2: found byte 0xC3 (byte 6 of the file), not UTF-8, expected a UTF-8 text file");
        Files.write(file, new byte[]{'d', 0, '\n'});
        assertThat(mistakes(file)).containsExactly("b.conf:1: found byte 0x00 (byte 2 of the file), a NUL, "
                + "expected a UTF-8 text file");
    }

    @Test
    void overridesAreLaidOverTheFile() throws IOException {
        Path file = write("o.conf", WORLD);
        Scenario s = ScenarioLoader.load(file, Map.of("world.groups.keys.count", 3, "queues.q.size", 32));
        assertThat(s.world().group("keys").orElseThrow().count()).isEqualTo(3);
        assertThat(s.queues().get(0).size()).isEqualTo(32);
        assertThatThrownBy(() -> ScenarioLoader.load(file, Map.of("queues.q.size", 0)))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("queues.q.size: found 0");
    }

    @Test
    void relativeRulePathsInTheScenarioFileAreResolvedAgainstItsFolder() throws IOException {
        write("sub/p.smack", "A B r\n");
        Scenario s = ScenarioLoader.load(write("sub/s.conf",
                "duration = 1s\npolicy { engine = smack, rules = [p.smack] }\n"));
        assertThat(s.policy().rules()).containsExactly(dir.resolve("sub/p.smack"));
    }
}
