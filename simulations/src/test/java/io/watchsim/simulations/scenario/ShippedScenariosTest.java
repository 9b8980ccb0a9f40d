package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.watchsim.simulations.scenario.KeyOperation.ADD;
import static io.watchsim.simulations.scenario.KeyOperation.INVALIDATE;
import static io.watchsim.simulations.scenario.KeyOperation.LINK;
import static io.watchsim.simulations.scenario.KeyOperation.REVOKE;
import static io.watchsim.simulations.scenario.KeyOperation.SETPERM;
import static io.watchsim.simulations.scenario.KeyOperation.TIMEOUT;
import static io.watchsim.simulations.scenario.KeyOperation.UNLINK;
import static io.watchsim.simulations.scenario.KeyOperation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario shipped in scenarios/ is written here a second time with the Java builder, and
 * the two forms must be equal: the builder and the HOCON loader are two front doors to one model.
 * Tests run with the module folder as the working directory; the project root is its parent.
 */
class ShippedScenariosTest {
    private static final Path SCENARIOS = Path.of("").toAbsolutePath().getParent().resolve("scenarios");
    private static final Path POLICIES = SCENARIOS.resolve("policies");
    private static final Reader CONTINUOUS = Reader.continuous(4096);

    /** Each shipped scenario file and its Java form. */
    private static final Map<String, Scenario> IN_JAVA = Map.of(
            "quickstart.conf", quickstart(),
            "fanout.conf", fanout(),
            "key-churn.conf", keyChurn(),
            "policy.conf", policy(),
            "faults.conf", faults(),
            "scale.conf", scale(),
            "mount-storm.conf", mountStorm());

    static Scenario quickstart() {
        return Scenario.builder("quickstart").seed(1).duration("10s")
                .group(ObjectGroup.keyrings("ring", 1))
                .group(ObjectGroup.keys("keys", 100).withPayload(32).withLinkedInto("ring"))
                .queues(QueueGroup.of("watchers", 10).withSize(256).withReader(CONTINUOUS))
                .watch(WatchRule.of("every-key", "watchers", "keys").withTag(1))
                .generator(Generator.of("churn", "keys", Injection.constant("1k/s"))
                        .with(UPDATE, 8).with(SETPERM, 1).with(LINK, 1))
                .assertion("invariants.all")
                .assertion("loss.rate < 0.01")
                .assertion("operations.error-rate < 0.01")
                .output(Output.DEFAULT.withHistory(true))
                .build();
    }

    static Scenario fanout() {
        return Scenario.builder("fanout").seed(7).duration("30s")
                .group(ObjectGroup.hot("hot").withPayload(16))
                .queues(QueueGroup.of("fans", 100_000).withSize(32).withReader(CONTINUOUS))
                .watch(WatchRule.of("fan-in", "fans", "hot").withTags(new TagRange(1, 255)))
                .generator(Generator.of("updates", "hot", Injection.stairs("2/s", "2/s", 4, "7s"))
                        .with(UPDATE, 1).withMaxInFlight(4).withMaxBacklog(400_000))
                .assertion("invariants.all")
                .assertion("loss.rate < 0.01")
                .assertion("throughput.deliveries > 150k/s")
                .assertion("latency.p99 < 5s")
                .build();
    }

    static Scenario keyChurn() {
        return Scenario.builder("key-churn").seed(42).duration("20s").gcDelay("1s")
                .group(ObjectGroup.keyrings("rings", 10))
                .group(ObjectGroup.keys("keys", 1000).withPayload(64).withLinkedInto("rings").withPerm(0x3f3f0000))
                .queues(QueueGroup.of("ring-watchers", 2).withSize(512).withReader(CONTINUOUS))
                .queues(QueueGroup.of("key-watchers", 8).withSize(256).withReader(CONTINUOUS))
                .watch(WatchRule.of("rings", "ring-watchers", "rings").withTag(1))
                .watch(WatchRule.of("keys", "key-watchers", "keys").withCoverage(Coverage.spread(2))
                        .withTags(new TagRange(2, 9)))
                .generator(Generator.of("churn", "keys", Injection.poisson("500/s")).withKeyrings("rings")
                        .with(ADD, 4).with(UPDATE, 3).with(UNLINK, 1).with(REVOKE, 1).with(INVALIDATE, 1).with(TIMEOUT, 1)
                        .withKeyTimeout(Duration.ofSeconds(2)))
                .generator(Generator.of("updaters", "keys", Injection.closed(8, "1ms")).with(UPDATE, 1))
                .assertion("invariants.all")
                .assertion("records.removals > 0")
                .assertion("loss.rate < 0.01")
                .output(Output.DEFAULT.withHistory(true))
                .build();
    }

    static Scenario policy() {
        Credentials keysOwner = new Credentials(0, 0, Set.of(), Credentials.ALL_CAPABILITIES,
                "system_u:object_r:lab_key_t:s0");
        Credentials watcher = new Credentials(0, 0, Set.of(), 0, "staff_u:staff_r:lab_t:s0");
        return Scenario.builder("policy").seed(3).duration("15s")
                .policy(Policy.of(List.of(Policy.Engine.SMACK, Policy.Engine.SELINUX), POLICIES.resolve("notify.smack"),
                        POLICIES.resolve("notify.te")))
                .group(ObjectGroup.keys("lab-keys", 200).withPerm(0x3f3f0000).withOwner(keysOwner))
                .queues(QueueGroup.of("lab", 20).withSize(256).withReader(CONTINUOUS))
                .watch(WatchRule.of("lab-watch", "lab", "lab-keys").withTag(1).withSetter(watcher))
                .generator(Generator.of("admin", "lab-keys", Injection.constant("300/s")).with(UPDATE, 3).with(SETPERM, 1)
                        .withCredentials(Credentials.root().withLabel("staff_u:staff_r:admin_t:s0")))
                .generator(Generator.of("auditor", "lab-keys", Injection.constant("100/s")).with(SETPERM, 1)
                        .withCredentials(Credentials.root().withLabel("staff_u:staff_r:auditor_t:s0")))
                .generator(Generator.of("guest", "lab-keys", Injection.constant("100/s")).with(UPDATE, 1)
                        .withCredentials(Credentials.root().withLabel("user_u:user_r:guest_t:s0")))
                .assertion("invariants.all")
                .assertion("invariants.security")
                .assertion("records.denied > 0")
                .assertion("denied.rate > 0.2 && denied.rate < 0.6")
                .output(Output.DEFAULT.withHistory(true))
                .build();
    }

    static Scenario faults() {
        return Scenario.builder("faults").seed(11).duration("30s").gcDelay("1s")
                .group(ObjectGroup.keyrings("rings", 4))
                .group(ObjectGroup.keys("keys", 500).withLinkedInto("rings"))
                .group(ObjectGroup.keys("spares", 100).withLinkedInto("rings"))
                .queues(QueueGroup.of("main", 20).withSize(128).withReader(CONTINUOUS))
                .queues(QueueGroup.of("slow", 5).withSize(64)
                        .withReader(CONTINUOUS.withPace("50/s").withStall(Stall.of("20s", "1s"))))
                .queues(QueueGroup.of("filtered", 5).withSize(128)
                        .withFilter(QueueFilter.of(FilterEntry.of(1, 1, 5))).withReader(CONTINUOUS))
                .watch(WatchRule.of("main-keys", "main", "keys").withTag(1))
                .watch(WatchRule.of("main-spares", "main", "spares").withTag(2))
                .watch(WatchRule.of("slow-keys", "slow", "keys").withCoverage(Coverage.spread(1)).withTag(3))
                .watch(WatchRule.of("filtered-keys", "filtered", "keys").withCoverage(Coverage.spread(2)).withTag(4))
                .generator(Generator.of("churn", "keys", Injection.poisson("400/s")).withKeyrings("rings")
                        .with(UPDATE, 6).with(SETPERM, 1).with(LINK, 1).with(UNLINK, 1).with(REVOKE, 0.5))
                .generator(Generator.of("spare-spike", "spares", Injection.spike("50/s", "2k/s", "9s", "2s"))
                        .with(UPDATE, 1))
                .fault(Fault.at("destroy-spares", "5s", new FaultAction.DestroyObjects("spares", 0.2)))
                .fault(Fault.every("crash-keys", "4s", 0.5, new FaultAction.CrashObjects("keys", 0.01)))
                .fault(Fault.at("crash-watches", "8s", new FaultAction.CrashWatches("main", 0.1)))
                .fault(Fault.at("close-main", "10s", new FaultAction.CloseQueues("main", 0.1)))
                .fault(Fault.at("stall-main", "6s", new FaultAction.StallReaders("main", 0.5, Duration.ofSeconds(2))))
                .fault(Fault.at("slow-main", "12s", new FaultAction.SlowReaders("main", 0.25, Rate.parse("20/s"),
                        Duration.ofSeconds(3))))
                .fault(Fault.at("shrink-filtered", "14s", new FaultAction.ShrinkBuffer("filtered", 0.4, 24)))
                .fault(Fault.every("flood-slow", "5s", 1, new FaultAction.FloodQueue("slow", 1000)))
                .fault(Fault.at("swap-to-smack", "16s", new FaultAction.SwapPolicy(
                        Policy.of(List.of(Policy.Engine.SMACK), POLICIES.resolve("lab.smack")))))
                .fault(Fault.at("reload", "22s", new FaultAction.ReloadPolicy()))
                .assertion("invariants.all")
                .assertion("faults.fired >= 10")
                .assertion("records.loss-marks > 0")
                .assertion("invariants.liveness")
                .output(Output.DEFAULT.withHistory(true))
                .build();
    }

    static Scenario scale() {
        return Scenario.builder("scale").seed(1_000_000).duration("60s")
                .group(ObjectGroup.keys("keys", 1_000_000).withPayload(8).withShape(Shape.tree(3)))
                .queues(QueueGroup.of("watchers", 100_000).withSize(32).withReader(CONTINUOUS))
                .watch(WatchRule.of("one-each", "watchers", "keys").withCoverage(Coverage.spread(1)).withTag(1))
                .generator(Generator.of("updates", "keys", Injection.ramp("5k/s", "25k/s", "20s")).with(UPDATE, 1)
                        .withMaxInFlight(4096))
                .assertion("invariants.all")
                .assertion("operations.achieved > 0.5")
                .assertion("loss.rate < 0.05")
                .build();
    }

    static Scenario mountStorm() {
        return Scenario.builder("mount-storm").seed(12).duration("15s")
                .mountTree(MountTree.of("storm", 2, 4).withSpares(3).withBinds(2).withAutomounts(8))
                .queues(QueueGroup.of("subtree", 4).withSize(32)
                        .withReader(Reader.continuous(256).withPace("40/s").withMountinfoRecovery()))
                .queues(QueueGroup.of("nested", 2).withSize(512).withReader(CONTINUOUS))
                .queues(QueueGroup.of("superblocks", 2).withSize(256).withReader(CONTINUOUS))
                .watch(WatchRule.mounts("whole-tree", "subtree", "storm").withTag(1))
                .watch(WatchRule.mounts("every-mount", "nested", "storm").withScope(WatchScope.EVERY).withTag(2))
                .watch(WatchRule.of("every-superblock", "superblocks", "storm").withKind(WatchKind.SUPERBLOCK)
                        .withScope(WatchScope.EVERY).withTag(3))
                .generator(Generator.of("storm", "storm", Injection.poisson("400/s"))
                        .with(MountOperation.MOUNT, 4).with(MountOperation.BIND, 2).with(MountOperation.AUTOMOUNT, 2)
                        .with(MountOperation.UMOUNT, 4).with(MountOperation.UMOUNT_LAZY, 1)
                        .with(MountOperation.MOVE, 2).with(MountOperation.REMOUNT, 2)
                        .with(MountOperation.RECONFIGURE, 1).with(MountOperation.EXPIRE, 1)
                        .with(MountOperation.SB_ERROR, 1).with(MountOperation.SB_EDQUOT, 1)
                        .with(MountOperation.SB_NETWORK, 1))
                .fault(Fault.every("expiry-storm", "3s", 1, new FaultAction.ExpireAutomounts("storm", 1)))
                .fault(Fault.at("detach-busy", "6s", new FaultAction.DetachMounts("storm", 0.25)))
                .fault(Fault.at("crash-mounts", "8s", new FaultAction.CrashObjects("storm", 0.1)))
                .fault(Fault.at("close-nested", "10s", new FaultAction.CloseQueues("nested", 0.5)))
                .assertion("invariants.all")
                .assertion("records.loss-marks > 0")
                .assertion("mounts.walks > 0")
                .assertion("mounts.changes > 0")
                .assertion("mounts.missed == 0")
                .output(Output.DEFAULT.withHistory(true))
                .build();
    }

    static Stream<String> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void theHoconFileAndItsJavaFormAreTheSameScenario(String file) {
        assertThat(IN_JAVA).as("a Java form of %s in this test", file).containsKey(file);
        assertThat(ScenarioLoader.load(SCENARIOS.resolve(file))).isEqualTo(IN_JAVA.get(file));
    }

    @Test
    void everyScenarioTheIssueAsksForIsShipped() throws IOException {
        assertThat(shippedFiles()).containsExactlyInAnyOrder(IN_JAVA.keySet().toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedFiles")
    void eachShippedScenarioSaysWhatItShowsInAHeaderComment(String file) throws IOException {
        String text = Files.readString(SCENARIOS.resolve(file));
        assertThat(text).startsWith("# " + file.replace(".conf", "") + ": ");
    }

    @Test
    void theScaleAndFanoutScenariosHaveTheSizesTheIssueNames() {
        Scenario scale = IN_JAVA.get("scale.conf");
        assertThat(scale.world().group("keys").orElseThrow().count()).isEqualTo(1_000_000);
        assertThat(scale.watchCount()).isEqualTo(1_000_000);
        assertThat(scale.queueCount()).isEqualTo(100_000);
        // a tree of depth 3 over a million leaves: fanout 100, so 10,000 + 100 + 1 inner keyrings
        assertThat(scale.objectCount()).isEqualTo(1_000_000 + 10_000 + 100 + 1);
        Scenario fanout = IN_JAVA.get("fanout.conf");
        assertThat(fanout.objectCount()).isEqualTo(1);
        assertThat(fanout.queueCount()).isEqualTo(100_000);
        assertThat(fanout.watchCount()).isEqualTo(100_000);
    }

    @Test
    void theFaultScenarioHasEveryFaultKindOfAKeyWorldAndTheMountStormTheRest() {
        List<String> mountKinds = List.of("detach-mounts", "expire-automounts");
        List<String> kinds = IN_JAVA.get("faults.conf").faults().faults().stream().map(f -> f.action().kind()).toList();
        assertThat(kinds).containsAll(ScenarioSchema.actions().stream().filter(k -> !mountKinds.contains(k)).toList());
        List<String> storm = IN_JAVA.get("mount-storm.conf").faults().faults().stream().map(f -> f.action().kind())
                .toList();
        assertThat(storm).containsAll(mountKinds).contains("crash-objects", "close-queues");
    }

    @Test
    void theMountStormHasTheSizesItsHeaderNames() {
        Scenario storm = IN_JAVA.get("mount-storm.conf");
        MountTree tree = storm.world().mountTree("storm").orElseThrow();
        assertThat(tree.treeMounts()).isEqualTo(1 + 4 + 16);
        assertThat(tree.leaves()).isEqualTo(16);
        // 21 tree mounts and 8 automounts, each with its superblock, and 2 bind mounts
        assertThat(storm.objectCount()).isEqualTo(2 * (21 + 8) + 2);
        // 4 subtree watches on the top, 2 x 21 nested mount watches, 2 x 21 superblock watches
        assertThat(storm.watchCount()).isEqualTo(4 + 2 * 21 + 2 * 21);
        assertThat(storm.workload().generators().get(0).mountMix()).hasSize(MountOperation.values().length);
    }
}
