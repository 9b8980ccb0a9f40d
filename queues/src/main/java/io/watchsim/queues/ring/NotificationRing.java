package io.watchsim.queues.ring;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;

import java.util.Arrays;

/**
 * The ring of one notification pipe, modelled on {@code fs/pipe.c} and
 * {@code kernel/watch_queue.c}: bounded, filterable, losing rather than blocking, read in whole
 * records with the loss record synthesised in its place.
 *
 * <p>Concurrency contract: single owner. Not thread-safe; exactly one actor (a
 * {@code NotificationQueue}) or one test thread uses an instance.
 *
 * <p>Memory: entries are held by reference (records are shared across fan-out), with the
 * effective info word and the LOSS flag beside them; storage grows with the entries actually
 * held, up to the ring size, so an idle queue costs a few dozen bytes. A read that empties the ring
 * keeps storage of up to {@value #KEPT_AFTER_DRAIN} entries (a queue read as records come keeps its
 * few slots rather than growing them anew for every record) and drops anything larger.
 */
public final class NotificationRing {
    /** PIPE_DEF_BUFFERS: a new pipe's ring size and max_usage. */
    public static final int PIPE_DEF_BUFFERS = 16;
    /** PIPE_MIN_DEF_BUFFERS: max_usage of a pipe made while its user was over the soft limit. */
    public static final int PIPE_MIN_DEF_BUFFERS = 2;

    /** The most entries of storage a read that empties the ring keeps. */
    static final int KEPT_AFTER_DRAIN = 16;
    private static final Notification[] NO_ENTRIES = new Notification[0];
    private static final long[] NO_META = new long[0];
    private static final Provenance[] NO_ORIGINS = new Provenance[0];
    private static final long INFO_MASK = 0xFFFF_FFFFL;
    private static final long LOSS_FLAG = 1L << 32;

    private int ringSize;
    private int maxUsage;
    private int nrNotes;
    private WatchFilter filter;

    private Notification[] entries = NO_ENTRIES;
    private long[] meta = NO_META;
    /** Each entry's provenance (null for a record posted without one), beside it. */
    private Provenance[] origins = NO_ORIGINS;
    private int head;
    private int tail;
    private boolean noteLoss;
    /** The bytes of the queued records (FIONREAD), kept as records go in and out. */
    private int queuedBytes;
    /** Queued records carrying the loss flag: each adds a loss record to what a read may return. */
    private int lossFlags;

    private boolean readerOpen = true;
    private boolean writerOpen = true;
    private boolean defunct;

    private final QueueCounters counters = new QueueCounters();

    /** A fresh notification pipe: no slots, no filter, default ring. */
    public NotificationRing() {
        this(PIPE_DEF_BUFFERS);
    }

    /** @param maxUsage the pipe's max_usage in pages at creation (16, or 2 when over the soft limit) */
    public NotificationRing(int maxUsage) {
        this.maxUsage = maxUsage;
        this.ringSize = maxUsage;
    }

    // ------------------------------------------------------------------ ioctls

    /**
     * IOC_WATCH_QUEUE_SET_SIZE, as {@code watch_queue_set_size()} does it: checks in the kernel's
     * order (EBUSY once set, whatever the value; EINVAL outside 1..512; EPERM per
     * {@link PipeLimits}), then sizes the queue to whole pages of 32 notes, the ring to the power
     * of two at or above that, and sets max_usage to the pages charged (so F_GETPIPE_SZ reads
     * 4096 after a size of 1..32 and 65536 after 481..512, as Linux 6.1 does).
     */
    public void setSize(long requestedNotes, PipeLimits limits) {
        if (nrNotes != 0) {
            throw new ErrnoException(Errno.EBUSY, "the queue size is already set to " + nrNotes
                    + " notes; it can be set once");
        }
        if (requestedNotes < 1 || requestedNotes > WatchNotification.WATCH_QUEUE_MAX_NOTES) {
            throw new ErrnoException(Errno.EINVAL, "size " + requestedNotes + " is out of range; allowed 1.."
                    + WatchNotification.WATCH_QUEUE_MAX_NOTES + " notes");
        }
        int perPage = WatchNotification.WATCH_QUEUE_NOTES_PER_PAGE;
        int nrPages = (int) ((requestedNotes + perPage - 1) / perPage);
        if (limits.refuses(nrPages, maxUsage)) {
            throw new ErrnoException(Errno.EPERM, nrPages + " pages exceed the pipe's " + maxUsage
                    + " and the user's pipe page limit, without CAP_SYS_RESOURCE or CAP_SYS_ADMIN");
        }
        int notes = nrPages * perPage;
        ringSize = Integer.highestOneBit(notes - 1) << 1;
        // "Set nr_accounted on and max_usage this pipe to the number that was actually charged".
        maxUsage = nrPages;
        nrNotes = notes;
    }

    /** IOC_WATCH_QUEUE_SET_FILTER: replaces the filter for later posts; null removes it. */
    public void setFilter(FilterRequest request) {
        filter = request == null ? null : WatchFilter.compile(request);
    }

    // ------------------------------------------------------------------ posting

    /**
     * Posts a record as a watch with {@code tag} would: the tag goes into info, the filter is
     * applied (meta records bypass it), then the record is inserted or the loss is marked.
     */
    public PostOutcome post(Notification n, int tag) {
        return post(n, tag, PostCheck.NONE);
    }

    /**
     * Posts a record as a watch with {@code tag} would, in the kernel's order: the tag goes into
     * info, then the filter, then the LSM post hook ({@code check}), then insertion or loss.
     * Meta records bypass both the filter and the check.
     */
    public PostOutcome post(Notification n, int tag, PostCheck check) {
        return post(n, tag, check, null);
    }

    /**
     * The same, for a record whose {@code origin} the queue keeps beside it until it is read
     * ({@link ReadResult#origins()}); null for none.
     */
    public PostOutcome post(Notification n, int tag, PostCheck check, Provenance origin) {
        int info = WatchNotification.withTag(n.info(), tag);
        if (!MetaNotify.isMeta(n)) {
            if (!passesFilter(n, info)) {
                counters.posted++;
                counters.filtered++;
                return PostOutcome.FILTERED;
            }
            if (!check.allows(n)) {
                return recordDenied();
            }
        }
        return insert(n, info, origin);
    }

    /** The filter test alone. */
    public boolean passesFilter(Notification n, int info) {
        WatchFilter f = filter;
        return f == null || f.matches(n.type(), n.subtype(), info);
    }

    /** Counts a record that the LSM post hook refused for this queue. */
    public PostOutcome recordDenied() {
        counters.posted++;
        counters.denied++;
        return PostOutcome.DENIED;
    }

    /**
     * post_one_notification(): inserts {@code n} with {@code info} as its info word, or marks a
     * loss on the newest queued entry. Never blocks, never fails towards the poster.
     */
    public PostOutcome insert(Notification n, int info) {
        return insert(n, info, null);
    }

    /** The same, keeping {@code origin} (null for none) beside the record. */
    public PostOutcome insert(Notification n, int info, Provenance origin) {
        counters.posted++;
        if (defunct) {
            counters.droppedDefunct++;
            return PostOutcome.DROPPED_DEFUNCT;
        }
        int used = head - tail;
        if (used >= ringSize || used >= nrNotes) {
            if (used > 0) {
                int newest = (head - 1) & (meta.length - 1);
                if ((meta[newest] & LOSS_FLAG) == 0) {
                    meta[newest] |= LOSS_FLAG;
                    lossFlags++;
                }
            } else {
                counters.lostUnreported++;
            }
            counters.lost++;
            return PostOutcome.LOST;
        }
        if (used == entries.length) {
            grow(used + 1);
        }
        int i = head & (entries.length - 1);
        entries[i] = n;
        meta[i] = info & INFO_MASK;
        origins[i] = origin;
        head++;
        queuedBytes += n.length();
        counters.inserted++;
        return PostOutcome.INSERTED;
    }

    /**
     * Makes room for {@code records} more entries in one step (a queue calls it before a burst),
     * so that storage grows once per burst rather than doubling its way up; never beyond the
     * ring's capacity.
     */
    public void reserve(int records) {
        int want = Math.min(Math.min(ringSize, nrNotes), (head - tail) + records);
        if (want > entries.length) {
            grow(want);
        }
    }

    /** Grows the storage to the power of two at or above {@code atLeast} (at least 4). */
    private void grow(int atLeast) {
        int capacity = Math.max(4, Integer.highestOneBit(Math.max(1, atLeast - 1)) << 1);
        Notification[] e = new Notification[capacity];
        long[] m = new long[capacity];
        Provenance[] o = new Provenance[capacity];
        for (int c = tail; c != head; c++) {
            e[c & (capacity - 1)] = entries[c & (entries.length - 1)];
            m[c & (capacity - 1)] = meta[c & (entries.length - 1)];
            o[c & (capacity - 1)] = origins[c & (entries.length - 1)];
        }
        entries = e;
        meta = m;
        origins = o;
    }

    // ------------------------------------------------------------------ reading

    /**
     * One non-blocking read() of up to {@code bufSize} bytes, following pipe_read(): whole records
     * only, ENOBUFS when the first does not fit, the loss record first when one is pending, EOF
     * when empty and the write end is closed, EAGAIN when empty otherwise.
     */
    public ReadResult read(int bufSize) {
        if (bufSize == 0) {
            return ReadResult.EOF;
        }
        if (bufSize < 0) {
            throw new ErrnoException(Errno.EINVAL, "read size " + bufSize + " is negative");
        }
        byte[] out = null;
        // What this read can return at most: the queued records and their loss records.
        int most = Math.min(bufSize, queuedBytes + MetaNotify.LOSS_LENGTH * (lossFlags + (noteLoss ? 1 : 0)));
        int copied = 0;
        int records = 0;
        Provenance[] readOrigins = null;
        int remaining = bufSize;
        Errno error = null;
        for (;;) {
            if (noteLoss) {
                if (remaining < MetaNotify.LOSS_LENGTH) {
                    if (copied == 0) {
                        error = Errno.ENOBUFS;
                    }
                    break;
                }
                out = ensure(out, copied, MetaNotify.LOSS_LENGTH, most, bufSize);
                Notification loss = MetaNotify.loss();
                loss.copyTo(out, copied, loss.info());
                copied += MetaNotify.LOSS_LENGTH;
                remaining -= MetaNotify.LOSS_LENGTH;
                records++;
                noteLoss = false;
                counters.lossRecordsRead++;
            }
            if (head != tail) {
                int i = tail & (entries.length - 1);
                Notification n = entries[i];
                int len = n.length();
                if (len > remaining) {
                    if (copied == 0) {
                        error = Errno.ENOBUFS;
                    }
                    break;
                }
                out = ensure(out, copied, len, most, bufSize);
                n.copyTo(out, copied, (int) meta[i]);
                Provenance origin = origins[i];
                if (origin != null) {
                    if (readOrigins == null) {
                        // At most one slot per record and loss record this read can return.
                        readOrigins = new Provenance[records + 1 + (head - tail) + lossFlags + 1];
                    }
                    readOrigins[records] = origin;
                }
                copied += len;
                remaining -= len;
                queuedBytes -= len;
                records++;
                counters.recordsRead++;
                if ((meta[i] & LOSS_FLAG) != 0) {
                    noteLoss = true;
                    lossFlags--;
                }
                entries[i] = null;
                meta[i] = 0;
                origins[i] = null;
                tail++;
                if (remaining == 0) {
                    break;
                }
                if (head != tail) {
                    continue;
                }
            }
            if (!writerOpen || copied > 0) {
                break;
            }
            error = Errno.EAGAIN;
            break;
        }
        if (head == tail && entries.length > KEPT_AFTER_DRAIN) {
            entries = NO_ENTRIES;
            meta = NO_META;
            origins = NO_ORIGINS;
        }
        if (error != null) {
            counters.failedReads++;
            return ReadResult.error(error);
        }
        counters.bytesRead += copied;
        if (copied == 0) {
            return ReadResult.EOF;
        }
        byte[] data = copied == out.length ? out : Arrays.copyOf(out, copied);
        Provenance[] readFrom = readOrigins == null || readOrigins.length == records ? readOrigins
                : Arrays.copyOf(readOrigins, records);
        return new ReadResult(data, records, null, readFrom);
    }

    /** The output buffer, allocated once at the size the read can reach ({@code most}); grown only as a safeguard. */
    private static byte[] ensure(byte[] out, int copied, int more, int most, int bufSize) {
        if (out == null) {
            return new byte[Math.max(most, Math.min(bufSize, more))];
        }
        if (copied + more > out.length) {
            return Arrays.copyOf(out, Math.min(bufSize, Math.max(copied + more, out.length * 2)));
        }
        return out;
    }

    /** FIONREAD: the bytes of the queued records (a pending loss record not counted). */
    public int bytesQueued() {
        return queuedBytes;
    }

    /** Records in the ring. */
    public int recordsQueued() {
        return head - tail;
    }

    /** EPOLLIN: the ring holds a record (a pending loss record alone does not count). */
    public boolean isReadable() {
        return head != tail;
    }

    // ------------------------------------------------------------------ ends and state

    /** Closes the read end; posts go on filling the ring until the write end closes too. */
    public void closeReadEnd() {
        readerOpen = false;
        if (!writerOpen) {
            becomeDefunct();
        }
    }

    /** Closes the write end: an empty ring then reads as EOF. */
    public void closeWriteEnd() {
        writerOpen = false;
        if (!readerOpen) {
            becomeDefunct();
        }
    }

    private void becomeDefunct() {
        defunct = true;
        entries = NO_ENTRIES;
        meta = NO_META;
        origins = NO_ORIGINS;
        tail = head;
        queuedBytes = 0;
        lossFlags = 0;
        noteLoss = false;
    }

    public boolean isDefunct() {
        return defunct;
    }

    public boolean isReaderOpen() {
        return readerOpen;
    }

    public boolean isWriterOpen() {
        return writerOpen;
    }

    /** Notes the queue holds at most; 0 until SET_SIZE. */
    public int capacity() {
        return nrNotes;
    }

    public boolean isSized() {
        return nrNotes != 0;
    }

    public int ringSize() {
        return ringSize;
    }

    /** F_GETPIPE_SZ: max_usage pages (16 until SET_SIZE, then the pages it charged). */
    public int pipeSizeBytes() {
        return maxUsage * WatchNotification.PAGE_SIZE;
    }

    public boolean hasFilter() {
        return filter != null;
    }

    /** Whether a loss record waits to be read. */
    public boolean isLossPending() {
        return noteLoss;
    }

    public QueueStatistics statistics() {
        return counters.snapshot(head - tail);
    }

    /** Mutable counters of one ring; {@link QueueStatistics} is their immutable snapshot. */
    private static final class QueueCounters {
        long posted;
        long inserted;
        long filtered;
        long denied;
        long lost;
        long lostUnreported;
        long droppedDefunct;
        long recordsRead;
        long lossRecordsRead;
        long bytesRead;
        long failedReads;

        QueueStatistics snapshot(int queued) {
            return new QueueStatistics(posted, inserted, filtered, denied, lost, lostUnreported, droppedDefunct,
                    recordsRead, lossRecordsRead, bytesRead, failedReads, queued);
        }
    }
}
