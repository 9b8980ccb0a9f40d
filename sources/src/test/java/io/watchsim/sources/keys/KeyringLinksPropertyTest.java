package io.watchsim.sources.keys;

import io.watchsim.policies.Credentials;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyring's links against a plain list of them kept beside: after any sequence of links,
 * replacements, unlinks, filtered unlinks and clears over a few keyrings and keys, each keyring
 * lists its links in link order, answers {@code contains} exactly as a scan of its links would,
 * and lists its nested keyrings in link order; a large keyring unlinked down to a few keys (its
 * empty slots compacted on the way) still does.
 */
class KeyringLinksPropertyTest {
    /** op: 0 add, 1 replace, 2 remove, 3 removeIf (keys of one kind), 4 clear. */
    record Step(int op, int ring, int key, int other) {
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        Arbitrary<Integer> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 2)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(3, 7)));
        Arbitrary<Integer> op = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(1)), net.jqwik.api.Tuple.of(2, Arbitraries.just(2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(3)), net.jqwik.api.Tuple.of(1, Arbitraries.just(4)));
        return Combinators.combine(op, Arbitraries.integers().between(0, 2), key, key).as(Step::new)
                .list().ofMaxSize(60);
    }

    @Property(tries = 2000)
    void theIndexAnswersAsAScanWould(@ForAll("programs") List<Step> program) {
        Credentials root = Credentials.root();
        List<Key> rings = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rings.add(new Key(100 + i, KeyType.KEYRING, "r" + i, 0, 0, 0, root.label()));
        }
        java.util.Map<Key, List<Key>> model = new java.util.HashMap<>();
        for (int i = 0; i < 8; i++) {
            // Keys 0..2 are the keyrings themselves (nesting), 3..7 user keys.
            keys.add(i < 3 ? rings.get(i) : new Key(200 + i, KeyType.USER, "k" + i, 0, 0, 0, root.label()));
        }
        rings.forEach(r -> model.put(r, new ArrayList<>()));
        for (Step s : program) {
            Key ring = rings.get(s.ring());
            Key key = keys.get(s.key());
            Key other = keys.get(s.other());
            List<Key> expected = model.get(ring);
            switch (s.op()) {
                case 0 -> {
                    if (!ring.links.contains(key)) {
                        ring.links.add(key);
                        expected.add(key);
                    }
                }
                case 1 -> {
                    if (ring.links.contains(key) && !ring.links.contains(other) && key.isKeyring() == other.isKeyring()) {
                        ring.links.replace(key, other);
                        expected.set(expected.indexOf(key), other);
                    }
                }
                case 2 -> {
                    boolean linked = scanContains(ring, key);
                    assertThat(ring.links.remove(key)).isEqualTo(linked);
                    expected.remove(key);
                }
                case 3 -> {
                    ring.links.removeIf(k -> k.isKeyring() == key.isKeyring());
                    expected.removeIf(k -> k.isKeyring() == key.isKeyring());
                }
                default -> {
                    ring.links.clear();
                    expected.clear();
                }
            }
            for (Key r : rings) {
                assertThat(listOf(r)).as("links of %s after %s", r, s).isEqualTo(model.get(r));
                assertThat(r.links.size()).isEqualTo(model.get(r).size());
                List<Key> nested = new ArrayList<>();
                for (Key k : r.links) {
                    if (k.isKeyring()) {
                        nested.add(k);
                    }
                }
                assertThat(r.links.nestedKeyrings()).as("nested keyrings of %s after %s", r, s).isEqualTo(nested);
                for (Key k : keys) {
                    assertThat(r.links.contains(k)).as("%s contains %s after %s", r, k, s).isEqualTo(scanContains(r, k));
                }
            }
        }
    }

    /** A keyring large enough to be indexed: findLike answers as a scan, through links, replacements and unlinks. */
    @Property(tries = 25)
    void aLargeKeyringFindsLikeKeysAsAScanWould(@ForAll("bigPrograms") List<int[]> program) {
        Credentials root = Credentials.root();
        Key ring = new Key(1, KeyType.KEYRING, "big", 0, 0, 0, root.label());
        int next = 10;
        for (int i = 0; i < 200; i++) {
            ring.links.add(new Key(next++, KeyType.USER, "fixed-" + i, 0, 0, 0, root.label()));
        }
        for (int[] step : program) {
            String description = "d" + step[1];
            KeyType type = step[2] == 0 ? KeyType.USER : KeyType.KEYRING;
            Key like = ring.links.findLike(type, description);
            assertThat(like).isSameAs(scanLike(ring, type, description));
            if (step[0] == 0) {
                Key k = new Key(next++, type, description, 0, 0, 0, root.label());
                if (like == null) {
                    ring.links.add(k);
                } else {
                    ring.links.replace(like, k);
                }
            } else if (like != null) {
                ring.links.remove(like);
            }
            assertThat(ring.links.findLike(type, description)).isSameAs(scanLike(ring, type, description));
        }
        assertThat(ring.links.size()).as("large enough to be indexed").isGreaterThan(KeyringLinks.INDEX_THRESHOLD);
    }

    @Provide
    Arbitrary<List<int[]>> bigPrograms() {
        Arbitrary<int[]> step = Combinators.combine(
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(0)), net.jqwik.api.Tuple.of(1, Arbitraries.just(1))),
                Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 1))
                .as((op, d, t) -> new int[] {op, d, t});
        return step.list().ofMinSize(50).ofMaxSize(200);
    }

    /**
     * A keyring of 300 keys unlinked in a random order down to a few, with links and replacements
     * in between: link order, {@code contains}, {@code findLike} and the nested keyrings hold
     * throughout, across the compactions of the emptied slots.
     */
    @Property(tries = 50)
    void aLargeKeyringUnlinkedDownToAFewKeepsItsOrder(@ForAll("removalOrders") List<Integer> order) {
        Credentials root = Credentials.root();
        Key ring = new Key(1, KeyType.KEYRING, "big", 0, 0, 0, root.label());
        Key other = new Key(2, KeyType.KEYRING, "other", 0, 0, 0, root.label());
        List<Key> expected = new ArrayList<>();
        List<Key> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Key k = new Key(10 + i, i % 10 == 0 ? KeyType.KEYRING : KeyType.USER, "d" + i, 0, 0, 0, root.label());
            if (i % 7 == 0) {
                other.links.add(k); // another keyring links it first: the big one does not know its slot
            }
            ring.links.add(k);
            expected.add(k);
            all.add(k);
        }
        int next = 1000;
        for (int step = 0; step < order.size(); step++) {
            Key victim = all.get(order.get(step));
            assertThat(ring.links.remove(victim)).isEqualTo(expected.remove(victim));
            if (step % 25 == 0) {
                Key fresh = new Key(next++, KeyType.USER, "fresh" + step, 0, 0, 0, root.label());
                ring.links.add(fresh);
                expected.add(fresh);
            }
            if (step % 40 == 0 && !expected.isEmpty()) {
                Key old = expected.get(expected.size() / 2);
                Key like = new Key(next++, old.type, old.description, 0, 0, 0, root.label());
                ring.links.replace(old, like);
                expected.set(expected.size() / 2, like);
            }
            assertThat(listOf(ring)).isEqualTo(expected);
        }
        for (Key k : all) {
            assertThat(ring.links.contains(k)).isEqualTo(expected.contains(k));
        }
        for (Key k : expected) {
            assertThat(ring.links.findLike(k.type, k.description)).isSameAs(k);
        }
        assertThat(ring.links.nestedKeyrings()).isEqualTo(expected.stream().filter(Key::isKeyring).toList());
    }

    @Provide
    Arbitrary<List<Integer>> removalOrders() {
        return Arbitraries.shuffle(java.util.stream.IntStream.range(0, 300).boxed().toList())
                .map(l -> l.subList(0, 290));
    }

    private static List<Key> listOf(Key ring) {
        List<Key> out = new ArrayList<>();
        ring.links.forEach(out::add);
        return out;
    }

    private static Key scanLike(Key ring, KeyType type, String description) {
        for (Key k : ring.links) {
            if (k.type == type && k.description.equals(description)) {
                return k;
            }
        }
        return null;
    }

    private static boolean scanContains(Key ring, Key key) {
        for (Key k : ring.links) {
            if (k == key) {
                return true;
            }
        }
        return false;
    }
}
