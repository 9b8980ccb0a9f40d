package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static io.watchsim.sources.keys.KeyTableFixture.destroyed;
import static io.watchsim.sources.keys.KeyTableFixture.errno;
import static io.watchsim.sources.keys.KeyTableFixture.events;
import static io.watchsim.sources.keys.KeyTableFixture.invalidated;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static io.watchsim.sources.keys.KeyTableFixture.revoked;
import static io.watchsim.sources.keys.KeyTableFixture.unlinked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage collection on simulated time (docs/KERNEL-BEHAVIOUR.md, "When objects and queues go": a key is destroyed, and its watches send
 * removal records, only when the collector frees it): revoked and expired keys go at their
 * time plus the gc delay, invalidated and unreferenced keys at once.
 */
class KeyGcTest {
    private static final long DELAY = KeyTable.DEFAULT_GC_DELAY_MS;

    private final KeyTableFixture fx = new KeyTableFixture();
    private final KeyTable t = fx.table;
    private final KeyCaller root = fx.root;

    @Test
    void theDefaultGcDelayIsFiveMinutes() {
        assertThat(DELAY).isEqualTo(300_000);
        assertThat(t.gcDelayMs()).isEqualTo(300_000);
        assertThat(t.now()).isZero();
        assertThat(t.nextGcTime()).as("nothing is due").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRevokedKeyIsDestroyedExactlyOneGcDelayAfterTheRevoke() {
        int k = fx.addUser("k", fx.ses);
        assertThat(events(t.revoke(root, k))).containsExactly(revoked(k));
        assertThat(t.nextGcTime()).isEqualTo(DELAY);

        assertThat(events(t.advance(DELAY - 1))).as("at +299999 ms").isEmpty();
        assertThat(t.exists(k)).isTrue();
        assertThat(t.linksOf(fx.ses)).contains(k);

        assertThat(events(t.advance(1))).as("at +300000 ms").containsExactly(destroyed(k));
        assertThat(t.exists(k)).isFalse();
        assertThat(t.linksOf(fx.ses)).as("the link went silently").doesNotContain(k);
        assertThat(errno(t.describe(root, k))).isEqualTo(Errno.ENOKEY);
        assertThat(t.now()).isEqualTo(DELAY);
    }

    @Test
    void theGcTimeCountsFromTheRevokeNotFromTheStart() {
        t.advance(5_000);
        int k = fx.addUser("k", fx.ses);
        ok(t.revoke(root, k));
        assertThat(t.nextGcTime()).isEqualTo(5_000 + DELAY);
        assertThat(events(t.advance(DELAY - 1))).isEmpty();
        assertThat(events(t.advance(1))).containsExactly(destroyed(k));
    }

    @Test
    void oneLongAdvanceCollectsEachKeyAtItsOwnTimeInOrder() {
        int a = fx.addUser("a", fx.ses);
        int b = fx.addUser("b", fx.ses);
        ok(t.revoke(root, b));
        t.advance(1_000);
        ok(t.revoke(root, a));
        assertThat(events(t.advance(2 * DELAY))).containsExactly(destroyed(b), destroyed(a));
        assertThat(t.now()).isEqualTo(1_000 + 2 * DELAY);
    }

    @Test
    void aRevokedKeyLinkedInSeveralKeyringsGoesFromAllOfThem() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        ok(t.revoke(root, k));
        assertThat(events(t.advance(DELAY))).containsExactly(destroyed(k));
        assertThat(t.linksOf(r)).isEmpty();
        assertThat(t.linksOf(fx.ses)).doesNotContain(k);
        assertThat(t.exists(r)).isTrue();
    }

    @ParameterizedTest(name = "gc delay {0} s")
    @ValueSource(longs = {1, 60, 3600})
    void setGcDelayChangesWhenRevokedKeysGo(long seconds) {
        t.setGcDelay(seconds);
        assertThat(t.gcDelayMs()).isEqualTo(seconds * 1000);
        int k = fx.addUser("k", fx.ses);
        ok(t.revoke(root, k));
        assertThat(events(t.advance(seconds * 1000 - 1))).isEmpty();
        assertThat(events(t.advance(1))).containsExactly(destroyed(k));
    }

    @Test
    void withAGcDelayOfZeroARevokedKeyGoesInTheRevokeCall() {
        t.setGcDelay(0);
        int k = fx.addUser("k", fx.ses);
        assertThat(events(t.revoke(root, k))).containsExactly(revoked(k), destroyed(k));
    }

    @Test
    void aNegativeGcDelayIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.setGcDelay(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvalidatedKeyIsDestroyedInTheInvalidateCallAfterTheRecord() {
        int k = fx.addUser("k", fx.ses);
        KeyTable.Outcome o = t.invalidate(root, k);
        assertThat(events(o)).containsExactly(invalidated(k), destroyed(k));
        assertThat(t.exists(k)).isFalse();
        assertThat(t.linksOf(fx.ses)).doesNotContain(k);
    }

    @Test
    void anInvalidatedKeyringIsDestroyedAndReleasesWhatOnlyItHeld() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        assertThat(events(t.invalidate(root, r))).containsExactly(invalidated(r), destroyed(r), destroyed(a));
        assertThat(t.exists(k)).isTrue();
    }

    @Test
    void aKeyUnlinkedFromItsLastKeyringIsDestroyedInTheUnlinkCall() {
        int k = fx.addUser("k", fx.ses);
        assertThat(events(t.unlink(root, k, fx.ses))).containsExactly(unlinked(fx.ses, k), destroyed(k));
        assertThat(t.exists(k)).isFalse();
    }

    @Test
    void aKeyUnlinkedFromOneOfTwoKeyringsLives() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        assertThat(events(t.unlink(root, k, fx.ses))).containsExactly(unlinked(fx.ses, k));
        assertThat(t.exists(k)).isTrue();
    }

    @Test
    void anUnlinkedKeyringIsDestroyedFirstThenWhatOnlyItHeld() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int inner = fx.addKeyring("inner", r);
        int b = fx.addUser("b", inner);
        KeyTable.Outcome o = t.unlink(root, r, fx.ses);
        assertThat(events(o)).startsWith(unlinked(fx.ses, r), destroyed(r));
        assertThat(events(o)).containsExactlyInAnyOrder(unlinked(fx.ses, r), destroyed(r), destroyed(a),
                destroyed(inner), destroyed(b));
        assertThat(events(o).indexOf(destroyed(inner))).isLessThan(events(o).indexOf(destroyed(b)));
    }

    @Test
    void aRevokedKeyUnlinkedFromItsLastKeyringGoesAtOnceNotAtTheGcTime() {
        int k = fx.addUser("k", fx.ses);
        ok(t.revoke(root, k));
        assertThat(events(t.unlink(root, k, fx.ses))).containsExactly(unlinked(fx.ses, k), destroyed(k));
        assertThat(events(t.advance(DELAY))).isEmpty();
    }

    @Test
    void aKeyWithATimeoutExpiresAtTheTimeoutAndGoesOneGcDelayLater() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        assertThat(t.nextGcTime()).isEqualTo(10_000 + DELAY);

        assertThat(events(t.advance(9_999))).isEmpty();
        ok(t.describe(root, k));

        assertThat(events(t.advance(1))).as("expiry itself destroys nothing").isEmpty();
        assertThat(errno(t.describe(root, k))).isEqualTo(Errno.EKEYEXPIRED);
        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EKEYEXPIRED);
        assertThat(t.exists(k)).isTrue();

        assertThat(events(t.advance(DELAY - 1))).isEmpty();
        assertThat(events(t.advance(1))).as("at +10 s + gc delay").containsExactly(destroyed(k));
        assertThat(errno(t.describe(root, k))).isEqualTo(Errno.ENOKEY);
    }

    @Test
    void clearingATimeoutCancelsTheCollection() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        ok(t.setTimeout(root, k, 0));
        assertThat(t.nextGcTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(events(t.advance(10 * DELAY))).isEmpty();
        ok(t.describe(root, k));
    }

    @Test
    void revokingAKeyWithALaterTimeoutCollectsItFromTheRevoke() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 3600));
        ok(t.revoke(root, k));
        assertThat(events(t.advance(DELAY))).containsExactly(destroyed(k));
    }

    @Test
    void aRejectedKeyExpiresAfterItsTimeoutAndIsCollectedAfterTheGcDelay() {
        int k = ok(t.requestBegin(root, "user", "neg", fx.ses));
        t.construct(k, new KeyTable.Construction.Reject(5, Errno.EKEYREJECTED));
        assertThat(events(t.advance(5_000 + DELAY - 1))).isEmpty();
        assertThat(events(t.advance(1))).containsExactly(destroyed(k));
    }

    @Test
    void revokingAKeyringReleasesItsLinksSilentlyAndDestroysKeysOnlyItHeld() {
        int r = fx.addKeyring("r", fx.ses);
        int only = fx.addUser("only", r);
        int shared = fx.addUser("shared", fx.ses);
        ok(t.link(root, shared, r));

        KeyTable.Outcome o = t.revoke(root, r);
        assertThat(events(o)).containsExactly(revoked(r), destroyed(only));
        assertThat(t.exists(shared)).isTrue();
        assertThat(t.linksOf(r)).isEmpty();

        assertThat(events(t.advance(DELAY - 1))).isEmpty();
        assertThat(events(t.advance(1))).as("the keyring itself goes at its gc time").containsExactly(destroyed(r));
        assertThat(t.exists(shared)).isTrue();
    }

    @Test
    void clearingAKeyringDestroysKeysOnlyItHeldAfterTheClearedRecord() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int b = fx.addUser("b", r);
        KeyTable.Outcome o = t.clear(root, r);
        assertThat(events(o)).containsExactly(KeyTableFixture.cleared(r), destroyed(Math.min(a, b)),
                destroyed(Math.max(a, b)));
    }

    @Test
    void aDestroyedSerialIsNoLongerFoundAndItsKeyCountDrops() {
        int before = t.keyCount();
        int k = fx.addUser("k", fx.ses);
        assertThat(t.keyCount()).isEqualTo(before + 1);
        ok(t.invalidate(root, k));
        assertThat(t.keyCount()).isEqualTo(before);
        assertThat(errno(t.update(root, k, bytes("x")))).isEqualTo(Errno.ENOKEY);
    }

    @Test
    void advanceWithNothingDueOnlyMovesTheClock() {
        fx.addUser("k", fx.ses);
        assertThat(events(t.advance(123_456))).isEmpty();
        assertThat(t.now()).isEqualTo(123_456);
    }
}
