package io.watchsim.sources.keys;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a possession check costs, counted in keyrings looked at ({@link KeyTable#possessionWork()}),
 * not in wall time. In a tree of keyrings under the session keyring (the scale scenario's shape:
 * 1,000,000 keys under 10,101 keyrings) the search down from the session keyring walked up to
 * every keyring of the tree for each key call; found up from the key, a call on a leaf looks at
 * the keyrings above it and no others, however wide the tree.
 */
class KeyPossessionComplexityTest {
    /** A tree of {@code depth} levels of keyrings, {@code fanout} wide, in the session keyring; its leaves. */
    private static List<Integer> tree(KeyTableFixture fx, int fanout, int depth) {
        List<Integer> level = List.of(fx.addKeyring("root", fx.ses));
        for (int d = 1; d < depth; d++) {
            List<Integer> next = new ArrayList<>();
            for (int parent : level) {
                for (int i = 0; i < fanout; i++) {
                    next.add(fx.addKeyring("r" + d + "." + next.size(), parent));
                }
            }
            level = next;
        }
        List<Integer> leaves = new ArrayList<>();
        for (int parent : level) {
            for (int i = 0; i < fanout; i++) {
                leaves.add(ok(fx.table.add(fx.root, "user", "k" + leaves.size(), bytes("v"), parent)));
            }
        }
        return leaves;
    }

    private static long workPerUpdate(int fanout) {
        KeyTableFixture fx = new KeyTableFixture();
        List<Integer> leaves = tree(fx, fanout, 3);
        long before = fx.table.possessionWork();
        for (int k : leaves) {
            ok(fx.table.update(fx.root, k, bytes("v2")));   // needs write: the possessor's byte, so possession
        }
        return (fx.table.possessionWork() - before) / leaves.size();
    }

    @Test
    void aCallOnALeafLooksAtTheKeyringsAboveItWhateverTheTreesWidth() {
        // the leaf's keyring, the two above it, the session keyring
        assertThat(workPerUpdate(4)).isEqualTo(4);
        assertThat(workPerUpdate(20)).as("8,000 leaves under 421 keyrings").isEqualTo(4);
    }
}
