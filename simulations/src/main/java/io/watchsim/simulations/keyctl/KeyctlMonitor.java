package io.watchsim.simulations.keyctl;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;

/**
 * The consumer of {@code keyctl watch}: a notification queue of {@value #QUEUE_NOTES} notes watching
 * one key with tag {@value #WATCH_TAG}, read {@value #READ_SIZE} bytes at a time, each record printed as keyutils prints it ({@code ID inst},
 * {@code ID link AUX}, {@code -- LOSS --}, {@code ID gc}, ...). It stops after the removal
 * record of its own watch, as keyctl does.
 */
final class KeyctlMonitor {
    /** The notes of keyctl watch's queue. */
    static final int QUEUE_NOTES = 256;
    /** The tag of keyctl watch's watch: its own removal record ends the monitor. */
    static final int WATCH_TAG = 1;
    /** The bytes each of keyctl watch's reads asks for. */
    static final int READ_SIZE = 433;

    private final Kernel kernel;
    private final QueueHandle queue;
    private boolean finished;

    KeyctlMonitor(Kernel kernel, QueueHandle queue) {
        this.kernel = kernel;
        this.queue = queue;
    }

    QueueHandle queue() {
        return queue;
    }

    boolean finished() {
        return finished;
    }

    /** Prints everything queued now; returns whether anything was printed. */
    boolean drain(StringBuilder out) {
        boolean printed = false;
        while (!finished) {
            ReadResult r = kernel.await(kernel.readQueue(queue.id(), READ_SIZE));
            if (r.isError()) {
                break;
            }
            if (r.isEof()) {
                out.append("-- END --\n");
                finished = true;
                return true;
            }
            byte[] d = r.data();
            for (int off = 0; off < d.length && !finished; ) {
                Notification record = Notification.decode(d, off, d.length - off);
                print(out, record);
                printed = true;
                off += record.length();
            }
        }
        return printed;
    }

    private void print(StringBuilder out, Notification record) {
        int subtype = record.subtype();
        if (MetaNotify.isMeta(record)) {
            if (subtype == WatchNotification.WATCH_META_REMOVAL_NOTIFICATION) {
                // keyctl prints the id's low 32 bits, a key serial, unsigned.
                long id = MetaNotify.removalId(record) & 0xFFFF_FFFFL;
                out.append(id).append(" gc\n");
                if (WatchNotification.tagOf(record.info()) == WATCH_TAG) {
                    finished = true;
                }
            } else if (subtype == WatchNotification.WATCH_META_LOSS_NOTIFICATION) {
                out.append("-- LOSS --\n");
            }
            return;
        }
        if (record.type() != WatchNotification.WATCH_TYPE_KEY_NOTIFY || record.length() != KeyNotify.LENGTH) {
            return;
        }
        long keyId = Integer.toUnsignedLong(KeyNotify.keyId(record));
        long aux = Integer.toUnsignedLong(KeyNotify.aux(record));
        String line = switch (subtype) {
            case KeyNotify.NOTIFY_KEY_INSTANTIATED -> keyId + " inst";
            case KeyNotify.NOTIFY_KEY_UPDATED -> keyId + " upd";
            case KeyNotify.NOTIFY_KEY_LINKED -> keyId + " link " + aux;
            case KeyNotify.NOTIFY_KEY_UNLINKED -> keyId + " unlk " + aux;
            case KeyNotify.NOTIFY_KEY_CLEARED -> keyId + " clr";
            case KeyNotify.NOTIFY_KEY_REVOKED -> keyId + " rev";
            case KeyNotify.NOTIFY_KEY_INVALIDATED -> keyId + " inv";
            case KeyNotify.NOTIFY_KEY_SETATTR -> keyId + " attr";
            default -> null;
        };
        if (line != null) {
            out.append(line).append('\n');
        }
    }
}
