package io.watchsim.simulations.script;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.WatchList;
import io.watchsim.queues.SysResult;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.Keys;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The script ops that are key calls (add_key, request_key, keyctl) made as the script's process,
 * and how their results print: a key an op returns is bound to the op's NAME and printed by its
 * name, text a key call copies out is printed quoted. Single-threaded, owned by the script runner.
 */
final class KeyCalls {
    /** The script's process id in the key subsystem. */
    private static final long PID = 1;
    /** KeyOp's queue id for a descriptor that is no open notification pipe. */
    private static final long NO_QUEUE = -1;

    private final Kernel kernel;
    private final Keys keys;
    private final ScriptProcess process;
    private final KeyNames names;
    private final FileTable files;

    KeyCalls(Kernel kernel, Keys keys, ScriptProcess process, KeyNames names, FileTable files) {
        this.kernel = kernel;
        this.keys = keys;
        this.process = process;
        this.names = names;
        this.files = files;
    }

    /** The process joins a new anonymous session keyring, as a script's process has just done when it starts. */
    void joinNewSession() {
        call(new KeyOp.JoinSession(null));
    }

    // ------------------------------------------------------------------ ops that make or find a key

    /** {@code add NAME TYPE DESC DATA RING}. */
    void add(ScriptLine l, StringBuilder out) {
        returningKey(out, l.arg(0), call(new KeyOp.Add(l.arg(1), l.arg(2), data(l.arg(3)), key(l.arg(4)))));
    }

    /** {@code newring NAME DESC RING}. */
    void newRing(ScriptLine l, StringBuilder out) {
        returningKey(out, l.arg(0), call(new KeyOp.Add("keyring", l.arg(1), null, key(l.arg(2)))));
    }

    /** {@code request NAME TYPE DESC RING CALLOUT...}: the callout constructs the key as its words say. */
    void request(ScriptLine l, StringBuilder out) {
        request(l, out, false);
    }

    /** {@code requestw NAME TYPE DESC RING Q TAG CALLOUT...}: the same, the callout's child watching the key on Q. */
    void requestWatched(ScriptLine l, StringBuilder out) {
        request(l, out, true);
    }

    private void request(ScriptLine l, StringBuilder out, boolean watched) {
        int callout = watched ? 6 : 4;
        List<String> words = l.args().subList(callout, l.argCount());
        if (!words.isEmpty() && words.get(0).equals("waitwatch")) {
            words = words.subList(1, words.size());
        }
        Callout c = Callout.parse(words, IllegalStateException::new);
        long queueId = watched ? queueIdOf(l.arg(4)) : NO_QUEUE;
        int tag = watched ? (int) l.number(5) : 0;
        returningKey(out, l.arg(0), call(new KeyOp.Request(l.arg(1), l.arg(2), key(l.arg(3)), c.payload(),
                c.timeoutSeconds(), c.errno(), queueId, tag)));
    }

    /** {@code bind NAME KEY}: NAME for a key; a special keyring is looked up (KEYCTL_GET_KEYRING_ID, created). */
    void bind(ScriptLine l, StringBuilder out) {
        Integer special = ScriptKeys.SPECIALS.get(l.arg(1));
        if (special != null) {
            returningKey(out, l.arg(0), call(new KeyOp.KeyringId(special, true)));
            return;
        }
        int serial = key(l.arg(1));
        names.bindName(l.arg(0), serial);
        OpOutput.value(out, names.display(serial));
    }

    /**
     * {@code newsession [NAME]}: KEYCTL_JOIN_SESSION_KEYRING with a null name, always, so the
     * process joins a new anonymous session keyring ({@code _ses}), which becomes {@code @s}.
     * NAME, when given, is bound to the new keyring (before the special names, so that records
     * print it as NAME) and printed; else the op prints {@code @s}.
     */
    void newSession(ScriptLine l, StringBuilder out) {
        SysResult r = kernel.await(keys.call(PID, process.credentials(), new KeyOp.JoinSession(null)));
        String name = l.argCount() > 0 ? l.arg(0) : null;
        if (r.isOk() && name != null) {
            names.bindName(name, (int) r.value());
        }
        nameSpecials();
        if (r.isOk()) {
            OpOutput.value(out, name != null ? name : "@s");
        } else {
            OpOutput.result(out, r);
        }
    }

    // ------------------------------------------------------------------ keyctl calls that answer a number

    /** {@code update KEY DATA}. */
    SysResult update(ScriptLine l) {
        return call(new KeyOp.Update(key(l.arg(0)), data(l.arg(1))));
    }

    /** {@code link KEY RING}. */
    SysResult link(ScriptLine l) {
        return call(new KeyOp.Link(key(l.arg(0)), key(l.arg(1))));
    }

    /** {@code unlink KEY RING}. */
    SysResult unlink(ScriptLine l) {
        return call(new KeyOp.Unlink(key(l.arg(0)), key(l.arg(1))));
    }

    /** {@code move KEY FROM TO [FLAGS]}. */
    SysResult move(ScriptLine l) {
        return call(new KeyOp.Move(key(l.arg(0)), key(l.arg(1)), key(l.arg(2)), l.argCount() > 3 ? l.number(3) : 0));
    }

    /** {@code revoke KEY}. */
    SysResult revoke(ScriptLine l) {
        return call(new KeyOp.Revoke(key(l.arg(0))));
    }

    /** {@code invalidate KEY}. */
    SysResult invalidate(ScriptLine l) {
        return call(new KeyOp.Invalidate(key(l.arg(0))));
    }

    /** {@code clear RING}. */
    SysResult clear(ScriptLine l) {
        return call(new KeyOp.Clear(key(l.arg(0))));
    }

    /** {@code setperm KEY PERM}. */
    SysResult setPerm(ScriptLine l) {
        return call(new KeyOp.SetPerm(key(l.arg(0)), l.number(1)));
    }

    /** {@code chown KEY UID GID}. */
    SysResult chown(ScriptLine l) {
        return call(new KeyOp.Chown(key(l.arg(0)), l.number(1), l.number(2)));
    }

    /** {@code timeout KEY SECS}. */
    SysResult timeout(ScriptLine l) {
        return call(new KeyOp.SetTimeout(key(l.arg(0)), l.number(1)));
    }

    /** {@code restrict RING TYPE RESTRICTION}; {@code -} is a null TYPE or RESTRICTION. */
    SysResult restrict(ScriptLine l) {
        return call(new KeyOp.Restrict(key(l.arg(0)), dashIsNull(l.arg(1)), dashIsNull(l.arg(2))));
    }

    /** {@code watch FD KEY TAG}: KEYCTL_WATCH_KEY. */
    SysResult watch(ScriptLine l) {
        return call(new KeyOp.Watch(key(l.arg(1)), queueIdOf(l.arg(0)), l.number(2)));
    }

    /** {@code unwatch FD KEY}: KEYCTL_WATCH_KEY with the tag that removes the watch. */
    SysResult unwatch(ScriptLine l) {
        return call(new KeyOp.Watch(key(l.arg(1)), queueIdOf(l.arg(0)), WatchList.REMOVE_TAG));
    }

    /** {@code gcdelay SECS}: a write to /proc/sys/kernel/keys/gc_delay. */
    SysResult gcDelay(ScriptLine l) {
        return kernel.await(keys.setGcDelay(l.number(0)));
    }

    // ------------------------------------------------------------------ keyctl calls that copy text out

    /** {@code describe KEY}: KEYCTL_DESCRIBE, printed as {@code = LENGTH "TEXT"}. */
    void describe(ScriptLine l, StringBuilder out) {
        returningText(out, call(new KeyOp.Describe(key(l.arg(0)))));
    }

    /** {@code readkey KEY}: KEYCTL_READ, printed as {@code = LENGTH "TEXT"}. */
    void readKey(ScriptLine l, StringBuilder out) {
        returningText(out, call(new KeyOp.Read(key(l.arg(0)))));
    }

    /** {@code keylabel KEY}: KEYCTL_GET_SECURITY, the label printed as it is. */
    void keyLabel(ScriptLine l, StringBuilder out) {
        SysResult r = call(new KeyOp.GetSecurity(key(l.arg(0))));
        if (r.isOk()) {
            OpOutput.value(out, new String(r.data(), StandardCharsets.UTF_8));
        } else {
            OpOutput.result(out, r);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A key call as the script's process; the special keyrings it has afterwards get their names. */
    private SysResult call(KeyOp op) {
        SysResult r = kernel.await(keys.call(PID, process.credentials(), op));
        nameSpecials();
        return r;
    }

    /** The special keyrings the process has now get their names ({@code @s}, ...), unless they have one. */
    private void nameSpecials() {
        kernel.await(keys.specials(PID, process.credentials()))
                .forEach((id, serial) -> names.bind(serial, ScriptKeys.specialName(id)));
    }

    /** A KEY argument: a bound name, a special keyring, a literal serial; an unbound name is 0. */
    private int key(String arg) {
        Integer special = ScriptKeys.SPECIALS.get(arg);
        if (special != null) {
            return special;
        }
        Integer bound = names.serialOf(arg);
        if (bound != null) {
            return bound;
        }
        return (int) CNumber.parse(arg).orElse(0);
    }

    /** The queue id behind an FD argument, or {@link #NO_QUEUE} when it is not an open notification pipe. */
    private long queueIdOf(String fdArg) {
        QueuePipe q = files.notificationPipe(fdArg);
        return q != null ? q.id() : NO_QUEUE;
    }

    private static byte[] data(String arg) {
        return arg.equals("-") ? null : arg.getBytes(StandardCharsets.UTF_8);
    }

    private static String dashIsNull(String arg) {
        return arg.equals("-") ? null : arg;
    }

    /** An op that returns a key: bind NAME to it and print the key's (first) name. */
    private void returningKey(StringBuilder out, String name, SysResult r) {
        if (!r.isOk() || r.value() == 0) {
            OpOutput.result(out, r);
            return;
        }
        int serial = (int) r.value();
        names.bindName(name, serial);
        OpOutput.value(out, names.display(serial));
    }

    /** An op that copies text out: its length and the text, bytes outside printable ASCII as {@code \xNN}. */
    private static void returningText(StringBuilder out, SysResult r) {
        if (!r.isOk()) {
            OpOutput.result(out, r);
            return;
        }
        OpOutput.value(out, r.value() + " \"" + printable(r.data()) + "\"");
    }

    private static String printable(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
