package io.watchsim.simulations.keyctl;

import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.LittleEndian;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyTable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.watchsim.simulations.keyctl.KeyctlArgs.afterHexFlag;
import static io.watchsim.simulations.keyctl.KeyctlArgs.bytes;
import static io.watchsim.simulations.keyctl.KeyctlArgs.hex2bin;
import static io.watchsim.simulations.keyctl.KeyctlArgs.hexFlag;
import static io.watchsim.simulations.keyctl.KeyctlArgs.id32;
import static io.watchsim.simulations.keyctl.KeyctlArgs.number;
import static io.watchsim.simulations.keyctl.KeyctlArgs.unsigned32;

/**
 * keyctl's commands, as keyutils 1.6.3's keyctl.c keeps them: a table of {action, name, format},
 * searched by the command's exact name ({@code do_command()} matches no abbreviation), and one
 * {@code act_keyctl_*()} function per command, which checks its argument count (else
 * {@code format()}: {@code Format: keyctl NAME FORMAT}, exit code 2), parses its arguments in
 * keyctl's order (a key id with get_key_id(), numbers with strtoul()) and makes the call.
 */
final class KeyctlCommands {
    private KeyctlCommands() {
    }

    /** What a command runs: its act_keyctl_*() function; answers the exit code. */
    @FunctionalInterface
    interface Action {
        int run(KeyctlCall c);
    }

    /** One row of the table: the action, the command's name, the format of its arguments. */
    record Command(Action action, String name, String format) {
        /** format(): the command's usage, exit code 2. */
        KeyctlExit usage() {
            return KeyctlCommands.usage(name + " " + format);
        }
    }

    /** The commands WatchSim's keyctl has, in keyctl.c's (alphabetical) order. */
    private static final List<Command> COMMANDS = List.of(
            new Command(KeyctlCommands::add, "add", "[-x] <type> <desc> <data> <keyring>"),
            new Command(KeyctlCommands::chgrp, "chgrp", "<key> <gid>"),
            new Command(KeyctlCommands::chown, "chown", "<key> <uid>"),
            new Command(KeyctlCommands::clear, "clear", "<keyring>"),
            new Command(KeyctlCommands::describe, "describe", "<keyring>"),
            new Command(KeyctlCommands::id, "id", "<key>"),
            new Command(KeyctlCommands::invalidate, "invalidate", "<key>"),
            new Command(KeyctlCommands::link, "link", "<key> <keyring>"),
            new Command(c -> list(c, false), "list", "<keyring>"),
            new Command(KeyctlCommands::move, "move", "[-f] <key> <from_keyring> <to_keyring>"),
            new Command(KeyctlCommands::newSession, "new_session", "[<name>]"),
            new Command(KeyctlCommands::newring, "newring", "<name> <keyring>"),
            new Command(KeyctlCommands::padd, "padd", "[-x] <type> <desc> <keyring>"),
            new Command(KeyctlCommands::print, "print", "<key>"),
            new Command(KeyctlCommands::rdescribe, "rdescribe", "<keyring> [sep]"),
            new Command(KeyctlCommands::read, "read", "<key>"),
            new Command(KeyctlCommands::request, "request", "<type> <desc> [<dest_keyring>]"),
            new Command(KeyctlCommands::request2, "request2", "<type> <desc> <info> [<dest_keyring>]"),
            new Command(KeyctlCommands::restrictKeyring, "restrict_keyring", "<keyring> [<type> [<restriction>]]"),
            new Command(KeyctlCommands::revoke, "revoke", "<key>"),
            new Command(c -> list(c, true), "rlist", "<keyring>"),
            new Command(KeyctlCommands::security, "security", "<key>"),
            new Command(KeyctlCommands::setperm, "setperm", "<key> <mask>"),
            new Command(KeyctlCommands::show, "show", "[-x] [<keyring>]"),
            new Command(KeyctlCommands::timeout, "timeout", "<key> <timeout>"),
            new Command(KeyctlCommands::unlink, "unlink", "<key> [<keyring>]"),
            new Command(KeyctlCommands::update, "update", "[-x] <key> <data>"),
            new Command(KeyctlWatch::run, "watch", "[-f<filters>] <key>"));

    private static final Map<String, Command> BY_NAME = COMMANDS.stream()
            .collect(Collectors.toUnmodifiableMap(Command::name, Function.identity()));

    /**
     * The deepest keyring level {@code unlink KEY} scans. keyutils' recursive_key_scan_aux() stops
     * at 800; WatchSim has stopped at 32 since its first keyctl.
     */
    private static final int SCAN_DEPTH = 32;

    /**
     * keyctl's main(): runs the command {@code argv} names with the rest of {@code argv} as its
     * arguments; answers the exit code, or throws a {@link KeyctlExit}.
     */
    static int run(KeyctlSession session, List<String> argv, boolean background, StringBuilder out,
                   StringBuilder err) {
        if (argv.isEmpty()) {
            throw usage("<command> ...");
        }
        Command command = BY_NAME.get(argv.get(0));
        if (command == null) {
            throw new KeyctlExit(2, "Unknown command");
        }
        return command.action().run(new KeyctlCall(session, command, argv.subList(1, argv.size()), background, out,
                err));
    }

    private static KeyctlExit usage(String usage) {
        return new KeyctlExit(2, "Format:\n  keyctl " + usage);
    }

    // ------------------------------------------------------------------ making and finding keys

    private static int add(KeyctlCall c) {
        List<String> x = afterHexFlag(c.args());
        c.arity(x, 4);
        byte[] data = hex2bin(bytes(x.get(2)), hexFlag(c.args()));
        return c.printId(c.call(new KeyOp.Add(x.get(0), x.get(1), data, c.keyId(x.get(3)))), "add_key");
    }

    private static int padd(KeyctlCall c) {
        List<String> x = afterHexFlag(c.args());
        c.arity(x, 3);
        byte[] data = hex2bin(KeyctlArgs.readStdin(), hexFlag(c.args()));
        return c.printId(c.call(new KeyOp.Add(x.get(0), x.get(1), data, c.keyId(x.get(2)))), "add_key");
    }

    private static int newring(KeyctlCall c) {
        c.arity(c.args(), 2);
        return c.printId(c.call(new KeyOp.Add("keyring", c.args().get(0), null, c.keyId(c.args().get(1)))),
                "add_key");
    }

    private static int request(KeyctlCall c) {
        List<String> a = c.args();
        c.arityBetween(a, 2, 3);
        int dest = a.size() == 3 ? c.keyId(a.get(2)) : 0;
        return c.printId(c.call(new KeyOp.Request(a.get(0), a.get(1), dest, null, 0, null, -1, 0)), "request_key");
    }

    private static int request2(KeyctlCall c) {
        List<String> a = c.args();
        c.arityBetween(a, 3, 4);
        int dest = a.size() == 4 ? c.keyId(a.get(3)) : 0;
        return c.printId(c.call(new KeyOp.Request(a.get(0), a.get(1), dest, bytes(a.get(2)), 0, null, -1, 0)),
                "request_key");
    }

    private static int id(KeyctlCall c) {
        c.arity(c.args(), 1);
        return c.printId(c.call(new KeyOp.KeyringId(c.keyId(c.args().get(0)), false)), "keyctl_get_keyring_ID");
    }

    private static int newSession(KeyctlCall c) {
        List<String> a = c.args();
        c.arityBetween(a, 0, 1);
        KeyctlCall.check(c.call(new KeyOp.JoinSession(a.isEmpty() ? null : a.get(0))), "keyctl_join_session_keyring");
        return c.printId(c.call(new KeyOp.KeyringId(KeyTable.SESSION, false)), "keyctl_get_keyring_ID");
    }

    // ------------------------------------------------------------------ changing keys and keyrings

    private static int update(KeyctlCall c) {
        List<String> x = afterHexFlag(c.args());
        c.arity(x, 2);
        byte[] data = hex2bin(bytes(x.get(1)), hexFlag(c.args()));
        return c.succeed(c.call(new KeyOp.Update(c.keyId(x.get(0)), data)), "keyctl_update");
    }

    private static int link(KeyctlCall c) {
        c.arity(c.args(), 2);
        return c.succeed(c.call(new KeyOp.Link(c.keyId(c.args().get(0)), c.keyId(c.args().get(1)))), "keyctl_link");
    }

    /** {@code unlink KEY RING}, or {@code unlink KEY}: from every keyring of the session tree. */
    private static int unlink(KeyctlCall c) {
        List<String> a = c.args();
        c.arityBetween(a, 1, 2);
        int key = c.keyId(a.get(0));
        if (a.size() == 2) {
            return c.succeed(c.call(new KeyOp.Unlink(key, c.keyId(a.get(1)))), "keyctl_unlink");
        }
        c.out().append(unlinkEverywhere(c, key, KeyTable.SESSION, 0)).append(" links removed\n");
        return 0;
    }

    /** recursive_session_key_scan() unlinking {@code key} from every keyring of the session tree. */
    private static int unlinkEverywhere(KeyctlCall c, int key, int ring, int depth) {
        if (depth > SCAN_DEPTH) {
            return 0;
        }
        SysResult contents = c.call(new KeyOp.Read(ring));
        if (!contents.isOk()) {
            return 0;
        }
        byte[] data = contents.data();
        int parent = ring < 0 ? (int) c.call(new KeyOp.KeyringId(ring, false)).value() : ring;
        int removed = 0;
        for (int i = 0; i + Integer.BYTES <= data.length; i += Integer.BYTES) {
            int child = LittleEndian.getInt(data, i);
            if (child == key && c.call(new KeyOp.Unlink(key, parent)).isOk()) {
                removed++;
            }
            SysResult d = c.call(new KeyOp.Describe(child));
            if (d.isOk() && new String(d.data(), StandardCharsets.UTF_8).startsWith("keyring;")) {
                removed += unlinkEverywhere(c, key, child, depth + 1);
            }
        }
        return removed;
    }

    /** {@code move [-f] KEY FROM TO}: without -f, KEYCTL_MOVE_EXCL. */
    private static int move(KeyctlCall c) {
        List<String> a = c.args();
        boolean force = !a.isEmpty() && a.get(0).equals("-f") && a.size() > 3;
        List<String> m = force ? a.subList(1, a.size()) : a;
        c.arity(m, 3);
        return c.succeed(c.call(new KeyOp.Move(c.keyId(m.get(0)), c.keyId(m.get(1)), c.keyId(m.get(2)),
                force ? 0 : 1)), "keyctl_move");
    }

    private static int revoke(KeyctlCall c) {
        c.arity(c.args(), 1);
        return c.succeed(c.call(new KeyOp.Revoke(c.keyId(c.args().get(0)))), "keyctl_revoke");
    }

    private static int clear(KeyctlCall c) {
        c.arity(c.args(), 1);
        return c.succeed(c.call(new KeyOp.Clear(c.keyId(c.args().get(0)))), "keyctl_clear");
    }

    private static int invalidate(KeyctlCall c) {
        c.arity(c.args(), 1);
        return c.succeed(c.call(new KeyOp.Invalidate(c.keyId(c.args().get(0)))), "keyctl_invalidate");
    }

    private static int setperm(KeyctlCall c) {
        c.arity(c.args(), 2);
        int key = c.keyId(c.args().get(0));
        long perm = unsigned32(number(c.args().get(1), 0, "Unparsable permissions"));
        return c.succeed(c.call(new KeyOp.SetPerm(key, perm)), "keyctl_setperm");
    }

    private static int chown(KeyctlCall c) {
        c.arity(c.args(), 2);
        int key = c.keyId(c.args().get(0));
        long uid = id32(number(c.args().get(1), 0, "Unparsable uid"));
        return c.succeed(c.call(new KeyOp.Chown(key, uid, -1)), "keyctl_chown");
    }

    private static int chgrp(KeyctlCall c) {
        c.arity(c.args(), 2);
        int key = c.keyId(c.args().get(0));
        long gid = id32(number(c.args().get(1), 0, "Unparsable gid"));
        return c.succeed(c.call(new KeyOp.Chown(key, -1, gid)), "keyctl_chown");
    }

    /** {@code timeout KEY SECS}: decimal only. */
    private static int timeout(KeyctlCall c) {
        c.arity(c.args(), 2);
        int key = c.keyId(c.args().get(0));
        long timeout = unsigned32(number(c.args().get(1), 10, "Unparsable timeout"));
        return c.succeed(c.call(new KeyOp.SetTimeout(key, timeout)), "keyctl_set_timeout");
    }

    private static int restrictKeyring(KeyctlCall c) {
        List<String> a = c.args();
        c.arityBetween(a, 1, 3);
        String type = a.size() > 1 ? a.get(1) : null;
        String restriction = a.size() > 2 ? a.get(2) : null;
        return c.succeed(c.call(new KeyOp.Restrict(c.keyId(a.get(0)), type, restriction)), "keyctl_restrict_keyring");
    }

    // ------------------------------------------------------------------ showing keys

    private static int describe(KeyctlCall c) {
        c.arity(c.args(), 1);
        int key = c.keyId(c.args().get(0));
        c.out().append(KeyDescriptions.describeLine(new KeyDescriptions(c.session()).describe(key,
                "keyctl_describe_alloc")));
        return 0;
    }

    /** {@code rdescribe KEY [SEP]}: the raw description, its semicolons replaced by SEP's first character. */
    private static int rdescribe(KeyctlCall c) {
        List<String> a = c.args();
        c.arityBetween(a, 1, 2);
        if (a.size() == 2 && a.get(1).isEmpty()) {
            throw c.format();
        }
        SysResult r = KeyctlCall.check(c.call(new KeyOp.Describe(c.keyId(a.get(0)))), "keyctl_describe");
        String text = new String(r.data(), StandardCharsets.UTF_8);
        if (a.size() == 2) {
            text = text.replace(';', a.get(1).charAt(0));
        }
        c.out().append(text).append('\n');
        return 0;
    }

    private static int print(KeyctlCall c) {
        c.out().append(KeyDescriptions.printable(readKey(c))).append('\n');
        return 0;
    }

    private static int read(KeyctlCall c) {
        c.out().append(KeyDescriptions.hexdump(readKey(c)));
        return 0;
    }

    private static int list(KeyctlCall c, boolean raw) {
        new KeyDescriptions(c.session()).list(raw, readKey(c), c.out());
        return 0;
    }

    /** The data of the one key a command names: KEYCTL_READ (keyctl_read_alloc()). */
    private static byte[] readKey(KeyctlCall c) {
        c.arity(c.args(), 1);
        return KeyctlCall.check(c.call(new KeyOp.Read(c.keyId(c.args().get(0)))), "keyctl_read_alloc").data();
    }

    private static int security(KeyctlCall c) {
        c.arity(c.args(), 1);
        byte[] label = KeyctlCall.check(c.call(new KeyOp.GetSecurity(c.keyId(c.args().get(0)))),
                "keyctl_getsecurity").data();
        c.out().append(new String(label, StandardCharsets.UTF_8)).append('\n');
        return 0;
    }

    /** {@code show [-x] [RING]}: the tree of keys under RING (the session keyring by default). */
    private static int show(KeyctlCall c) {
        List<String> a = c.args();
        boolean hex = !a.isEmpty() && a.get(0).equals("-x");
        List<String> s = hex ? a.subList(1, a.size()) : a;
        if (s.size() > 1) {
            throw c.format();
        }
        int ring = s.isEmpty() ? KeyTable.SESSION : c.keyId(s.get(0));
        c.out().append(s.isEmpty() ? "Session Keyring" : "Keyring").append('\n');
        SysResult id = c.call(new KeyOp.KeyringId(ring, false));
        if (!id.isOk()) {
            throw KeyctlCall.failure("Unable to dump key", id.errno());
        }
        new KeyDescriptions(c.session()).dumpTree((int) id.value(), 0, false, hex, new StringBuilder(), c.out());
        return 0;
    }
}
