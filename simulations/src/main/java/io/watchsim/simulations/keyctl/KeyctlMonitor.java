package io.watchsim.simulations.keyctl;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.ReadResult;

import java.util.concurrent.CompletionStage;

/**
 * The consumer of {@code keyctl watch}: a notification queue of 256 notes watching one key with
 * tag 1, read 433 bytes at a time, each record printed as keyutils prints it ({@code ID inst},
 * {@code ID link AUX}, {@code -- LOSS --}, {@code ID gc}, ...). It stops after the removal
 * record of its own watch, as keyctl does.
 */
final class KeyctlMonitor {
    static final int QUEUE_NOTES = 256;
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

    /** Waits on the command's own thread; a kernel that stops answering is a KernelFault, not a hang. */
    private <T> T await(CompletionStage<T> s) {
        return kernel.await(s);
    }

    /** Prints everything queued now; returns whether anything was printed. */
    boolean drain(StringBuilder out) {
        boolean printed = false;
        while (!finished) {
            ReadResult r = await(kernel.readQueue(queue.id(), READ_SIZE));
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
                int info = LittleEndian.getInt(d, off + 4);
                int len = WatchNotification.lengthOf(info);
                print(out, d, off, len, info);
                printed = true;
                off += len;
            }
        }
        return printed;
    }

    private void print(StringBuilder out, byte[] d, int off, int len, int info) {
        int w0 = LittleEndian.getInt(d, off);
        int type = w0 & WatchNotification.MAX_TYPE;
        int subtype = w0 >>> 24;
        if (type == WatchNotification.WATCH_TYPE_META) {
            if (subtype == WatchNotification.WATCH_META_REMOVAL_NOTIFICATION) {
                long id = len >= 16 ? Integer.toUnsignedLong(LittleEndian.getInt(d, off + 8)) : 0;
                out.append(id).append(" gc\n");
                if (WatchNotification.tagOf(info) == 1) {
                    finished = true;
                }
            } else if (subtype == WatchNotification.WATCH_META_LOSS_NOTIFICATION) {
                out.append("-- LOSS --\n");
            }
            return;
        }
        if (type != WatchNotification.WATCH_TYPE_KEY_NOTIFY || len != KeyNotify.LENGTH) {
            return;
        }
        long keyId = Integer.toUnsignedLong(LittleEndian.getInt(d, off + 8));
        long aux = Integer.toUnsignedLong(LittleEndian.getInt(d, off + 12));
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
