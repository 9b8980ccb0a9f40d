package io.watchsim.simulations.script;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.MountNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.SuperblockNotify;
import io.watchsim.queues.record.NotificationType;
import io.watchsim.queues.record.WatchNotification;

/**
 * Prints the bytes one read() returned as kernel scripts do: a {@code rec} line and a
 * {@code words} line per record, {@code trailing} for bytes that form no whole record.
 * Counts records across the whole script.
 */
final class RecordFormatter {
    private final KeyNames keys;
    private final MountNames mounts;
    private int recordIndex;

    RecordFormatter(KeyNames keys, MountNames mounts) {
        this.keys = keys;
        this.mounts = mounts;
    }

    /** The mount flags' names in bit order (FLAG_0 upwards), and the superblock's. */
    private static final String[] MOUNT_FLAGS = {"in_subtree", "is_recursive", "is_now_ro", "is_submount"};
    private static final String[] SB_FLAGS = {"is_now_ro"};

    /** {@code -}, or the names of the type-specific flags set, in bit order; an unnamed bit as {@code 0xNNNNNNNN}. */
    private static String flags(int info, String[] known) {
        StringBuilder b = new StringBuilder();
        int rest = info & WatchNotification.WATCH_INFO_TYPE_INFO;
        for (int i = 0; i < known.length; i++) {
            int bit = WatchNotification.WATCH_INFO_FLAG_0 << i;
            if ((rest & bit) != 0) {
                b.append(b.isEmpty() ? "" : ",").append(known[i]);
                rest &= ~bit;
            }
        }
        if (rest != 0) {
            b.append(b.isEmpty() ? "" : ",").append(String.format("0x%08x", rest));
        }
        return b.isEmpty() ? "-" : b.toString();
    }

    /** A removal record whose id is 32-bit (a mount's, or a key's): its id word may print as a mount's name. */
    private static boolean isMountRemoval(Notification record) {
        return MetaNotify.isMeta(record) && record.subtype() == WatchNotification.WATCH_META_REMOVAL_NOTIFICATION
                && (MetaNotify.removalId(record) >>> 32) == 0;
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
                .append(String.format(" info=0x%08x watch_id=%d", info, WatchNotification.tagOf(info)));
        boolean mount = type == WatchNotification.WATCH_TYPE_MOUNT_NOTIFY && len >= MountNotify.LENGTH;
        boolean superblock = type == WatchNotification.WATCH_TYPE_SB_NOTIFY && len >= SuperblockNotify.LENGTH;
        if (mount || superblock) {
            out.append(" flags=").append(flags(info, mount ? MOUNT_FLAGS : SB_FLAGS));
        } else {
            out.append(String.format(" type_info=0x%04x", WatchNotification.typeInfoOf(info)));
        }
        if (mount) {
            out.append(" triggered_on=").append(mounts.mount(MountNotify.triggeredOn(record)))
                    .append(" aux=").append(mounts.mount(MountNotify.auxiliaryMount(record)))
                    .append(" topology=").append(Integer.toUnsignedString(MountNotify.topologyChanges(record)))
                    .append(" attr=").append(Integer.toUnsignedString(MountNotify.attrChanges(record)))
                    .append(" aux_topology=").append(Integer.toUnsignedString(MountNotify.auxTopologyChanges(record)));
        } else if (superblock) {
            out.append(" sb_id=").append(mounts.superblock(SuperblockNotify.sbId(record)));
            if (subtype == SuperblockNotify.NOTIFY_SUPERBLOCK_ERROR && len >= SuperblockNotify.ERROR_LENGTH) {
                out.append(" error=").append(Integer.toUnsignedString(SuperblockNotify.errorNumber(record)))
                        .append(" cookie=").append(Integer.toUnsignedString(record.u32(20)));
            }
        } else if (type == WatchNotification.WATCH_TYPE_KEY_NOTIFY && len >= KeyNotify.LENGTH) {
            int aux = KeyNotify.aux(record);
            out.append(" key_id=").append(keys.display(KeyNotify.keyId(record))).append(" aux=");
            boolean auxIsKey = subtype == KeyNotify.NOTIFY_KEY_LINKED || subtype == KeyNotify.NOTIFY_KEY_UNLINKED;
            out.append(auxIsKey ? keys.display(aux) : Integer.toString(aux));
        } else if (MetaNotify.isMeta(record) && subtype == WatchNotification.WATCH_META_REMOVAL_NOTIFICATION) {
            long id = MetaNotify.removalId(record);
            String mountName = mounts.removalId(id);
            out.append(" id=").append(mountName != null ? mountName
                    : (id >>> 32) == 0 ? keys.display((int) id) : Long.toUnsignedString(id));
        }
        out.append('\n').append("      words:");
        int i = 0;
        for (; i + Integer.BYTES <= len; i += Integer.BYTES) {
            int word = LittleEndian.getInt(data, off + i);
            String name = i >= WatchNotification.HEADER_SIZE ? keys.known(word) : null;
            if (name == null && (mount && i >= WatchNotification.HEADER_SIZE || i == 8 && isMountRemoval(record))) {
                name = mounts.knownMount(word);
            }
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
