package io.watchsim.sources.keys;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The garbage collector's cost, counted in its own steps ({@link KeyTable#gcWork()}: timer
 * entries examined, links removed, reap candidates examined, keys destroyed), not in wall time.
 * Once it ran one pass per due moment and each pass walked every timed key: N keys falling due
 * at N moments cost N², and 40,000 keys in one sleep never finished. Now a key costs a constant
 * number of steps however many keys there are, and a key call walks none of the timed keys.
 */
class KeyGcComplexityTest {
    private static final int SMALL = 2_000;
    private static final int LARGE = 20_000;
    /** Steps per collected key: its timer, its link, its reap candidacy, its destruction, and slack. */
    private static final int STEPS_PER_KEY = 6;

    /** A table with {@code n} user keys in one keyring, key i timing out after {@code timeout(i)} seconds. */
    private record World(KeyTableFixture fx, int ring, List<Integer> keys) {
        static World of(int n, java.util.function.IntUnaryOperator timeout) {
            KeyTableFixture fx = new KeyTableFixture();
            int ring = fx.addKeyring("many", fx.ses);
            List<Integer> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = ok(fx.table.add(fx.root, "user", "k" + i, bytes("v"), ring));
                ok(fx.table.setTimeout(fx.root, k, timeout.applyAsInt(i)));
                keys.add(k);
            }
            return new World(fx, ring, keys);
        }

        /** The collector's steps for one advance past every key's gc time; asserts every key went. */
        long stepsToCollectAll() {
            KeyTable t = fx.table;
            long before = t.gcWork();
            List<KeyStep> steps = t.advance(10L * KeyTable.DEFAULT_GC_DELAY_MS + 1_000_000L * 1000);
            long destroyed = steps.stream().filter(KeyStep.Destroy.class::isInstance).count();
            assertThat(destroyed).as("every timed key is collected").isEqualTo(keys.size());
            assertThat(t.linksOf(ring)).isEmpty();
            return t.gcWork() - before;
        }
    }

    @Test
    void keysFallingDueAtOneMomentCostAConstantNumberOfStepsEach() {
        long small = World.of(SMALL, i -> 10).stepsToCollectAll();
        long large = World.of(LARGE, i -> 10).stepsToCollectAll();
        assertThat(small).isLessThanOrEqualTo((long) STEPS_PER_KEY * SMALL);
        assertThat(large).isLessThanOrEqualTo((long) STEPS_PER_KEY * LARGE);
        assertThat((double) large / small).as("ten times the keys, about ten times the steps").isBetween(8.0, 12.0);
    }

    @Test
    void keysFallingDueAtAsManyMomentsCostAConstantNumberOfStepsEachToo() {
        // One pass per moment: the old collector walked every timed key in each of them.
        long small = World.of(SMALL, i -> 1 + i).stepsToCollectAll();
        long large = World.of(LARGE, i -> 1 + i).stepsToCollectAll();
        assertThat(small).isLessThanOrEqualTo((long) STEPS_PER_KEY * SMALL);
        assertThat(large).isLessThanOrEqualTo((long) STEPS_PER_KEY * LARGE);
        assertThat((double) large / small).isBetween(8.0, 12.0);
    }

    @Test
    void aKeyCallWalksNoneOfTheTimedKeys() {
        for (int n : new int[] {SMALL, LARGE}) {
            World w = World.of(n, i -> 1 + i);
            KeyTable t = w.fx().table;
            int probe = w.keys().get(0);
            long before = t.gcWork();
            ok(t.describe(w.fx().root, probe));
            ok(t.update(w.fx().root, probe, bytes("again")));
            assertThat(t.nextGcTime()).isEqualTo(2_000 + KeyTable.DEFAULT_GC_DELAY_MS);
            assertThat(t.gcWork() - before).as("collector steps of two calls and a query with %d timed keys", n)
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void advancingBetweenDueMomentsWalksNoneOfTheTimedKeys() {
        World w = World.of(LARGE, i -> 1_000);
        KeyTable t = w.fx().table;
        long before = t.gcWork();
        for (int i = 0; i < 100; i++) {
            assertThat(t.advance(1_000)).isEmpty();
        }
        assertThat(t.gcWork() - before).isLessThanOrEqualTo(100);
    }
}
