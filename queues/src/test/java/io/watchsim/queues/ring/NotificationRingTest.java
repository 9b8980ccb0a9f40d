package io.watchsim.queues.ring;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationRingTest {

    private static Notification key(int id) {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, id, 0);
    }

    private static NotificationRing sized(int notes) {
        NotificationRing ring = new NotificationRing();
        ring.setSize(notes, PipeLimits.WITHIN);
        return ring;
    }

    /** The key ids and loss markers of a read, in order: loss records as -1. */
    private static List<Integer> ids(ReadResult r) {
        List<Integer> out = new ArrayList<>();
        byte[] d = r.data();
        for (int off = 0; off < d.length; ) {
            Notification n = Notification.decode(d, off, d.length - off);
            out.add(MetaNotify.isMeta(n) ? -1 : KeyNotify.keyId(n));
            off += n.length();
        }
        return out;
    }

    private static void assertErrno(Runnable r, Errno errno, String part) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(errno)).hasMessageContaining(part);
    }

    // ------------------------------------------------------------------ SET_SIZE

    @ParameterizedTest
    @CsvSource({"1,32,32,4096", "8,32,32,4096", "32,32,32,4096", "33,64,64,8192", "64,64,64,8192",
            "65,96,128,12288", "100,128,128,16384", "481,512,512,65536", "511,512,512,65536", "512,512,512,65536"})
    void sizeIsRoundedUpTo32NotesAPageAndTheRingToAPowerOfTwo(int asked, int capacity, int ringSize, int pipeSize) {
        NotificationRing ring = sized(asked);
        assertThat(ring.capacity()).isEqualTo(capacity);
        assertThat(ring.ringSize()).isEqualTo(ringSize);
        assertThat(ring.pipeSizeBytes()).as("F_GETPIPE_SZ: max_usage becomes the pages charged").isEqualTo(pipeSize);
        for (int i = 0; i < capacity + 5; i++) {
            ring.post(key(i + 1), 0);
        }
        assertThat(ring.recordsQueued()).isEqualTo(capacity);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 513, 4096, 1L << 32})
    void sizeOutside1To512IsEinval(long notes) {
        assertErrno(() -> new NotificationRing().setSize(notes, PipeLimits.WITHIN), Errno.EINVAL, "allowed 1..512");
    }

    @Test
    void sizeCanBeSetOnceOnlyEvenWithAnInvalidSecondValue() {
        NotificationRing ring = sized(32);
        assertErrno(() -> ring.setSize(64, PipeLimits.WITHIN), Errno.EBUSY, "already set to 32");
        assertErrno(() -> ring.setSize(0, PipeLimits.WITHIN), Errno.EBUSY, "already set");
    }

    @Test
    void aNewPipeReadsItsMaxUsageBeforeSetSize() {
        assertThat(new NotificationRing().pipeSizeBytes()).isEqualTo(65536);
        assertThat(new NotificationRing(NotificationRing.PIPE_MIN_DEF_BUFFERS).pipeSizeBytes()).isEqualTo(8192);
    }

    @Test
    void epermNeedsMorePagesThanMaxUsageAUserOverTheLimitAndNoPrivilege() {
        // The user holds the whole soft limit elsewhere: any page more is over it.
        PipeLimits over = PipeLimits.ofDefaults(PipeLimits.DEFAULT_USER_PAGES_SOFT, false);
        assertErrno(() -> new NotificationRing(NotificationRing.PIPE_MIN_DEF_BUFFERS).setSize(96, over),
                Errno.EPERM, "3 pages");
        new NotificationRing(NotificationRing.PIPE_MIN_DEF_BUFFERS).setSize(64, over);
        new NotificationRing(NotificationRing.PIPE_MIN_DEF_BUFFERS).setSize(512,
                PipeLimits.ofDefaults(PipeLimits.DEFAULT_USER_PAGES_SOFT, true));
        new NotificationRing().setSize(512, over);
    }

    @Test
    void epermCountsThePagesAskedForAgainstTheSoftAndHardLimits() {
        int min = NotificationRing.PIPE_MIN_DEF_BUFFERS;
        long soft = PipeLimits.DEFAULT_USER_PAGES_SOFT;
        // 3 pages on top of soft - 3 reach the limit without passing it; soft - 2 passes it.
        new NotificationRing(min).setSize(96, PipeLimits.ofDefaults(soft - 3, false));
        assertErrno(() -> new NotificationRing(min).setSize(96, PipeLimits.ofDefaults(soft - 2, false)),
                Errno.EPERM, "3 pages");
        // A hard limit alone refuses too; a limit of 0 is none.
        assertErrno(() -> new NotificationRing(min).setSize(96, new PipeLimits(8, 0, 10, false)), Errno.EPERM, "3 pages");
        new NotificationRing(min).setSize(96, new PipeLimits(1_000_000, 0, 0, false));
    }

    @Test
    void postsBeforeTheSizeIsSetVanishWithoutALossRecord() {
        NotificationRing ring = new NotificationRing();
        assertThat(ring.post(key(1), 0)).isEqualTo(PostOutcome.LOST);
        ring.setSize(32, PipeLimits.WITHIN);
        ring.post(key(2), 0);
        assertThat(ids(ring.read(4096))).containsExactly(2);
        assertThat(ring.read(4096).errno()).isEqualTo(Errno.EAGAIN);
        QueueStatistics s = ring.statistics();
        assertThat(s.lost()).isEqualTo(1);
        assertThat(s.lostUnreported()).isEqualTo(1);
        assertThat(s.lossRecordsRead()).isZero();
        assertThat(s.isBalanced()).isTrue();
    }

    // ------------------------------------------------------------------ posting and loss

    @Test
    void theTagGoesIntoInfoAtPostTime() {
        NotificationRing ring = sized(32);
        ring.post(key(1), 0xAB);
        byte[] d = ring.read(4096).data();
        assertThat(LittleEndian.getInt(d, 4)).isEqualTo(0xAB10);
    }

    @Test
    void aFullQueueMarksTheLossOnTheNewestRecordAndTheLossRecordFollowsIt() {
        NotificationRing ring = sized(32);
        for (int i = 1; i <= 32; i++) {
            assertThat(ring.post(key(i), 0)).isEqualTo(PostOutcome.INSERTED);
        }
        assertThat(ring.post(key(33), 0)).isEqualTo(PostOutcome.LOST);
        assertThat(ring.post(key(34), 0)).isEqualTo(PostOutcome.LOST);
        // Read 31 records; the 32nd carries the flag. Make room and post one more.
        assertThat(ids(ring.read(31 * 16))).hasSize(31);
        ring.post(key(35), 0);
        List<Integer> rest = ids(ring.read(4096));
        assertThat(rest).as("one loss record for both losses, right after record 32").containsExactly(32, -1, 35);
        assertThat(ring.statistics().lossRecordsRead()).isEqualTo(1);
    }

    @Test
    void whenTheRingDrainsRightAfterTheFlaggedRecordTheLossRecordComesFirstInTheNextRead() {
        NotificationRing ring = sized(32);
        for (int i = 1; i <= 33; i++) {
            ring.post(key(i), 0);
        }
        assertThat(ids(ring.read(4096))).hasSize(32).doesNotContain(-1);
        assertThat(ring.isLossPending()).isTrue();
        assertThat(ring.isReadable()).as("a pending loss alone does not make the pipe readable").isFalse();
        assertThat(ring.bytesQueued()).isZero();
        ring.post(key(40), 0);
        assertThat(ids(ring.read(4096))).containsExactly(-1, 40);
    }

    @Test
    void aPendingLossRecordNeedsEightBytes() {
        NotificationRing ring = sized(32);
        for (int i = 1; i <= 33; i++) {
            ring.post(key(i), 0);
        }
        ring.read(4096);
        assertThat(ring.read(7).errno()).isEqualTo(Errno.ENOBUFS);
        ReadResult r = ring.read(8);
        assertThat(ids(r)).containsExactly(-1);
        assertThat(ring.read(8).errno()).isEqualTo(Errno.EAGAIN);
    }

    @Test
    void metaRecordsBypassTheFilterButCanBeLost() {
        NotificationRing ring = sized(32);
        ring.setFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 5)));
        assertThat(ring.post(key(1), 0)).isEqualTo(PostOutcome.FILTERED);
        assertThat(ring.post(MetaNotify.removal(7), 3)).isEqualTo(PostOutcome.INSERTED);
        for (int i = 0; i < 40; i++) {
            ring.post(MetaNotify.removal(i + 100), 3);
        }
        assertThat(ring.statistics().lost()).isEqualTo(9);
    }

    @Test
    void aFilterAppliesToLaterPostsOnlyAndNoneRemovesIt() {
        NotificationRing ring = sized(32);
        ring.post(key(1), 0);
        ring.setFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 7)));
        ring.post(key(2), 0);
        ring.setFilter(null);
        ring.post(key(3), 0);
        assertThat(ids(ring.read(4096))).containsExactly(1, 3);
        assertThat(ring.statistics().filtered()).isEqualTo(1);
    }

    @Test
    void aRejectedFilterLeavesTheOldOneInPlace() {
        NotificationRing ring = sized(32);
        ring.setFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 1)));
        assertThatThrownBy(() -> ring.setFilter(new FilterRequest(0, 0, List.of()))).isInstanceOf(ErrnoException.class);
        ring.post(KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 1, 0), 0);
        assertThat(ring.isReadable()).isFalse();
    }

    // ------------------------------------------------------------------ read

    @Test
    void readReturnsWholeRecordsOnlyEnobufsWhenTheFirstDoesNotFitShortReadOtherwise() {
        NotificationRing ring = sized(32);
        ring.post(key(1), 0);
        ring.post(Notification.ofWords(1, 0, 0, 1, 2, 3, 4, 5, 6), 0);
        assertThat(ring.read(15).errno()).isEqualTo(Errno.ENOBUFS);
        ReadResult r = ring.read(30);
        assertThat(r.value()).as("the 32-byte record does not fit after the first").isEqualTo(16);
        assertThat(ring.read(31).errno()).isEqualTo(Errno.ENOBUFS);
        assertThat(ring.read(32).value()).isEqualTo(32);
    }

    @Test
    void aReadOfZeroBytesReturnsZeroAndConsumesNothing() {
        NotificationRing ring = sized(32);
        ring.post(key(1), 0);
        ReadResult r = ring.read(0);
        assertThat(r.value()).isZero();
        assertThat(r.isError()).isFalse();
        assertThat(ring.recordsQueued()).isEqualTo(1);
    }

    @Test
    void anEmptyQueueGivesEagainWhileTheWriteEndIsOpenAndEofAfter() {
        NotificationRing ring = sized(32);
        assertThat(ring.read(4096).errno()).isEqualTo(Errno.EAGAIN);
        ring.post(key(1), 0);
        ring.closeWriteEnd();
        assertThat(ids(ring.read(4096))).containsExactly(1);
        assertThat(ring.read(4096).isEof()).isTrue();
    }

    @Test
    void fionreadSumsTheQueuedLengths() {
        NotificationRing ring = sized(32);
        ring.post(key(1), 0);
        ring.post(Notification.ofWords(3, 0, 0, 1, 2, 3, 4), 0);
        ring.post(MetaNotify.removal(0), 0);
        assertThat(ring.bytesQueued()).isEqualTo(16 + 24 + 8);
    }

    // ------------------------------------------------------------------ close

    @Test
    void postsGoOnWhileOnlyTheReadEndIsClosedAndAreDroppedOnceDefunct() {
        NotificationRing ring = sized(32);
        ring.closeReadEnd();
        assertThat(ring.post(key(1), 0)).isEqualTo(PostOutcome.INSERTED);
        ring.closeWriteEnd();
        assertThat(ring.isDefunct()).isTrue();
        assertThat(ring.recordsQueued()).as("ring entries released").isZero();
        assertThat(ring.post(key(2), 0)).isEqualTo(PostOutcome.DROPPED_DEFUNCT);
        QueueStatistics s = ring.statistics();
        assertThat(s.droppedDefunct()).isEqualTo(1);
        assertThat(s.isBalanced()).isTrue();
    }

    @Test
    void everyPostIsAccountedForInExactlyOneFate() {
        NotificationRing ring = new NotificationRing();
        ring.post(key(1), 0);
        ring.setSize(32, PipeLimits.WITHIN);
        ring.setFilter(FilterRequest.of(TypeFilter.forSubtypes(1, 1)));
        for (int i = 0; i < 50; i++) {
            ring.post(KeyNotify.of(i % 2 == 0 ? 1 : 2, i, 0), 0);
        }
        ring.recordDenied();
        ring.closeReadEnd();
        ring.closeWriteEnd();
        ring.post(key(3), 0);
        QueueStatistics s = ring.statistics();
        assertThat(s.posted()).isEqualTo(53);
        assertThat(s.inserted()).isEqualTo(25);
        assertThat(s.filtered()).isEqualTo(25);
        assertThat(s.lost()).isEqualTo(1);
        assertThat(s.denied()).isEqualTo(1);
        assertThat(s.droppedDefunct()).isEqualTo(1);
        assertThat(s.isBalanced()).isTrue();
    }

    /**
     * Records of many lengths, posted while the storage wraps and grows, read back byte for byte
     * with each provenance at its record's index (none for the loss record and for a record posted
     * without one).
     */
    @Test
    void recordsAndTheirProvenanceSurviveTheStoragesGrowthAndWrap() {
        NotificationRing ring = sized(32);
        List<byte[]> expected = new ArrayList<>();
        List<Provenance> expectedOrigins = new ArrayList<>();
        int serial = 0;
        // Two records read at once: the storage's tail moves off slot 0, so later growth copies a wrapped ring.
        for (int i = 0; i < 2; i++) {
            ring.post(sized(16, ++serial), 3, PostCheck.NONE, origin(serial));
        }
        assertThat(ring.read(4096).records()).isEqualTo(2);
        int[] lengths = {16, 16, 24, 16, 40, 72, 16, 120, 8, 127, 32, 16};
        for (int i = 0; i < 30; i++) {
            int length = lengths[i % lengths.length];
            Notification n = sized(length, ++serial);
            Provenance origin = i % 5 == 4 ? null : origin(serial);
            assertThat(ring.post(n, 7, PostCheck.NONE, origin)).isEqualTo(PostOutcome.INSERTED);
            expected.add(n.toBytes(WatchNotification.withTag(n.info(), 7)));
            expectedOrigins.add(origin);
            if (i == 9) {
                // Read a few mid-way, so that the storage wraps before it grows again.
                ReadResult r = ring.read(16 + 16 + 24);
                assertThat(r.records()).isEqualTo(3);
                assertThat(r.data()).isEqualTo(concat(expected.subList(0, 3)));
                assertThat(r.origins()).containsExactlyElementsOf(expectedOrigins.subList(0, 3));
                expected.subList(0, 3).clear();
                expectedOrigins.subList(0, 3).clear();
            }
        }
        // The queue holds 32 notes: three more fill it and the last is lost, flagged on the newest.
        for (int i = 0; i < 5 && ring.recordsQueued() < 32; i++) {
            Notification n = sized(16, ++serial);
            ring.post(n, 7, PostCheck.NONE, origin(serial));
            expected.add(n.toBytes(WatchNotification.withTag(n.info(), 7)));
            expectedOrigins.add(origin(serial));
        }
        assertThat(ring.post(sized(16, ++serial), 7, PostCheck.NONE, origin(serial)))
                .isEqualTo(PostOutcome.LOST);
        ReadResult all = ring.read(65536);
        assertThat(all.records()).isEqualTo(expected.size());
        assertThat(all.data()).isEqualTo(concat(expected));
        assertThat(all.origins()).containsExactlyElementsOf(expectedOrigins);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(all.origin(i)).as("origin of record %d", i).isEqualTo(expectedOrigins.get(i));
        }
        // The ring drained right after the flagged record: the loss record comes alone, with no provenance.
        ReadResult loss = ring.read(4096);
        assertThat(loss.data()).isEqualTo(MetaNotify.loss().toBytes());
        assertThat(loss.origins()).isNull();
    }

    @Test
    void aReadOfRecordsPostedWithoutProvenanceHasNone() {
        NotificationRing ring = sized(32);
        ring.post(key(1), 0);
        ring.post(key(2), 0);
        ReadResult r = ring.read(4096);
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.origins()).isNull();
        assertThat(r.origin(1)).isNull();
    }

    private static Notification sized(int length, int serial) {
        Notification.Builder b = Notification.builder(5, serial & 0xFF, length);
        for (int off = WatchNotification.HEADER_SIZE; off + 4 <= length; off += 4) {
            b.putInt(off, 0x5A00_0000 | serial << 8 | off); // no zero byte: a byte lost in a copy shows
        }
        return b.build();
    }

    private static Provenance origin(int serial) {
        return new Provenance(serial % 3, serial, serial * 10L, serial * 1_000_000L + 7);
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
