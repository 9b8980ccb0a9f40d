package io.watchsim.simulations.script;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.NotificationType;
import io.watchsim.queues.record.WatchNotification;

/**
 * Prints the bytes one read() returned as kernel scripts do: a {@code rec} line and a
 * {@code words} line per record, {@code trailing} for bytes that form no whole record.
 * Counts records across the whole script.
 */
final class RecordFormatter {
    private final KeyNames keys;
    private int recordIndex;

    RecordFormatter(KeyNames keys) {
        this.keys = keys;
    }

    void format(StringBuilder out, byte[] data) {
        int off = 0;
        while (data.length - off >= WatchNotification.HEADER_SIZE) {
            int info = LittleEndian.getInt(data, off + 4);
            int len = WatchNotification.lengthOf(info);
            if (len < WatchNotification.MIN_LENGTH || len > data.length - off) {
                break;
            }
            formatRecord(out, data, off, len, info);
            off += len;
        }
        if (off < data.length) {
            out.append("    trailing ").append(data.length - off).append(" bytes:");
            for (int i = off; i < data.length; i++) {
                out.append(' ').append(String.format("%02x", data[i] & 0xFF));
            }
            out.append('\n');
        }
    }

    private void formatRecord(StringBuilder out, byte[] data, int off, int len, int info) {
        Notification record = Notification.decode(data, off, len);
        int type = record.type();
        int subtype = record.subtype();
        out.append("    rec ").append(++recordIndex).append(": off=").append(off).append(" len=").append(len)
                .append(" type=").append(type).append('(').append(NotificationType.nameOf(type)).append(')')
                .append(" subtype=").append(subtype).append('(').append(NotificationType.subtypeNameOf(type, subtype))
                .append(')')
                .append(String.format(" info=0x%08x watch_id=%d type_info=0x%04x", info,
                        WatchNotification.tagOf(info), WatchNotification.typeInfoOf(info)));
        if (type == WatchNotification.WATCH_TYPE_KEY_NOTIFY && len >= KeyNotify.LENGTH) {
            int aux = KeyNotify.aux(record);
            out.append(" key_id=").append(keys.display(KeyNotify.keyId(record))).append(" aux=");
            boolean auxIsKey = subtype == KeyNotify.NOTIFY_KEY_LINKED || subtype == KeyNotify.NOTIFY_KEY_UNLINKED;
            out.append(auxIsKey ? keys.display(aux) : Integer.toString(aux));
        } else if (MetaNotify.isMeta(record) && subtype == WatchNotification.WATCH_META_REMOVAL_NOTIFICATION) {
            long id = MetaNotify.removalId(record);
            out.append(" id=").append((id >>> 32) == 0 ? keys.display((int) id) : Long.toUnsignedString(id));
        }
        out.append('\n').append("      words:");
        int i = 0;
        for (; i + Integer.BYTES <= len; i += Integer.BYTES) {
            int word = LittleEndian.getInt(data, off + i);
            String name = i >= WatchNotification.HEADER_SIZE ? keys.known(word) : null;
            out.append(' ').append(name != null ? "{" + name + "}" : String.format("%08x", word));
        }
        if (i < len) {
            StringBuilder tail = new StringBuilder(" ");
            for (int j = len - 1; j >= i; j--) {
                tail.append(String.format("%02x", data[off + j] & 0xFF));
            }
            out.append(tail);
        }
        out.append('\n');
    }
}
