package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.Shape;
import io.watchsim.simulations.scenario.World;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyPerm;
import io.watchsim.sources.keys.KeyType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.watchsim.simulations.scenario.KeyOperation.ADD;
import static io.watchsim.simulations.scenario.KeyOperation.CLEAR;
import static io.watchsim.simulations.scenario.KeyOperation.INVALIDATE;
import static io.watchsim.simulations.scenario.KeyOperation.LINK;
import static io.watchsim.simulations.scenario.KeyOperation.REVOKE;
import static io.watchsim.simulations.scenario.KeyOperation.SETPERM;
import static io.watchsim.simulations.scenario.KeyOperation.TIMEOUT;
import static io.watchsim.simulations.scenario.KeyOperation.UNLINK;
import static io.watchsim.simulations.scenario.KeyOperation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The operations a generator draws: the mix's shares, the targets drawn uniformly from the built
 * world, each operation's arguments, and the sequence fixed by the seed alone.
 */
class OperationPickerTest {
    /** Serials of a hand-made world: 4 keyrings, 20 keys, a tree of 9 leaves under 4 inner keyrings. */
    static final List<Integer> RINGS = List.of(1001, 1002, 1003, 1004);
    static final List<Integer> KEYS = range(2000, 20);
    static final List<Integer> LEAVES = range(3000, 9);
    static final List<Integer> INNER = List.of(4000, 4001, 4002, 4003);
    static final BuiltWorld BUILT = new BuiltWorld(
            Map.of("rings", RINGS, "keys", KEYS, "logons", range(5000, 5), "tree", LEAVES, "ring-tree", LEAVES),
            Map.of("tree", INNER, "ring-tree", INNER), Map.of(), List.of());
    static final World WORLD = new World(Duration.ofSeconds(300), List.of(
            ObjectGroup.keyrings("rings", 4),
            ObjectGroup.keys("keys", 20).withPayload(64).withLinkedInto("rings"),
            ObjectGroup.of("logons", KeyType.LOGON, 5).withLinkedInto("rings").withPerm(0x3f3f0000),
            ObjectGroup.keys("tree", 9).withShape(Shape.tree(2)).withLinkedInto("rings"),
            ObjectGroup.keyrings("ring-tree", 9).withShape(Shape.tree(2))));

    static List<Integer> range(int from, int count) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            r.add(from + i);
        }
        return r;
    }

    static Generator generator(String objects) {
        return Generator.of("g", objects, Injection.constant("1k/s"));
    }

    static OperationPicker picker(Generator g, long seed) {
        return new OperationPicker(g, WORLD, BUILT, new SplittableRandom(seed));
    }

    static KeyOperation kind(KeyOp op) {
        if (op instanceof KeyOp.Update) {
            return UPDATE;
        } else if (op instanceof KeyOp.Link) {
            return LINK;
        } else if (op instanceof KeyOp.Unlink) {
            return UNLINK;
        } else if (op instanceof KeyOp.SetPerm) {
            return SETPERM;
        } else if (op instanceof KeyOp.Revoke) {
            return REVOKE;
        } else if (op instanceof KeyOp.Invalidate) {
            return INVALIDATE;
        } else if (op instanceof KeyOp.Clear) {
            return CLEAR;
        } else if (op instanceof KeyOp.Add) {
            return ADD;
        } else if (op instanceof KeyOp.SetTimeout) {
            return TIMEOUT;
        }
        throw new AssertionError("not a workload operation: " + op);
    }

    @Test
    void eachOperationTakesItsWeightsShareOfTheDraws() {
        Generator g = generator("keys").with(UPDATE, 6).with(SETPERM, 1).with(LINK, 1).with(UNLINK, 1)
                .with(REVOKE, 0.5).with(CLEAR, 0.25).with(ADD, 0.25).with(INVALIDATE, 0).with(TIMEOUT, 1);
        OperationPicker p = picker(g, 11);
        int draws = 200_000;
        Map<KeyOperation, Integer> counts = new EnumMap<>(KeyOperation.class);
        for (int i = 0; i < draws; i++) {
            counts.merge(kind(p.next()), 1, Integer::sum);
        }
        double total = 6 + 1 + 1 + 1 + 0.5 + 0.25 + 0.25 + 1;
        Map<KeyOperation, Double> expected = Map.of(UPDATE, 6 / total, SETPERM, 1 / total, LINK, 1 / total,
                UNLINK, 1 / total, REVOKE, 0.5 / total, CLEAR, 0.25 / total, ADD, 0.25 / total, TIMEOUT, 1 / total);
        for (Map.Entry<KeyOperation, Double> e : expected.entrySet()) {
            // standard deviations are at most 0.0011 here
            assertThat(counts.getOrDefault(e.getKey(), 0) / (double) draws).as("share of %s", e.getKey())
                    .isCloseTo(e.getValue(), within(0.005));
        }
        assertThat(counts).as("a weight of 0 is never drawn").doesNotContainKey(INVALIDATE);
    }

    @Test
    void targetsAreDrawnUniformlyFromTheGroupAndItsKeyrings() {
        OperationPicker p = picker(generator("keys").with(LINK, 1), 5);
        Map<Integer, Integer> keys = new HashMap<>();
        Map<Integer, Integer> rings = new HashMap<>();
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            KeyOp.Link l = (KeyOp.Link) p.next();
            keys.merge(l.key(), 1, Integer::sum);
            rings.merge(l.ring(), 1, Integer::sum);
        }
        assertThat(keys.keySet()).as("every key of the group, none else").containsExactlyInAnyOrderElementsOf(KEYS);
        assertThat(rings.keySet()).as("by default the group the keys are linked into")
                .containsExactlyInAnyOrderElementsOf(RINGS);
        keys.values().forEach(n -> assertThat(n).isBetween(draws / 20 * 8 / 10, draws / 20 * 12 / 10));
        rings.values().forEach(n -> assertThat(n).isBetween(draws / 4 * 9 / 10, draws / 4 * 11 / 10));
    }

    @Test
    void aTreeGivesItsLeavesAsObjectsAndAllItsKeyringsAsKeyrings() {
        OperationPicker leaves = picker(generator("tree").with(UNLINK, 1), 5);
        OperationPicker inTree = picker(generator("keys").withKeyrings("ring-tree").with(CLEAR, 1), 5);
        Set<Integer> objects = new HashSet<>();
        Set<Integer> parents = new HashSet<>();
        Set<Integer> cleared = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            KeyOp.Unlink u = (KeyOp.Unlink) leaves.next();
            objects.add(u.key());
            parents.add(u.ring());
            cleared.add(((KeyOp.Clear) inTree.next()).ring());
        }
        assertThat(objects).containsExactlyInAnyOrderElementsOf(LEAVES);
        assertThat(parents).as("the tree's group is linked into rings").containsExactlyInAnyOrderElementsOf(RINGS);
        Set<Integer> allRings = new HashSet<>(LEAVES);
        allRings.addAll(INNER);
        assertThat(cleared).as("a keyring tree's leaves and inner keyrings").isEqualTo(allRings);
    }

    @Test
    void eachOperationCarriesTheArgumentsItsGroupAndGeneratorGive() {
        Generator g = generator("keys").with(UPDATE, 1).with(SETPERM, 1).with(TIMEOUT, 1).with(ADD, 1)
                .withKeyTimeout(Duration.ofSeconds(7));
        OperationPicker p = picker(g, 9);
        Set<String> descriptions = new HashSet<>();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            KeyOp op = p.next();
            if (op instanceof KeyOp.Update u) {
                assertThat(u.payload()).hasSize(64);
                payloads.add(u.payload());
            } else if (op instanceof KeyOp.SetPerm s) {
                assertThat(s.perm()).as("the type's default mask again").isEqualTo(KeyPerm.DEFAULT_KEY);
            } else if (op instanceof KeyOp.SetTimeout t) {
                assertThat(t.seconds()).isEqualTo(7);
            } else if (op instanceof KeyOp.Add a) {
                assertThat(a.type()).isEqualTo("user");
                assertThat(a.payload()).hasSize(64);
                assertThat(RINGS).contains(a.ring());
                assertThat(descriptions.add(a.description())).as("unique: %s", a.description()).isTrue();
            }
        }
        assertThat(descriptions).hasSizeGreaterThan(500);
        for (int i = 1; i < payloads.size(); i++) {
            assertThat(payloads.get(i)).as("a new payload each time").isNotEqualTo(payloads.get(i - 1));
        }
    }

    @Test
    void logonKeysAreAddedWithAColonInTheirDescriptionAndKeyringsWithoutPayload() {
        OperationPicker logons = picker(generator("logons").with(ADD, 1).with(SETPERM, 1), 2);
        for (int i = 0; i < 200; i++) {
            KeyOp op = logons.next();
            if (op instanceof KeyOp.Add a) {
                assertThat(a.type()).isEqualTo("logon");
                assertThat(a.description().indexOf(':')).as("logon_vet_description(): a ':', not first")
                        .isGreaterThan(0);
            } else {
                assertThat(((KeyOp.SetPerm) op).perm()).as("the group's own mask").isEqualTo(0x3f3f0000L);
            }
        }
        OperationPicker rings = picker(generator("ring-tree").withKeyrings("rings").with(ADD, 1), 2);
        KeyOp.Add a = (KeyOp.Add) rings.next();
        assertThat(a.type()).isEqualTo("keyring");
        assertThat(a.payload()).isNull();
    }

    @Test
    void theSeedAloneFixesTheSequence() {
        Generator g = generator("keys").with(UPDATE, 3).with(LINK, 1).with(UNLINK, 1).with(ADD, 1).with(REVOKE, 1);
        List<String> first = draw(picker(g, 77), 500);
        assertThat(draw(picker(g, 77), 500)).isEqualTo(first);
        assertThat(draw(picker(g, 78), 500)).isNotEqualTo(first);
    }

    static List<String> draw(OperationPicker p, int n) {
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KeyOp op = p.next();
            ops.add(OperationPicker.describe(op) + (op instanceof KeyOp.Update u ? " " + u.payload()[0] : ""));
        }
        return ops;
    }

    @Test
    void aKeyringOperationWithNoKeyringIsRefused() {
        World bare = new World(Duration.ofSeconds(300), List.of(ObjectGroup.keys("loose", 3)));
        BuiltWorld built = new BuiltWorld(Map.of("loose", range(1, 3)), Map.of(), Map.of(), List.of());
        Generator g = Generator.of("g", "loose", Injection.constant("1/s")).with(UNLINK, 1);
        assertThatThrownBy(() -> new OperationPicker(g, bare, built, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workload.g.mix.unlink");
    }
}
