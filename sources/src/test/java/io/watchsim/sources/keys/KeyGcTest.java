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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Garbage collection on simulated time. A key is destroyed, and its watches send removal
 * records, only when the collector frees it (security/keys/gc.c), never by the call that made it
 * collectable: the collector is a deferred work item that runs at the start of the next key call
 * or when time passes ({@link KeyTable#advance}). Revoked and expired keys go once their time
 * plus the gc delay has come; invalidated and unreferenced keys at the collector's next pass.
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

    // ------------------------------------------------------------------ deferral

    @Test
    void aKeyUnlinkedFromItsLastKeyringIsDestroyedByTheNextCallsPendingPassNotByTheUnlink() {
        int k = fx.addUser("k", fx.ses);
        int other = fx.addUser("other", fx.ses);
        assertThat(events(t.unlink(root, k, fx.ses))).containsExactly(unlinked(fx.ses, k));
        assertThat(t.exists(k)).as("waiting for the collector").isTrue();
        assertThat(t.nextGcTime()).as("work is pending now").isZero();

        KeyTable.Outcome next = t.describe(root, other);
        assertThat(events(next)).as("the pending pass runs before the next call").containsExactly(destroyed(k));
        ok(next);
        assertThat(t.exists(k)).isFalse();
        assertThat(t.nextGcTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lettingTimePassRunsThePendingWorkAtTheCurrentMoment() {
        int k = fx.addUser("k", fx.ses);
        ok(t.unlink(root, k, fx.ses));
        assertThat(events(t.advance(0))).containsExactly(destroyed(k));
        assertThat(t.now()).isZero();
    }

    @Test
    void aKeyUnlinkedFromOneOfTwoKeyringsLives() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        assertThat(events(t.unlink(root, k, fx.ses))).containsExactly(unlinked(fx.ses, k));
        assertThat(events(t.advance(0))).isEmpty();
        assertThat(t.exists(k)).isTrue();
    }

    @Test
    void anInvalidatedKeyIsDestroyedByTheCollectorsNextPassAfterTheRecord() {
        int k = fx.addUser("k", fx.ses);
        assertThat(events(t.invalidate(root, k))).containsExactly(invalidated(k));
        assertThat(t.exists(k)).isTrue();
        assertThat(t.linksOf(fx.ses)).as("the links go in the collector's pass").contains(k);

        assertThat(events(t.advance(0))).containsExactly(destroyed(k));
        assertThat(t.exists(k)).isFalse();
        assertThat(t.linksOf(fx.ses)).doesNotContain(k);
    }

    @Test
    void anInvalidatedKeyringIsDestroyedAndReleasesWhatOnlyItHeld() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        assertThat(events(t.invalidate(root, r))).containsExactly(invalidated(r));
        assertThat(events(t.advance(0))).containsExactly(destroyed(r), destroyed(a));
        assertThat(t.exists(k)).isTrue();
    }

    @Test
    void anUnlinkedKeyringIsDestroyedFirstThenWhatOnlyItHeldRoundByRoundInSerialOrder() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int inner = fx.addKeyring("inner", r);
        int b = fx.addUser("b", inner);
        assertThat(events(t.unlink(root, r, fx.ses))).containsExactly(unlinked(fx.ses, r));
        assertThat(events(t.advance(0))).containsExactly(destroyed(r), destroyed(Math.min(a, inner)),
                destroyed(Math.max(a, inner)), destroyed(b));
    }

    @Test
    void revokingAKeyringReleasesItsLinksSilentlyAndTheCollectorTakesKeysOnlyItHeld() {
        int r = fx.addKeyring("r", fx.ses);
        int only = fx.addUser("only", r);
        int shared = fx.addUser("shared", fx.ses);
        ok(t.link(root, shared, r));

        assertThat(events(t.revoke(root, r))).containsExactly(revoked(r));
        assertThat(t.linksOf(r)).isEmpty();
        assertThat(events(t.advance(0))).containsExactly(destroyed(only));
        assertThat(t.exists(shared)).isTrue();

        assertThat(events(t.advance(DELAY - 1))).isEmpty();
        assertThat(events(t.advance(1))).as("the keyring itself goes at its gc time").containsExactly(destroyed(r));
        assertThat(t.exists(shared)).isTrue();
    }

    @Test
    void clearingAKeyringLeavesKeysOnlyItHeldToTheCollectorInSerialOrder() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int b = fx.addUser("b", r);
        assertThat(events(t.clear(root, r))).containsExactly(KeyTableFixture.cleared(r));
        assertThat(events(t.advance(0))).containsExactly(destroyed(Math.min(a, b)), destroyed(Math.max(a, b)));
    }

    @Test
    void aDestroyedSerialIsNoLongerFoundAndItsKeyCountDrops() {
        int before = t.keyCount();
        int k = fx.addUser("k", fx.ses);
        assertThat(t.keyCount()).isEqualTo(before + 1);
        ok(t.invalidate(root, k));
        assertThat(t.keyCount()).as("not collected yet").isEqualTo(before + 1);
        t.advance(0);
        assertThat(t.keyCount()).isEqualTo(before);
        assertThat(errno(t.update(root, k, bytes("x")))).isEqualTo(Errno.ENOKEY);
    }

    /**
     * The example of Linux 6.1 with gc_delay 0: revoke keyring r1 (holding a), then invalidate
     * keyring r2. The invalidate call starts with the reap-only pass the revoke queued (a's last
     * reference went with r1's links), which does not look at r1 (a reap-only pass looks at no
     * links); the invalidate queues a pass over the links, which takes r1 (revoked, its gc delay
     * of 0 come) and r2 together, and reaps them in serial order.
     */
    @Test
    void aRevokeThenAnInvalidateWithGcDelayZeroReapTheHeldKeyFirstThenBothKeyringsInOnePass() {
        t.setGcDelay(0);
        int r1 = fx.addKeyring("r1", fx.ses);
        int a = fx.addUser("a", r1);
        int r2 = fx.addKeyring("r2", fx.ses);
        assertThat(events(t.revoke(root, r1))).containsExactly(revoked(r1));
        assertThat(events(t.invalidate(root, r2))).containsExactly(destroyed(a), invalidated(r2));
        assertThat(events(t.advance(0))).containsExactly(destroyed(Math.min(r1, r2)), destroyed(Math.max(r1, r2)));
    }

    // ------------------------------------------------------------------ revocation and the gc delay

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

    /**
     * With gc_delay 0 the revoked key's moment has come at the revoke itself. Linux then only
     * queues a reap-only pass, which leaves the key linked (and arms no timer: on 6.1 such a key
     * stayed); WatchSim's timer fires as soon as time next passes. A key call meanwhile does not
     * collect it.
     */
    @Test
    void withAGcDelayOfZeroARevokedKeyGoesWhenTimeNextPassesNotAtTheNextCall() {
        t.setGcDelay(0);
        int k = fx.addUser("k", fx.ses);
        int other = fx.addUser("other", fx.ses);
        assertThat(events(t.revoke(root, k))).containsExactly(revoked(k));
        assertThat(t.nextGcTime()).as("due at this very moment").isZero();
        assertThat(events(t.describe(root, other))).as("a key call runs no links pass").isEmpty();
        assertThat(t.linksOf(fx.ses)).contains(k);
        assertThat(events(t.advance(0))).containsExactly(destroyed(k));
    }

    @Test
    void aRevokedKeyUnlinkedFromItsLastKeyringGoesAtTheNextPassNotAtTheGcTime() {
        int k = fx.addUser("k", fx.ses);
        ok(t.revoke(root, k));
        assertThat(events(t.unlink(root, k, fx.ses))).containsExactly(unlinked(fx.ses, k));
        assertThat(events(t.advance(0))).containsExactly(destroyed(k));
        assertThat(events(t.advance(DELAY))).isEmpty();
        assertThat(t.nextGcTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aGcDelayOutsideTheSysctlsRangeIsRefused() {
        assertThatThrownBy(() -> t.setGcDelay(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.setGcDelay(KeyTable.MAX_GC_DELAY_SECONDS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2147483647");
        t.setGcDelay(KeyTable.MAX_GC_DELAY_SECONDS);
        assertThat(t.gcDelayMs()).isEqualTo(2_147_483_647_000L);
    }

    // ------------------------------------------------------------------ expiry

    @Test
    void aKeyWithATimeoutExpiresSilentlyAtTheTimeoutAndGoesOneGcDelayLater() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        assertThat(t.nextGcTime()).isEqualTo(10_000 + DELAY);

        assertThat(events(t.advance(9_999))).isEmpty();
        ok(t.describe(root, k));

        assertThat(events(t.advance(1))).as("expiry itself posts and destroys nothing").isEmpty();
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
    void aLaterTimeoutReplacesAnEarlierOne() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        ok(t.setTimeout(root, k, 20));
        assertThat(t.nextGcTime()).isEqualTo(20_000 + DELAY);
        assertThat(events(t.advance(10_000 + DELAY))).isEmpty();
        assertThat(events(t.advance(10_000))).containsExactly(destroyed(k));
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

    // ------------------------------------------------------------------ the clock

    @Test
    void advanceWithNothingDueOnlyMovesTheClock() {
        fx.addUser("k", fx.ses);
        assertThat(events(t.advance(123_456))).isEmpty();
        assertThat(t.now()).isEqualTo(123_456);
    }

    @Test
    void timeCannotRunBackwards() {
        assertThatThrownBy(() -> t.advance(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.now()).isZero();
    }

    /** A sleep of Long.MAX_VALUE ms once spun for ever: now + ms reached Long.MAX_VALUE, which also means "nothing due". */
    @Test
    void theLongestAdvanceStopsTheClockAtTheEndOfTimeAndCollectsEverythingOnTheWay() {
        int k = fx.addUser("k", fx.ses);
        int longest = fx.addUser("longest", fx.ses);
        ok(t.setTimeout(root, k, 1));
        ok(t.setTimeout(root, longest, 0xFFFF_FFFFL));
        t.setGcDelay(KeyTable.MAX_GC_DELAY_SECONDS);
        assertThat(events(t.advance(Long.MAX_VALUE))).containsExactly(destroyed(k), destroyed(longest));
        assertThat(t.now()).isEqualTo(KeyTable.END_OF_TIME);
        assertThat(events(t.advance(Long.MAX_VALUE))).isEmpty();
        assertThat(t.now()).isEqualTo(KeyTable.END_OF_TIME);
        assertThat(t.nextGcTime()).isEqualTo(Long.MAX_VALUE);

        int late = fx.addUser("late", fx.ses);
        ok(t.setTimeout(root, late, 1));
        assertThat(t.nextGcTime()).as("due after the end of time: never").isEqualTo(Long.MAX_VALUE);
        assertThat(events(t.advance(Long.MAX_VALUE))).isEmpty();
    }
}
