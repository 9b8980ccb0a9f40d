package io.watchsim.simulations.keyctl;

import io.watchsim.sources.keys.KeyTable;
import io.watchsim.queues.Errno;
import io.watchsim.queues.SysResult;
import io.watchsim.simulations.script.ScriptKeys;
import io.watchsim.sources.keys.KeyOp;

import java.util.List;

/**
 * One keyctl command line as its {@code act_keyctl_*()} function sees it: the command, the
 * words after its name, whether it runs in the background, where it prints (stdout and stderr)
 * and the session it runs in; with the helpers of keyctl.c every command uses: the argument
 * count checks that end in {@code format()}, {@code get_key_id()}, and the checks of a call's
 * result that end in keyctl's {@code what: strerror} and exit code 1.
 */
record KeyctlCall(KeyctlSession session, KeyctlCommands.Command command, List<String> args, boolean background,
                  StringBuilder out, StringBuilder err) {

    /** format(): the command's usage on stderr, exit code 2. */
    KeyctlExit format() {
        return command.usage();
    }

    /** Exactly {@code n} words in {@code a}, else format(). */
    void arity(List<String> a, int n) {
        if (a.size() != n) {
            throw format();
        }
    }

    /** {@code min} to {@code max} words in {@code a}, else format(). */
    void arityBetween(List<String> a, int min, int max) {
        if (a.size() < min || a.size() > max) {
            throw format();
        }
    }

    /** A key call as keyctl's process. */
    SysResult call(KeyOp op) {
        return session.call(op);
    }

    /** get_key_id(): @t @p @s @u @us @g @a, %type:desc or %:ring, or a number. */
    int keyId(String arg) {
        if (arg.startsWith("@")) {
            Integer special = ScriptKeys.SPECIALS.get(arg);
            if (special != null) {
                return special;
            }
            if (arg.equals("@a")) {
                return KeyTable.REQKEY_AUTH_KEY;
            }
            throw new KeyctlExit(2, "Unknown special key: '" + arg + "'");
        }
        if (arg.startsWith("%")) {
            return keyByName(arg.substring(1));
        }
        // key_serial_t is 32 bits: "-3" is strtoul's 2^64 - 3, which is -3, the session keyring.
        return (int) KeyctlArgs.number(arg, 0, "Unparsable key");
    }

    /** {@code %type:desc}, or {@code %:desc} for a keyring: the key the process may view. */
    private int keyByName(String spec) {
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

    /** keyctl's error(what): {@code what: strerror(errno)}, exit code 1. */
    static KeyctlExit failure(String what, Errno errno) {
        return new KeyctlExit(1, what + ": " + errno.description());
    }

    /** The result of a call that succeeded, or keyctl's {@code what: strerror} and exit code 1. */
    static SysResult check(SysResult r, String what) {
        if (!r.isOk()) {
            throw failure(what, r.errno());
        }
        return r;
    }

    /** A call whose success prints nothing: exit code 0. */
    int succeed(SysResult r, String what) {
        check(r, what);
        return 0;
    }

    /** A call that answers a key id, which keyctl prints. */
    int printId(SysResult r, String what) {
        check(r, what);
        out.append((int) r.value()).append('\n');
        return 0;
    }
}
