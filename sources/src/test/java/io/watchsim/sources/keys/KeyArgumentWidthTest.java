package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;

import static io.watchsim.sources.keys.KeyTableFixture.errno;
import static io.watchsim.sources.keys.KeyTableFixture.events;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static io.watchsim.sources.keys.KeyTableFixture.setattr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyctl syscall takes its arguments as {@code unsigned long} and casts each to the type of
 * its field ({@code SYSCALL_DEFINE5(keyctl, ...)} in security/keys/keyctl.c): a timeout to
 * {@code unsigned}, ids to {@code uid_t} and {@code gid_t}, a mask to {@code key_perm_t}, move
 * flags to {@code unsigned int}, a watch id to {@code int}. A value too wide for its field is cut
 * to its low 32 bits, never refused, never widened into an overflow.
 */
class KeyArgumentWidthTest {
    private static final long DELAY = KeyTable.DEFAULT_GC_DELAY_MS;

    private final KeyTableFixture fx = new KeyTableFixture();
    private final KeyTable t = fx.table;
    private final KeyCaller root = fx.root;
    private final int k = fx.addUser("k", fx.ses);

    @Test
    void aTimeoutIsCutToAnUnsignedIntNotMultipliedIntoAnOverflow() {
        // 9223372036854776 s * 1000 once overflowed to a past moment and collected the key at once.
        assertThat(events(t.setTimeout(root, k, 9_223_372_036_854_776L))).containsExactly(setattr(k));
        long seconds = 9_223_372_036_854_776L & 0xFFFF_FFFFL;
        assertThat(seconds).isEqualTo(2_783_138_808L);
        assertThat(t.nextGcTime()).isEqualTo(seconds * 1000 + DELAY);
        assertThat(events(t.advance(0))).isEmpty();
        ok(t.describe(root, k));
    }

    @Test
    void aTimeoutOfTwoToTheThirtyTwoIsZeroAndClearsTheTimeout() {
        ok(t.setTimeout(root, k, 10));
        ok(t.setTimeout(root, k, 1L << 32));
        assertThat(t.nextGcTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNegativeTimeoutIsTheLargestUnsignedOne() {
        ok(t.setTimeout(root, k, -1));
        assertThat(t.nextGcTime()).isEqualTo(0xFFFF_FFFFL * 1000 + DELAY);
    }

    @Test
    void aRejectionTimeoutIsCutToAnUnsignedInt() {
        int neg = ok(t.requestBegin(root, "user", "neg", fx.ses));
        t.construct(neg, new KeyTable.Construction.Reject((1L << 32) + 5, Errno.EKEYREJECTED));
        assertThat(t.nextGcTime()).isEqualTo(5_000 + DELAY);
    }

    @Test
    void chownWithUidMinusOneAsAnUnsignedValueChangesNothingAndPostsNothing() {
        KeyTable.Outcome o = t.chown(root, k, 0xFFFF_FFFFL, -1);
        assertThat(o.result().value()).isZero();
        assertThat(errno(o)).isNull();
        assertThat(events(o)).isEmpty();
        assertThat(fx.describe(root, k)).startsWith("user;0;0;");
    }

    @Test
    void chownTakesTheLowThirtyTwoBitsOfEachId() {
        ok(t.chown(root, k, (1L << 32) + 1000, -1));
        ok(t.chown(root, k, -1, 0xFFFF_FFFEL));
        assertThat(fx.describe(root, k)).startsWith("user;1000;4294967294;");
    }

    @Test
    void chownOfAMissingKeyWithBothIdsUnchangedSucceedsBeforeAnyLookup() {
        KeyTable.Outcome o = t.chown(root, 12345, -1, 0xFFFF_FFFFL);
        assertThat(errno(o)).isNull();
        assertThat(events(o)).isEmpty();
    }

    @Test
    void setpermTakesAKeyPermT() {
        assertThat(events(t.setPerm(root, k, 0x1_3f3f_0000L))).containsExactly(setattr(k));
        assertThat(fx.describe(root, k)).contains(";3f3f0000;");
        assertThat(errno(t.setPerm(root, k, 0x1_4000_0000L))).as("bits outside the mask within 32 bits")
                .isEqualTo(Errno.EINVAL);
    }

    @Test
    void moveFlagsAreAnUnsignedInt() {
        int to = fx.addKeyring("to", fx.ses);
        ok(t.move(root, k, fx.ses, to, 1L << 32));
        int like = fx.addUser("k", fx.ses);
        assertThat(errno(t.move(root, like, fx.ses, to, (1L << 32) + 1))).as("flag 1: exclusive").isEqualTo(Errno.EEXIST);
    }

    @Test
    void aWatchIdIsAnInt() {
        assertThat(KeyTable.watchTag(0xFFFF_FFFFL)).isEqualTo(-1);
        assertThat(KeyTable.watchTag((1L << 32) + 5)).isEqualTo(5);
        ok(t.checkWatch(root, k, (1L << 32) + 5));
        assertThat(errno(t.checkWatch(root, k, (1L << 32) + 256))).isEqualTo(Errno.EINVAL);
        assertThat(errno(t.checkWatch(root, k, 256))).isEqualTo(Errno.EINVAL);
    }
}
