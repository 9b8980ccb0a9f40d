package io.watchsim.simulations.keyctl;

import io.watchsim.queues.SysResult;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.TypeFilter;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;
import io.watchsim.sources.keys.Keys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * keyutils' {@code keyctl} against one simulated kernel: each command line runs as the process
 * keyctl would be (a root shell in its own session keyring) and prints what keyctl prints,
 * errors included ({@code add_key: Permission denied}). Background watches ({@code watch KEY &})
 * keep their monitors, which print what they received after every later command.
 */
public final class KeyctlSession {
    private static final long PID = 1;
    private static final String SUBTYPE_LETTERS = "iplncrvs";

    private final Kernel kernel;
    private final Keys keys;
    private final Credentials creds = Credentials.root();
    private final List<KeyctlMonitor> monitors = new ArrayList<>();

    public KeyctlSession(Kernel kernel, long seed) {
        this.kernel = kernel;
        this.keys = Keys.start(kernel, kernel.name() + "-keys", seed);
        call(new KeyOp.JoinSession(null));
    }

    /** Waits on the command's own thread; a kernel that stops answering is a KernelFault, not a hang. */
    private <T> T await(CompletionStage<T> s) {
        return kernel.await(s);
    }

    private SysResult call(KeyOp op) {
        return await(keys.call(PID, creds, op));
    }

    /**
     * Runs one command line; output (stdout and stderr, as a terminal shows them) goes to
     * {@code out}. Then the shell waits for the command, and sleeping it lets the key garbage
     * collector's pending work run (a deferred work item, see KeyCollector) before the monitors
     * print what they received.
     */
    public int run(List<String> argv, boolean background, StringBuilder out) {
        return run(argv, background, out, out);
    }

    /**
     * Runs one command line; what keyctl prints on stdout goes to {@code out}, its error messages
     * (stderr) to {@code err}.
     */
    public int run(List<String> argv, boolean background, StringBuilder out, StringBuilder err) {
        int code;
        try {
            code = dispatch(argv, background, out, err);
        } catch (KeyctlExit e) {
            if (!e.getMessage().isEmpty()) {
                err.append(e.getMessage()).append('\n');
            }
            code = e.code;
        }
        sleep(0, out);
        return code;
    }

    /**
     * Lets simulated time run until garbage collection has nothing left to do, printing the
     * monitors: first the work pending now, then each moment a key falls due.
     */
    public void runClockOut(StringBuilder out) {
        for (long next = await(keys.nextGcTime()); next != Long.MAX_VALUE; next = await(keys.nextGcTime())) {
            sleep(Math.max(0, next - clock), out);
        }
        drainMonitors(out);
    }

    /** Simulated ms since the session started; it stops where the key subsystem's clock does. */
    private long clock;

    /** Lets {@code ms} (0 or more) of simulated time pass: the collector's pending work runs first. */
    public void sleep(long ms, StringBuilder out) {
        clock += Math.min(ms, KeyTable.END_OF_TIME - clock);
        await(keys.advance(ms));
        drainMonitors(out);
    }

    private void drainMonitors(StringBuilder out) {
        for (KeyctlMonitor m : monitors) {
            m.drain(out);
        }
        monitors.removeIf(KeyctlMonitor::finished);
    }

    // ------------------------------------------------------------------ commands

    /**
     * keyctl's main(): the command is found by its exact name (keyutils 1.6.3's do_command()
     * matches no abbreviation), then each act_keyctl_*() checks its argument count, parses its
     * arguments in keyctl's order (a key id with get_key_id(), numbers with strtoul()) and makes the
     * call.
     */
    private int dispatch(List<String> argv, boolean background, StringBuilder out, StringBuilder err) {
        if (argv.isEmpty()) {
            throw format("<command> ...");
        }
        String cmd = argv.get(0);
        List<String> a = argv.subList(1, argv.size());
        switch (cmd) {
            case "add" -> {
                boolean hex = hexFlag(a);
                List<String> x = hex ? a.subList(1, a.size()) : a;
                arity(x, 4, "add [-x] <type> <desc> <data> <keyring>");
                byte[] data = hex2bin(bytes(x.get(2)), hex);
                return printId(call(new KeyOp.Add(x.get(0), x.get(1), data, keyId(x.get(3)))), "add_key", out);
            }
            case "padd" -> {
                boolean hex = hexFlag(a);
                List<String> x = hex ? a.subList(1, a.size()) : a;
                arity(x, 3, "padd [-x] <type> <desc> <keyring>");
                byte[] data = hex2bin(readStdin(), hex);
                return printId(call(new KeyOp.Add(x.get(0), x.get(1), data, keyId(x.get(2)))), "add_key", out);
            }
            case "newring" -> {
                arity(a, 2, "newring <name> <keyring>");
                return printId(call(new KeyOp.Add("keyring", a.get(0), null, keyId(a.get(1)))), "add_key", out);
            }
            case "request" -> {
                arityBetween(a, 2, 3, "request <type> <desc> [<dest_keyring>]");
                int dest = a.size() == 3 ? keyId(a.get(2)) : 0;
                return printId(call(new KeyOp.Request(a.get(0), a.get(1), dest, null, 0, null, -1, 0)), "request_key", out);
            }
            case "request2" -> {
                arityBetween(a, 3, 4, "request2 <type> <desc> <info> [<dest_keyring>]");
                int dest = a.size() == 4 ? keyId(a.get(3)) : 0;
                return printId(call(new KeyOp.Request(a.get(0), a.get(1), dest, bytes(a.get(2)), 0, null, -1, 0)),
                        "request_key", out);
            }
            case "update" -> {
                boolean hex = hexFlag(a);
                List<String> x = hex ? a.subList(1, a.size()) : a;
                arity(x, 2, "update [-x] <key> <data>");
                byte[] data = hex2bin(bytes(x.get(1)), hex);
                return succeed(call(new KeyOp.Update(keyId(x.get(0)), data)), "keyctl_update");
            }
            case "link" -> {
                arity(a, 2, "link <key> <keyring>");
                return succeed(call(new KeyOp.Link(keyId(a.get(0)), keyId(a.get(1)))), "keyctl_link");
            }
            case "unlink" -> {
                arityBetween(a, 1, 2, "unlink <key> [<keyring>]");
                int key = keyId(a.get(0));
                if (a.size() == 2) {
                    return succeed(call(new KeyOp.Unlink(key, keyId(a.get(1)))), "keyctl_unlink");
                }
                out.append(unlinkEverywhere(key, KeyTable.SESSION, 0)).append(" links removed\n");
                return 0;
            }
            case "move" -> {
                boolean force = !a.isEmpty() && a.get(0).equals("-f") && a.size() > 3;
                List<String> m = force ? a.subList(1, a.size()) : a;
                arity(m, 3, "move [-f] <key> <from_keyring> <to_keyring>");
                return succeed(call(new KeyOp.Move(keyId(m.get(0)), keyId(m.get(1)), keyId(m.get(2)), force ? 0 : 1)),
                        "keyctl_move");
            }
            case "revoke" -> {
                arity(a, 1, "revoke <key>");
                return succeed(call(new KeyOp.Revoke(keyId(a.get(0)))), "keyctl_revoke");
            }
            case "clear" -> {
                arity(a, 1, "clear <keyring>");
                return succeed(call(new KeyOp.Clear(keyId(a.get(0)))), "keyctl_clear");
            }
            case "invalidate" -> {
                arity(a, 1, "invalidate <key>");
                return succeed(call(new KeyOp.Invalidate(keyId(a.get(0)))), "keyctl_invalidate");
            }
            case "setperm" -> {
                arity(a, 2, "setperm <key> <mask>");
                int key = keyId(a.get(0));
                // key_perm_t: 32 bits.
                long perm = number(a.get(1), 0, "Unparsable permissions") & 0xFFFF_FFFFL;
                return succeed(call(new KeyOp.SetPerm(key, perm)), "keyctl_setperm");
            }
            case "chown" -> {
                arity(a, 2, "chown <key> <uid>");
                int key = keyId(a.get(0));
                return succeed(call(new KeyOp.Chown(key, id32(number(a.get(1), 0, "Unparsable uid")), -1)), "keyctl_chown");
            }
            case "chgrp" -> {
                arity(a, 2, "chgrp <key> <gid>");
                int key = keyId(a.get(0));
                return succeed(call(new KeyOp.Chown(key, -1, id32(number(a.get(1), 0, "Unparsable gid")))), "keyctl_chown");
            }
            case "timeout" -> {
                arity(a, 2, "timeout <key> <timeout>");
                int key = keyId(a.get(0));
                // Decimal only; keyctl_set_timeout() takes an unsigned int.
                long timeout = number(a.get(1), 10, "Unparsable timeout") & 0xFFFF_FFFFL;
                return succeed(call(new KeyOp.SetTimeout(key, timeout)), "keyctl_set_timeout");
            }
            case "restrict_keyring" -> {
                arityBetween(a, 1, 3, "restrict_keyring <keyring> [<type> [<restriction>]]");
                String type = a.size() > 1 ? a.get(1) : null;
                String restriction = a.size() > 2 ? a.get(2) : null;
                return succeed(call(new KeyOp.Restrict(keyId(a.get(0)), type, restriction)), "keyctl_restrict_keyring");
            }
            case "describe" -> {
                arity(a, 1, "describe <keyring>");
                int key = keyId(a.get(0));
                Description d = describe(key, "keyctl_describe_alloc");
                out.append(String.format("%9d: %s %5d %5d %s: %s%n", d.serial(), fullPerms(d.perm()), d.uid(), d.gid(),
                        d.type(), d.description()));
                return 0;
            }
            case "rdescribe" -> {
                arityBetween(a, 1, 2, "rdescribe <keyring> [sep]");
                if (a.size() == 2 && a.get(1).isEmpty()) {
                    throw format("rdescribe <keyring> [sep]");
                }
                SysResult r = check(call(new KeyOp.Describe(keyId(a.get(0)))), "keyctl_describe");
                String text = new String(r.data(), StandardCharsets.UTF_8);
                if (a.size() == 2) {
                    text = text.replace(';', a.get(1).charAt(0));
                }
                out.append(text).append('\n');
                return 0;
            }
            case "print" -> {
                arity(a, 1, "print <key>");
                byte[] data = check(call(new KeyOp.Read(keyId(a.get(0)))), "keyctl_read_alloc").data();
                out.append(printable(data)).append('\n');
                return 0;
            }
            case "read" -> {
                arity(a, 1, "read <key>");
                byte[] data = check(call(new KeyOp.Read(keyId(a.get(0)))), "keyctl_read_alloc").data();
                out.append(hexdump(data));
                return 0;
            }
            case "list", "rlist" -> {
                arity(a, 1, cmd + " <keyring>");
                byte[] data = check(call(new KeyOp.Read(keyId(a.get(0)))), "keyctl_read_alloc").data();
                list(cmd.equals("rlist"), data, out);
                return 0;
            }
            case "show" -> {
                boolean hex = !a.isEmpty() && a.get(0).equals("-x");
                List<String> s = hex ? a.subList(1, a.size()) : a;
                if (s.size() > 1) {
                    throw format("show [-x] [<keyring>]");
                }
                int ring = s.isEmpty() ? KeyTable.SESSION : keyId(s.get(0));
                out.append(s.isEmpty() ? "Session Keyring" : "Keyring").append('\n');
                SysResult id = call(new KeyOp.KeyringId(ring, false));
                if (!id.isOk()) {
                    throw failure("Unable to dump key", id.errno());
                }
                dumpTree((int) id.value(), 0, false, hex, new StringBuilder(), out);
                return 0;
            }
            case "id" -> {
                arity(a, 1, "id <key>");
                return printId(call(new KeyOp.KeyringId(keyId(a.get(0)), false)), "keyctl_get_keyring_ID", out);
            }
            case "security" -> {
                arity(a, 1, "security <key>");
                byte[] label = check(call(new KeyOp.GetSecurity(keyId(a.get(0)))), "keyctl_getsecurity").data();
                out.append(new String(label, StandardCharsets.UTF_8)).append('\n');
                return 0;
            }
            case "new_session" -> {
                arityBetween(a, 0, 1, "new_session [<name>]");
                check(call(new KeyOp.JoinSession(a.isEmpty() ? null : a.get(0))), "keyctl_join_session_keyring");
                return printId(call(new KeyOp.KeyringId(KeyTable.SESSION, false)), "keyctl_get_keyring_ID", out);
            }
            case "watch" -> {
                return watch(a, background, out, err);
            }
            default -> throw new KeyctlExit(2, "Unknown command");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static KeyctlExit format(String usage) {
        return new KeyctlExit(2, "Format:\n  keyctl " + usage);
    }

    private static void arity(List<String> a, int n, String usage) {
        if (a.size() != n) {
            throw format(usage);
        }
    }

    private static void arityBetween(List<String> a, int min, int max, String usage) {
        if (a.size() < min || a.size() > max) {
            throw format(usage);
        }
    }

    private static KeyctlExit failure(String what, Errno errno) {
        return new KeyctlExit(1, what + ": " + errno.description());
    }

    /** The result of a call that succeeded, or keyctl's {@code what: strerror} and exit code 1. */
    private static SysResult check(SysResult r, String what) {
        if (!r.isOk()) {
            throw failure(what, r.errno());
        }
        return r;
    }

    /** A call whose success prints nothing: exit code 0. */
    private static int succeed(SysResult r, String what) {
        check(r, what);
        return 0;
    }

    private static int printId(SysResult r, String what, StringBuilder out) {
        check(r, what);
        out.append((int) r.value()).append('\n');
        return 0;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** grab_stdin(): at most 1 MiB, more is "Too much data read on stdin" (exit code 1). */
    private static byte[] readStdin() {
        try {
            byte[] data = System.in.readNBytes(MAX_STDIN + 1);
            if (data.length > MAX_STDIN) {
                throw new KeyctlExit(1, "Too much data read on stdin");
            }
            return data;
        } catch (java.io.IOException e) {
            throw new KeyctlExit(1, "stdin: " + e.getMessage());
        }
    }

    /** grab_stdin()'s buffer: 1 MiB of data (and its terminating NUL). */
    static final int MAX_STDIN = 1024 * 1024;

    /**
     * A number as keyctl reads it: {@code strtoul(s, &q, base)}, refused with keyctl's
     * {@code what: 's'} and exit code 2 unless the whole string was read; the 64-bit result.
     */
    private static long number(String s, int base, String what) {
        Strtoul n = Strtoul.parse(s, base);
        if (!n.whole(s)) {
            throw new KeyctlExit(2, what + ": '" + s + "'");
        }
        return n.value();
    }

    /**
     * A uid or gid: keyctl stores strtoul()'s result in a 32-bit uid_t or gid_t, and
     * {@code (uid_t) -1} asks keyctl_chown() to leave that id as it is.
     */
    private static long id32(long value) {
        int id = (int) value;
        return id == -1 ? -1 : id & 0xFFFF_FFFFL;
    }

    /** add, padd and update take {@code -x} (the data is hex) as their first argument only. */
    private static boolean hexFlag(List<String> a) {
        return !a.isEmpty() && a.get(0).equals("-x");
    }

    /**
     * hex2bin(): with {@code -x}, the data is pairs of hex digits, blanks allowed between pairs;
     * an odd digit out is "Short hex doublet", anything else "Bad hex doublet" (exit code 1).
     */
    static byte[] hex2bin(byte[] data, boolean asHex) {
        if (!asHex || data.length == 0) {
            return data;
        }
        java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream(data.length / 2 + 1);
        for (int p = 0; p < data.length; ) {
            if (isSpace(data[p])) {
                p++;
                continue;
            }
            if (data.length - p < 2) {
                throw new KeyctlExit(1, "Short hex doublet");
            }
            int h = Character.digit(data[p], 16);
            int l = Character.digit(data[p + 1], 16);
            if (h < 0 || l < 0 || data[p] < 0 || data[p + 1] < 0) {
                throw new KeyctlExit(1, "Bad hex doublet");
            }
            bin.write(h << 4 | l);
            p += 2;
        }
        return bin.toByteArray();
    }

    /** isspace() in the C locale. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** get_key_id(): @t @p @s @u @us @g @a, %type:desc or %:ring, or a number. */
    private int keyId(String arg) {
        if (arg.startsWith("@")) {
            return switch (arg) {
                case "@t" -> KeyTable.THREAD;
                case "@p" -> KeyTable.PROCESS;
                case "@s" -> KeyTable.SESSION;
                case "@u" -> KeyTable.USER;
                case "@us" -> KeyTable.USER_SESSION;
                case "@g" -> KeyTable.GROUP;
                case "@a" -> -7;
                default -> throw new KeyctlExit(2, "Unknown special key: '" + arg + "'");
            };
        }
        if (arg.startsWith("%")) {
            String spec = arg.substring(1);
            String type;
            String desc;
            if (spec.startsWith(":")) {
                type = "keyring";
                desc = spec.substring(1);
            } else {
                int colon = spec.indexOf(':');
                if (spec.isEmpty() || colon < 0) {
                    throw new KeyctlExit(2, "Incorrect key-by-name spec");
                }
                type = spec.substring(0, colon);
                desc = spec.substring(colon + 1);
            }
            if (desc.isEmpty()) {
                throw new KeyctlExit(2, "Incorrect key-by-name spec");
            }
            SysResult r = call(new KeyOp.Find(type, desc));
            if (!r.isOk()) {
                throw new KeyctlExit(1, "Can't find '" + type + ":" + desc + "'");
            }
            return (int) r.value();
        }
        // key_serial_t is 32 bits: "-3" is strtoul's 2^64 - 3, which is -3, the session keyring.
        return (int) number(arg, 0, "Unparsable key");
    }

    private record Description(int serial, String type, int uid, int gid, int perm, String description) {
    }

    private Description describe(int key, String what) {
        SysResult r = check(call(new KeyOp.Describe(key)), what);
        String text = new String(r.data(), StandardCharsets.UTF_8);
        String[] f = text.split(";", 5);
        int serial = key > 0 ? key : (int) call(new KeyOp.KeyringId(key, false)).value();
        return new Description(serial, f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                (int) Long.parseLong(f[3], 16), f.length > 4 ? f[4] : "");
    }

    private static String fullPerms(int perm) {
        StringBuilder sb = new StringBuilder(24);
        for (int shift = 24; shift >= 0; shift -= 8) {
            sb.append(letters((perm >>> shift) & 0x3f));
        }
        return sb.toString();
    }

    private static String letters(int p) {
        return "" + ((p & 0x20) != 0 ? 'a' : '-') + ((p & 0x10) != 0 ? 'l' : '-') + ((p & 0x08) != 0 ? 's' : '-')
                + ((p & 0x04) != 0 ? 'w' : '-') + ((p & 0x02) != 0 ? 'r' : '-') + ((p & 0x01) != 0 ? 'v' : '-');
    }

    /** calc_perms(): the possessor bits plus the bits of the first class that matches, as "--alswrv". */
    private String grantedPerms(int perm, int uid, int gid) {
        int perms = (perm >>> 24) & 0x3f;
        if (uid == creds.uid()) {
            perms |= (perm >>> 16) & 0x3f;
        } else if (gid != -1 && creds.inGroup(gid)) {
            perms |= (perm >>> 8) & 0x3f;
        } else {
            perms |= perm & 0x3f;
        }
        return "--" + letters(perms);
    }

    private static String printable(byte[] data) {
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

    private static String hexdump(byte[] data) {
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

    private void list(boolean raw, byte[] data, StringBuilder out) {
        int count = data.length / 4;
        if (raw) {
            for (int i = 0; i < count; i++) {
                out.append(LittleEndian.getInt(data, 4 * i)).append(i == count - 1 ? "\n" : " ");
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
            int key = LittleEndian.getInt(data, 4 * i);
            SysResult r = call(new KeyOp.Describe(key));
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
    private void dumpTree(int key, int depth, boolean more, boolean hex, StringBuilder indent, StringBuilder out) {
        if (depth > 32) {
            return;
        }
        SysResult r = call(new KeyOp.Describe(key));
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
        SysResult contents = call(new KeyOp.Read(key));
        if (!contents.isOk()) {
            throw failure("keyctl_read_alloc", contents.errno());
        }
        byte[] data = contents.data();
        int n = data.length / 4;
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
            dumpTree(LittleEndian.getInt(data, 4 * i), rdepth, i + 1 < n, hex, child, out);
        }
    }

    /** recursive_session_key_scan() unlinking {@code key} from every keyring of the session tree. */
    private int unlinkEverywhere(int key, int ring, int depth) {
        if (depth > 32) {
            return 0;
        }
        SysResult contents = call(new KeyOp.Read(ring));
        if (!contents.isOk()) {
            return 0;
        }
        byte[] data = contents.data();
        int parent = ring < 0 ? (int) call(new KeyOp.KeyringId(ring, false)).value() : ring;
        int removed = 0;
        for (int i = 0; i + 4 <= data.length; i += 4) {
            int child = LittleEndian.getInt(data, i);
            if (child == key && call(new KeyOp.Unlink(key, parent)).isOk()) {
                removed++;
            }
            SysResult d = call(new KeyOp.Describe(child));
            if (d.isOk() && new String(d.data(), StandardCharsets.UTF_8).startsWith("keyring;")) {
                removed += unlinkEverywhere(key, child, depth + 1);
            }
        }
        return removed;
    }

    // ------------------------------------------------------------------ watch

    /**
     * act_keyctl_watch(): glibc's getopt(argc, argv, "f:") first, which takes options anywhere on
     * the line (it moves the other words after them) until {@code --}, {@code -fLETTERS} or
     * {@code -f LETTERS} (each {@code -f} adds its letters to the one filter); then exactly one key.
     * A word starting with '-' is an option, so {@code watch -3} is refused where
     * {@code watch -- -3} is not.
     */
    private int watch(List<String> a, boolean background, StringBuilder out, StringBuilder err) {
        Integer filterBits = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("--")) {
                rest.addAll(a.subList(i + 1, a.size()));
                break;
            }
            if (!w.startsWith("-") || w.length() == 1) {
                rest.add(w);
                continue;
            }
            char opt = w.charAt(1);
            if (opt != 'f') {
                err.append("watch: invalid option -- '").append(opt).append("'\n");
                throw new KeyctlExit(2, "Unknown option");
            }
            String letters;
            if (w.length() > 2) {
                letters = w.substring(2);
            } else if (i + 1 < a.size()) {
                letters = a.get(++i);
            } else {
                err.append("watch: option requires an argument -- 'f'\n");
                throw new KeyctlExit(2, "Unknown option");
            }
            filterBits = (filterBits == null ? 0 : filterBits) | subtypeBits(letters);
        }
        arity(rest, 1, "watch [-f<filters>] <key>");
        int key = keyId(rest.get(0));
        QueueHandle q = await(kernel.createQueue());
        await(kernel.setQueueSize(q.id(), KeyctlMonitor.QUEUE_NOTES));
        if (filterBits != null) {
            await(kernel.setFilter(q.id(), FilterRequest.of(
                    new TypeFilter(WatchNotification.WATCH_TYPE_KEY_NOTIFY, 0, 0, new int[] {filterBits}))));
        }
        SysResult r = call(new KeyOp.Watch(key, q.id(), 1));
        if (!r.isOk()) {
            await(kernel.closeQueue(q.id()));
            throw failure("keyctl_watch_key", r.errno());
        }
        KeyctlMonitor monitor = new KeyctlMonitor(kernel, q);
        monitors.add(monitor);
        if (!background) {
            // A foreground watch runs until its key goes; with nothing else running, that is
            // when the simulated clock has run out.
            runClockOut(out);
        }
        return 0;
    }

    /** parse_watch_filter(): one letter per key subtype ({@code iplncrvs}); another letter is exit code 2. */
    private static int subtypeBits(String letters) {
        int bits = 0;
        for (char c : letters.toCharArray()) {
            int subtype = SUBTYPE_LETTERS.indexOf(c);
            if (subtype < 0) {
                throw new KeyctlExit(2, "Unknown filter character '" + c + "'");
            }
            bits |= 1 << subtype;
        }
        return bits;
    }
}
