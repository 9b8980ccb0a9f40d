package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.Injection;
import io.watchsim.simulations.scenario.MountOperation;
import io.watchsim.sources.mounts.MountOp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A mount generator's draws: one seed gives one sequence, each operation takes its share of the mix,
 * and each acts on what it should (tree mounts for attributes and superblock events, spare
 * directories for topology, automount points besides for automount, umount and expire).
 */
class MountOperationPickerTest {
    private static final BuiltMountTree TREE = new BuiltMountTree("t", List.of(
            new BuiltMountTree.TreeMount("/t", 30, 1L << 40, 0, true),
            new BuiltMountTree.TreeMount("/t/m0", 31, (1L << 40) + 1, 1, false)),
            List.of("/t/s0", "/t/m0/s0"), List.of("/t/b0"), List.of("/t/m0/a0"));

    private static Generator everything() {
        Generator g = Generator.of("g", "t", Injection.constant("1/s"));
        for (MountOperation op : MountOperation.values()) {
            g = g.with(op, 1);
        }
        return g;
    }

    private static List<MountOp> draw(Generator g, long seed, int n) {
        MountOperationPicker p = new MountOperationPicker(g, TREE, new SplittableRandom(seed));
        List<MountOp> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(p.next());
        }
        return out;
    }

    @Test
    void oneSeedDrawsOneSequenceAndAnotherSeedAnother() {
        assertThat(draw(everything(), 9, 200)).isEqualTo(draw(everything(), 9, 200));
        assertThat(draw(everything(), 9, 200)).isNotEqualTo(draw(everything(), 10, 200));
    }

    @Test
    void eachOperationActsOnItsKindOfTarget() {
        List<String> mounts = List.of("/t", "/t/m0");
        List<String> spares = List.of("/t/s0", "/t/m0/s0");
        List<String> spareOrAutomount = List.of("/t/s0", "/t/m0/s0", "/t/m0/a0");
        Map<Class<?>, Integer> seen = new java.util.HashMap<>();
        for (MountOp op : draw(everything(), 1, 3000)) {
            seen.merge(op.getClass(), 1, Integer::sum);
            if (op instanceof MountOp.Mount m) {
                assertThat(m.path()).isIn(spares);
            } else if (op instanceof MountOp.BindMount b) {
                assertThat(b.from()).isIn(mounts);
                assertThat(b.to()).isIn(spares);
            } else if (op instanceof MountOp.Automount a) {
                assertThat(a.path()).isIn(spareOrAutomount);
            } else if (op instanceof MountOp.Umount u) {
                assertThat(u.path()).isIn(u.detach() ? spares : spareOrAutomount);
            } else if (op instanceof MountOp.MoveMount m) {
                assertThat(List.of(m.from(), m.to())).allMatch(spares::contains);
            } else if (op instanceof MountOp.Remount r) {
                assertThat(r.path()).isIn(mounts);
                assertThat(r.options()).isIn("noatime", "atime");
            } else if (op instanceof MountOp.Expire e) {
                assertThat(e.path()).isIn(spareOrAutomount);
            } else if (op instanceof MountOp.SbRemount r) {
                assertThat(r.path()).isIn(mounts);
            } else if (op instanceof MountOp.SbError e) {
                assertThat(e.path()).isIn(mounts);
                assertThat(e.errorNumber()).isEqualTo(5);
            } else if (op instanceof MountOp.SbEdquot e) {
                assertThat(e.path()).isIn(mounts);
            } else if (op instanceof MountOp.SbNetwork n) {
                assertThat(n.path()).isIn(mounts);
            }
        }
        // eleven kinds of call (umount and umount-lazy are both Umount), each about 1/12 or 2/12 of 3000
        assertThat(seen).hasSize(11);
        assertThat(seen.get(MountOp.Umount.class)).isBetween(400, 600);
        assertThat(seen.get(MountOp.Mount.class)).isBetween(180, 320);
    }

    @Test
    void theWeightsDecideTheShares() {
        Generator g = Generator.of("g", "t", Injection.constant("1/s")).with(MountOperation.MOUNT, 3)
                .with(MountOperation.SB_NETWORK, 1);
        Map<Class<?>, Integer> seen = new java.util.HashMap<>();
        draw(g, 2, 4000).forEach(op -> seen.merge(op.getClass(), 1, Integer::sum));
        assertThat(seen.keySet()).containsExactlyInAnyOrder(MountOp.Mount.class, MountOp.SbNetwork.class);
        assertThat(seen.get(MountOp.Mount.class)).isBetween(2850, 3150);
    }

    @Test
    void aTreeWithoutSpareDirectoriesCannotTakeTopologyOperations() {
        BuiltMountTree bare = new BuiltMountTree("t", TREE.mounts(), List.of(), List.of(), List.of());
        Generator g = Generator.of("g", "t", Injection.constant("1/s")).with(MountOperation.MOVE, 1);
        assertThatThrownBy(() -> new MountOperationPicker(g, bare, new SplittableRandom(1)))
                .hasMessageContaining("workload.g.mix").hasMessageContaining("no spare directories");
        assertThat(new MountOperationPicker(Generator.of("h", "t", Injection.constant("1/s"))
                .with(MountOperation.REMOUNT, 1), bare, new SplittableRandom(1)).next())
                .isInstanceOf(MountOp.Remount.class);
    }
}
