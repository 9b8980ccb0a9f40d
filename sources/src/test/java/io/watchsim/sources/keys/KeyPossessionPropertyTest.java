package io.watchsim.sources.keys;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Possession is found up from the key (through the keyrings that link it) instead of down from
 * the process's keyrings, as Linux searches; the answer must be the same. Against the search
 * down, written here as the key table made it before: over random graphs of keyrings and keys
 * (nested up to and past the search's depth, several links per key, a thread keyring beside the
 * session keyring), with keyrings and keys that deny search, revoked and invalidated ones, every
 * key's possession agrees.
 */
class KeyPossessionPropertyTest {
    /** op: 0 a keyring in a keyring, 1 a user key in a keyring, 2 link, 3 deny search, 4 revoke, 5 invalidate. */
    record Step(int op, int a, int b) {
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        Arbitrary<Integer> op = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(6, Arbitraries.just(1)), net.jqwik.api.Tuple.of(5, Arbitraries.just(2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(3)), net.jqwik.api.Tuple.of(1, Arbitraries.just(4)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(5)));
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 40);
        return Combinators.combine(op, index, index).as(Step::new).list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 1500)
    void possessionFoundUpFromTheKeyIsPossessionFoundByTheSearchDown(@ForAll("programs") List<Step> program) {
        KeyTableFixture fx = new KeyTableFixture();
        KeyTable t = fx.table;
        int thread = (int) t.keyringId(fx.root, KeyTable.THREAD, true).result().value();
        List<Integer> rings = new ArrayList<>(List.of(fx.ses, thread, KeyTable.USER));
        List<Integer> keys = new ArrayList<>();
        int n = 0;
        for (Step s : program) {
            // half the time the newest keyring, so that chains grow past the search's depth
            int ring = s.a() % 2 == 0 ? rings.get(rings.size() - 1) : rings.get(s.a() % rings.size());
            switch (s.op()) {
                case 0 -> add(t.add(fx.root, "keyring", "r" + n++, null, ring), rings, keys);
                case 1 -> add(t.add(fx.root, "user", "k" + n++, bytes("v"), ring), keys, null);
                case 2 -> {
                    List<Integer> all = new ArrayList<>(rings);
                    all.addAll(keys);
                    t.link(fx.root, all.get(s.b() % all.size()), ring);   // refused when it would loop or nest too deep
                }
                case 3 -> t.setPerm(fx.root, pick(rings, keys, s.b()), 0x37010000L);   // possessor: all but search
                case 4 -> t.revoke(fx.root, pick(rings, keys, s.b()));
                default -> t.invalidate(fx.root, pick(rings, keys, s.b()));
            }
        }
        List<Integer> all = new ArrayList<>(rings);
        all.addAll(keys);
        for (int serial : all) {
            Key k = serial == KeyTable.USER ? null : t.find(serial);
            if (k == null) {
                continue;
            }
            assertThat(t.lookup().isPossessed(fx.root, k)).as("possession of %s", k)
                    .isEqualTo(searchDown(t.lookup(), fx.root, k));
        }
    }

    private static void add(KeyTable.Outcome o, List<Integer> into, List<Integer> alsoKeys) {
        if (o.result().isOk()) {
            int serial = (int) o.result().value();
            into.add(serial);
            if (alsoKeys != null) {
                alsoKeys.add(serial);
            }
        }
    }

    private static int pick(List<Integer> rings, List<Integer> keys, int i) {
        List<Integer> all = new ArrayList<>(rings.subList(3, rings.size()));
        all.addAll(keys);
        return all.isEmpty() ? rings.get(0) : all.get(i % all.size());
    }

    /** The search down from the process's keyrings, depth first, as it was written before. */
    static boolean searchDown(KeyLookup lookup, KeyCaller c, Key target) {
        for (Key top : lookup.searchRoots(c)) {
            if (top.revoked || top.invalidated || !lookup.searchable(c, top)) {
                continue;
            }
            if (top == target || searchFrom(lookup, c, top, target, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean searchFrom(KeyLookup lookup, KeyCaller c, Key ring, Key target, int depth) {
        if (ring.revoked || ring.invalidated || !lookup.searchable(c, ring)) {
            return false;
        }
        if (ring.links.contains(target) && lookup.searchable(c, target)) {
            return true;
        }
        if (depth + 1 >= KeyTable.MAX_DEPTH) {
            return false;
        }
        for (Key k : ring.links.nestedKeyrings()) {
            if (searchFrom(lookup, c, k, target, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
