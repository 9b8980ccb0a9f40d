package io.watchsim.simulations.keyctl;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyPerm;

import java.nio.charset.StandardCharsets;

/**
 * How keyctl shows keys: a key's description ({@code type;uid;gid;perm;description}) as
 * {@code describe}, {@code list} and {@code show} print it, with the permission mask as letters
 * ({@code alswrv} per class, or the caller's granted ones, {@code calc_perms()}), and a key's
 * data as {@code print} and {@code read} print it.
 */
final class KeyDescriptions {
    /** dump_key_tree_aux()'s deepest indentation: 8 levels of 4 columns. */
    private static final int TREE_DEPTH = 8 * 4;
    /** The bytes of one key id in a keyring's contents (key_serial_t). */
    private static final int ID_BYTES = Integer.BYTES;

    private final KeyctlSession session;

    KeyDescriptions(KeyctlSession session) {
        this.session = session;
    }

    /** A key's description as KEYCTL_DESCRIBE gives it, parsed. */
    record Description(int serial, String type, int uid, int gid, int perm, String description) {
    }

    /** KEYCTL_DESCRIBE of {@code key}, parsed; a failure is keyctl's {@code what: strerror}. */
    Description describe(int key, String what) {
        SysResult r = KeyctlCall.check(session.call(new KeyOp.Describe(key)), what);
        String text = new String(r.data(), StandardCharsets.UTF_8);
        String[] f = text.split(";", 5);
        int serial = key > 0 ? key : (int) session.call(new KeyOp.KeyringId(key, false)).value();
        return new Description(serial, f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                (int) Long.parseLong(f[3], 16), f.length > 4 ? f[4] : "");
    }

    /** {@code describe}'s line: the serial, the whole mask as letters, uid, gid, type and description. */
    static String describeLine(Description d) {
        return String.format("%9d: %s %5d %5d %s: %s%n", d.serial(), fullPerms(d.perm()), d.uid(), d.gid(), d.type(),
                d.description());
    }

    /** The whole mask as letters: possessor, user, group, other. */
    private static String fullPerms(int perm) {
        return letters(perm >>> KeyPerm.POS_SHIFT) + letters(perm >>> KeyPerm.USR_SHIFT)
                + letters(perm >>> KeyPerm.GRP_SHIFT) + letters(perm);
    }

    /** One class's bits (the low six of {@code p}) as {@code alswrv}, a missing one as {@code -}. */
    private static String letters(int p) {
        return "" + (has(p, KeyPerm.SETATTR) ? 'a' : '-') + (has(p, KeyPerm.LINK) ? 'l' : '-')
                + (has(p, KeyPerm.SEARCH) ? 's' : '-') + (has(p, KeyPerm.WRITE) ? 'w' : '-')
                + (has(p, KeyPerm.READ) ? 'r' : '-') + (has(p, KeyPerm.VIEW) ? 'v' : '-');
    }

    private static boolean has(int p, int bit) {
        return (p & bit) != 0;
    }

    /** calc_perms(): the possessor bits plus the bits of the first class that matches, as "--alswrv". */
    private String grantedPerms(int perm, int uid, int gid) {
        Credentials creds = session.credentials();
        int perms = (perm >>> KeyPerm.POS_SHIFT) & KeyPerm.ALL;
        if (uid == creds.uid()) {
            perms |= (perm >>> KeyPerm.USR_SHIFT) & KeyPerm.ALL;
        } else if (gid != -1 && creds.inGroup(gid)) {
            perms |= KeyPerm.groupBits(perm);
        } else {
            perms |= perm & KeyPerm.ALL;
        }
        return "--" + letters(perms);
    }

    /** {@code print}: the data as text when it is all printable ASCII, else {@code :hex:} and its hex. */
    static String printable(byte[] data) {
        boolean ok = true;
        for (byte b : data) {
            int c = b & 0xFF;
            if (c < 0x20 || c > 0x7e) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
        StringBuilder sb = new StringBuilder(":hex:");
        for (byte b : data) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    /** {@code read}: the data in hex, 4 bytes a group, 32 bytes a line. */
    static String hexdump(byte[] data) {
        if (data.length == 0) {
            return "No data in key\n";
        }
        StringBuilder sb = new StringBuilder().append(data.length).append(" bytes of data in key:\n");
        for (int i = 0; i < data.length; i++) {
            if (i > 0) {
                sb.append(i % 32 == 0 ? '\n' : i % 4 == 0 ? " " : "");
            }
            sb.append(String.format("%02x", data[i] & 0xFF));
        }
        return sb.append('\n').toString();
    }

    /** {@code list} ({@code raw} false) and {@code rlist}: a keyring's contents, as KEYCTL_READ gave them. */
    void list(boolean raw, byte[] data, StringBuilder out) {
        int count = data.length / ID_BYTES;
        if (raw) {
            for (int i = 0; i < count; i++) {
                out.append(LittleEndian.getInt(data, ID_BYTES * i)).append(i == count - 1 ? "\n" : " ");
            }
            if (count == 0) {
                out.append('\n');
            }
            return;
        }
        if (count == 0) {
            out.append("keyring is empty\n");
            return;
        }
        out.append(count == 1 ? "1 key in keyring:\n" : count + " keys in keyring:\n");
        for (int i = 0; i < count; i++) {
            int key = LittleEndian.getInt(data, ID_BYTES * i);
            SysResult r = session.call(new KeyOp.Describe(key));
            if (!r.isOk()) {
                out.append(String.format("%9d: key inaccessible (%s)%n", key, r.errno().description()));
                continue;
            }
            Description d = describe(key, "keyctl_describe_alloc");
            out.append(String.format("%9d: %s %5d %5d %s: %s%n", key, grantedPerms(d.perm(), d.uid(), d.gid()), d.uid(),
                    d.gid(), d.type(), d.description()));
        }
    }

    /** dump_key_tree_aux(): one line per key, keyrings recursed into with keyutils' indentation. */
    void dumpTree(int key, int depth, boolean more, boolean hex, StringBuilder indent, StringBuilder out) {
        if (depth > TREE_DEPTH) {
            return;
        }
        SysResult r = session.call(new KeyOp.Describe(key));
        if (!r.isOk()) {
            out.append(key).append(": key inaccessible (").append(r.errno().description()).append(")\n");
            return;
        }
        Description d = describe(key, "keyctl_describe_alloc");
        String id = hex ? String.format("0x%08x", key) : String.format("%10d", key);
        out.append(String.format("%s %s  %5d %5d  %s%s%s: %s%n", id, grantedPerms(d.perm(), d.uid(), d.gid()), d.uid(),
                d.gid(), indent, depth > 0 ? "\\_ " : "", d.type(), d.description()));
        if (!d.type().equals("keyring")) {
            return;
        }
        byte[] data = KeyctlCall.check(session.call(new KeyOp.Read(key)), "keyctl_read_alloc").data();
        int n = data.length / ID_BYTES;
        for (int i = 0; i < n; i++) {
            StringBuilder child = new StringBuilder(indent.substring(0, Math.min(depth, indent.length())));
            while (child.length() < depth) {
                child.append(' ');
            }
            int rdepth;
            if (depth == 0) {
                child.append(' ');
                rdepth = 1;
            } else {
                child.append("    ");
                rdepth = depth + 4;
            }
            if (more) {
                child.setCharAt(depth, '|');
            }
            dumpTree(LittleEndian.getInt(data, ID_BYTES * i), rdepth, i + 1 < n, hex, child, out);
        }
    }
}
