package io.watchsim.simulations.script;

import io.watchsim.policies.Capability;
import io.watchsim.policies.selinux.TeClass;
import io.watchsim.policies.selinux.TePolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a kernel script into {@link ScriptLine}s: tokenises (blanks separate tokens, a token in
 * double quotes may hold blanks, {@code #} at the start of a token starts a comment), expands
 * {@code repeat}, and checks every op, argument count, number and queue or pipe name before
 * anything runs. Mistakes are reported as {@code FILE:LINE: what was found, what was expected}.
 */
final class ScriptParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");
    private static final int MAX_REPEAT = 1_000_000;
    /** poll()'s timeout is a C int; a negative one would wait for ever, which a script cannot. */
    static final long MAX_POLL_MS = Integer.MAX_VALUE;
    /**
     * The longest {@code sleep}: KTIME_MAX nanoseconds (about 292 years), the longest a Linux
     * sleep can be (nanosleep() turns its timespec into a ktime_t, which saturates there). One
     * sleep can thus outlast any key: the longest timeout (an unsigned int of seconds) plus the
     * longest gc delay (INT_MAX seconds) is about 6.4e12 ms, under this 9.2e12 ms.
     */
    static final long MAX_SLEEP_MS = Long.MAX_VALUE / 1_000_000;
    /** The modes of {@code lsm selinux}. */
    static final Set<String> SELINUX_MODES = Set.of("strict", "extended");

    private final String source;
    private final Set<String> pipeNames = new HashSet<>();
    /** Whether an op other than echo came before: lsm must come first. */
    private boolean opSeen;
    /** The line of {@code lsm selinux}, or 0 when the script boots Smack. */
    private int selinuxAt;

    private ScriptParser(String source) {
        this.source = source;
    }

    /** Parses the text of a script; {@code source} names it in error messages. */
    static List<ScriptLine> parse(String source, String text) {
        return new ScriptParser(source).parseAll(text);
    }

    private record Token(String text, String raw) {
    }

    private List<ScriptLine> parseAll(String text) {
        List<ScriptLine> lines = new ArrayList<>();
        String[] rows = text.split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            int lineNo = i + 1;
            List<Token> tokens = tokenize(rows[i], lineNo);
            if (tokens.isEmpty()) {
                continue;
            }
            if (tokens.get(0).text().equals("repeat")) {
                expandRepeat(tokens, lineNo, lines);
            } else {
                lines.add(check(tokens, lineNo));
            }
        }
        return lines;
    }

    private List<Token> tokenize(String row, int lineNo) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = row.length();
        while (i < n) {
            char c = row.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            if (c == '"') {
                int end = row.indexOf('"', i + 1);
                if (end < 0) {
                    throw error(lineNo, "unterminated quote starting at column " + (i + 1)
                            + "; expected a closing \"");
                }
                tokens.add(new Token(row.substring(i + 1, end), row.substring(i, end + 1)));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < n && row.charAt(i) != ' ' && row.charAt(i) != '\t') {
                i++;
            }
            String t = row.substring(start, i);
            tokens.add(new Token(t, t));
        }
        return tokens;
    }

    private void expandRepeat(List<Token> tokens, int lineNo, List<ScriptLine> out) {
        if (tokens.size() < 3) {
            throw error(lineNo, "repeat needs a count and an op; expected: " + Op.REPEAT.usage);
        }
        long count = number(tokens.get(1).text(), lineNo, "repeat count");
        if (count < 0 || count > MAX_REPEAT) {
            throw error(lineNo, "repeat count " + count + " is out of range; allowed 0.." + MAX_REPEAT);
        }
        if (tokens.get(2).text().equals("repeat")) {
            throw error(lineNo, "repeat cannot repeat a repeat; expected: " + Op.REPEAT.usage);
        }
        List<Token> body = tokens.subList(2, tokens.size());
        for (long k = 1; k <= count; k++) {
            String index = Long.toString(k);
            List<Token> expanded = new ArrayList<>(body.size());
            for (Token t : body) {
                expanded.add(new Token(t.text().replace("%i", index), t.raw().replace("%i", index)));
            }
            out.add(check(expanded, lineNo));
        }
    }

    private ScriptLine check(List<Token> tokens, int lineNo) {
        String word = tokens.get(0).text();
        Op op = Op.byWord(word).orElseThrow(() -> error(lineNo, "unknown op '" + visible(word) + "'; expected one of: "
                + Op.knownWords()));
        List<String> args = new ArrayList<>();
        StringBuilder display = new StringBuilder(op.word);
        for (Token t : tokens.subList(1, tokens.size())) {
            args.add(t.text());
            display.append(' ').append(t.raw());
        }
        if (args.size() < op.minArgs || (op.maxArgs >= 0 && args.size() > op.maxArgs)) {
            throw error(lineNo, op.word + " takes " + arity(op) + ", found " + args.size() + "; expected: " + op.usage);
        }
        ScriptLine line = new ScriptLine(lineNo, op, args, display.toString());
        checkArguments(line);
        checkLsm(line);
        if (op != Op.ECHO) {
            opSeen = true;
        }
        return line;
    }

    /** {@code text} with invisible characters (a stray byte-order mark, controls) shown as {@code U+XXXX}. */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isWhitespace(c)) {
                sb.append(String.format("U+%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static String arity(Op op) {
        if (op.maxArgs < 0) {
            return "at least " + op.minArgs + " argument" + (op.minArgs == 1 ? "" : "s");
        }
        if (op.minArgs == op.maxArgs) {
            return op.minArgs + " argument" + (op.minArgs == 1 ? "" : "s");
        }
        return op.minArgs + " to " + op.maxArgs + " arguments";
    }

    private void checkArguments(ScriptLine l) {
        switch (l.op()) {
            case QUEUE, PIPE -> {
                bindName(l, l.arg(0));
                if (l.argCount() == 2 && !l.arg(1).equals("cloexec")) {
                    throw error(l.line(), "unknown queue flag '" + l.arg(1) + "'; expected: cloexec");
                }
            }
            case PIPE2RAW -> number(l, 0, "FLAGS");
            case SETSIZE, SETPIPESZ -> {
                fd(l, 0);
                number(l, 1, "N");
            }
            case FILTER -> {
                fd(l, 0);
                FilterSpec.parse(l.args().subList(1, l.argCount()), msg -> error(l.line(), msg));
            }
            case READ, READONE -> {
                fd(l, 0);
                if (l.argCount() == 2) {
                    long size = number(l, 1, "BUFSZ");
                    if (size < 0 || size > 1 << 20) {
                        throw error(l.line(), "BUFSZ " + size + " is out of range; allowed 0.." + (1 << 20));
                    }
                }
            }
            case POLL -> {
                fd(l, 0);
                inRange(l, 1, "MS", MAX_POLL_MS, "poll()'s timeout is a C int");
            }
            case FIONREAD, GETPIPESZ, CLOSE -> fd(l, 0);
            case WRITE -> fd(l, 0);
            case SPLICE, TEE -> {
                fd(l, 0);
                fd(l, 1);
                nonNegative(l, 2, "LEN");
            }
            case SLEEP -> inRange(l, 0, "MS", MAX_SLEEP_MS, "the longest sleep Linux can time, KTIME_MAX ns");
            case SETUID -> number(l, 0, "UID");
            case ADD, NEWRING, BIND -> checkName(l, l.arg(0));
            case REQUEST -> {
                checkName(l, l.arg(0));
                Callout.parse(l.args().subList(4, l.argCount()), msg -> error(l.line(), msg));
            }
            case REQUESTW -> {
                checkName(l, l.arg(0));
                fd(l, 4);
                number(l, 5, "TAG");
                List<String> words = l.args().subList(6, l.argCount());
                if (!words.isEmpty() && words.get(0).equals("waitwatch")) {
                    words = words.subList(1, words.size());
                }
                Callout.parse(words, msg -> error(l.line(), msg));
            }
            case MOVE -> {
                if (l.argCount() > 3) {
                    number(l, 3, "FLAGS");
                }
            }
            case SETPERM -> number(l, 1, "PERM");
            case CHOWN -> {
                number(l, 1, "UID");
                number(l, 2, "GID");
            }
            // Any number: KEYCTL_SET_TIMEOUT cuts it to an unsigned int, as the probe's syscall would.
            case TIMEOUT -> number(l, 1, "SECS");
            case GCDELAY -> nonNegative(l, 0, "SECS");
            case WATCH -> {
                fd(l, 0);
                number(l, 2, "TAG");
            }
            case UNWATCH -> fd(l, 0);
            case SETGID -> number(l, 0, "GID");
            case CAPDROP -> {
                if (Capability.parse(l.arg(0)).isEmpty()) {
                    throw error(l.line(), "unknown capability '" + l.arg(0)
                            + "'; expected a name such as mac_override, CAP_SYS_ADMIN, or a number 0..40");
                }
            }
            case POST -> {
                fd(l, 0);
                for (int i = 1; i < l.argCount(); i++) {
                    long v = number(l, i, i == 1 ? "TYPE" : i == 2 ? "SUBTYPE" : i == 3 ? "TAG" : "WORD");
                    if (!CNumber.fits32(v)) {
                        throw error(l.line(), "'" + l.arg(i) + "' does not fit in 32 bits; expected a value from "
                                + Integer.MIN_VALUE + " to " + 0xFFFF_FFFFL);
                    }
                }
            }
            case MKDIR, TOUCH, EXPIRE, SBEDQUOT, SBNETWORK, MOUNTINFO -> path(l, 0);
            case MOUNT -> {
                checkName(l, l.arg(0));
                path(l, 2);
                if (l.argCount() == 4) {
                    options(l, 3, java.util.Set.of("ro", "nosuid", "nodev", "noexec", "noatime"));
                }
            }
            case TEALLOW -> checkAllow(l);
            case BINDMOUNT -> {
                checkName(l, l.arg(0));
                path(l, 1);
                path(l, 2);
            }
            case AUTOMOUNT -> {
                checkName(l, l.arg(0));
                path(l, 2);
            }
            case UMOUNT -> {
                path(l, 0);
                if (l.argCount() == 2 && !l.arg(1).equals("detach")) {
                    throw error(l.line(), "unknown umount flag '" + l.arg(1) + "'; expected: detach");
                }
            }
            case MOVEMOUNT, RENAME -> {
                path(l, 0);
                path(l, 1);
            }
            case RENAMERACE -> checkRenameRace(l);
            case REMOUNT -> {
                path(l, 0);
                options(l, 1, java.util.Set.of("ro", "rw", "nosuid", "suid", "nodev", "dev", "noexec", "exec",
                        "noatime", "atime"));
            }
            case SBREMOUNT -> {
                path(l, 0);
                if (!l.arg(1).equals("ro") && !l.arg(1).equals("rw")) {
                    throw error(l.line(), "'" + l.arg(1) + "' is not a superblock state; expected ro or rw");
                }
            }
            case WATCHMOUNT, WATCHSB -> {
                fd(l, 0);
                path(l, 1);
                fits32(l, 2, "TAG");
                if (l.argCount() == 4) {
                    fits32(l, 3, "FLAGS");
                }
            }
            case UNWATCHMOUNT, UNWATCHSB -> {
                fd(l, 0);
                path(l, 1);
            }
            case SBERROR -> {
                path(l, 0);
                if (MountCalls.errorNumber(l.arg(1)).isEmpty()) {
                    throw error(l.line(), "'" + l.arg(1) + "' is not an errno; expected a name such as EIO or a number 0..4095");
                }
            }
            default -> {
                // echo takes any text
            }
        }
    }

    /**
     * {@code lsm} chooses the LSM the script's kernel boots with, so it comes before any other op;
     * the SELinux ops need {@code lsm selinux}, and the Smack ops a kernel that has Smack.
     */
    private void checkLsm(ScriptLine l) {
        switch (l.op()) {
            case LSM -> {
                if (opSeen) {
                    throw error(l.line(), "lsm chooses the LSM the kernel boots with, so it must be the script's first op"
                            + " (only echo and comments may come before it)");
                }
                boolean selinux = l.arg(0).equals("selinux");
                if (!selinux && !l.arg(0).equals("smack")) {
                    throw error(l.line(), "unknown LSM '" + l.arg(0) + "'; expected smack or selinux");
                }
                if (l.argCount() == 2 && (!selinux || !SELINUX_MODES.contains(l.arg(1)))) {
                    throw error(l.line(), "'" + l.arg(1) + "' is no mode of " + l.arg(0) + "; expected: " + Op.LSM.usage);
                }
                selinuxAt = selinux ? l.line() : 0;
            }
            case TEALLOW, SECONTEXT -> {
                if (selinuxAt == 0) {
                    throw error(l.line(), l.op().word + " is an SELinux op, and this script's kernel has Smack; "
                            + "expected 'lsm selinux' as the script's first op");
                }
            }
            case SMACKLABEL, SMACKRULE -> {
                if (selinuxAt != 0) {
                    throw error(l.line(), l.op().word + " is a Smack op, and this script's kernel boots SELinux "
                            + "(lsm selinux, line " + selinuxAt + "); expected teallow or secontext");
                }
            }
            default -> {
                // no LSM of its own
            }
        }
    }

    /** {@code teallow SOURCE TARGET CLASS PERM...}: type names, a class of the engine, its permissions. */
    private void checkAllow(ScriptLine l) {
        for (int i = 0; i < 2; i++) {
            String problem = i == 1 && l.arg(i).equals("self") ? null : TePolicy.typeNameProblem(l.arg(i));
            if (problem != null) {
                throw error(l.line(), (i == 0 ? "SOURCE" : "TARGET") + ": " + problem
                        + (i == 1 ? " (or self)" : ""));
            }
        }
        TeClass cls = TeClass.byName(l.arg(2)).orElseThrow(() -> error(l.line(), "unknown class '" + l.arg(2)
                + "'; expected one of " + TeClass.names()));
        for (String perm : l.args().subList(3, l.argCount())) {
            if (cls.bit(perm) == 0) {
                throw error(l.line(), "'" + perm + "' is no permission of class " + cls.className() + "; expected "
                        + String.join(", ", cls.permissions()));
            }
        }
    }

    /** The ops a {@code renamerace} may race with: the mount calls that walk rootward. */
    static final Set<Op> RACEABLE = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(Op.MOUNT, Op.BINDMOUNT,
            Op.AUTOMOUNT, Op.UMOUNT, Op.MOVEMOUNT, Op.REMOUNT, Op.EXPIRE));

    /** {@code renamerace N FROM TO OP ARGS...}: N a count of watched directories, two paths, then a whole mount op. */
    private void checkRenameRace(ScriptLine l) {
        inRange(l, 0, "N", Integer.MAX_VALUE, "a count of watched directories the walk reaches first");
        path(l, 1);
        path(l, 2);
        Op inner = Op.byWord(l.arg(3)).filter(RACEABLE::contains).orElseThrow(() -> error(l.line(), "renamerace races "
                + "with a mount op that walks, found '" + visible(l.arg(3)) + "'; expected one of: "
                + RACEABLE.stream().map(o -> o.word).collect(java.util.stream.Collectors.joining(", "))));
        int n = l.argCount() - 4;
        if (n < inner.minArgs || (inner.maxArgs >= 0 && n > inner.maxArgs)) {
            throw error(l.line(), inner.word + " takes " + arity(inner) + ", found " + n + "; expected: renamerace N "
                    + "FROM TO " + inner.usage);
        }
        checkArguments(l.racedCall());
    }

    /** A PATH argument: absolute, as every path of a script is. */
    private void path(ScriptLine l, int i) {
        if (!l.arg(i).startsWith("/")) {
            throw error(l.line(), "path '" + l.arg(i) + "' is not absolute; expected a path that starts with /");
        }
    }

    /**
     * A comma list of the option words in {@code allowed}; a mount's also takes the label options
     * {@code smackfsdef=LABEL} and {@code context=CONTEXT}, whose values the kernel checks.
     */
    private void options(ScriptLine l, int i, Set<String> allowed) {
        boolean labels = l.op() == Op.MOUNT;
        for (String word : l.arg(i).split(",", -1)) {
            if (labels && (word.startsWith("smackfsdef=") || word.startsWith("context="))) {
                continue;
            }
            if (!allowed.contains(word)) {
                throw error(l.line(), "option '" + word + "' in '" + l.arg(i) + "' is not one of "
                        + String.join(", ", new java.util.TreeSet<>(allowed))
                        + (labels ? ", smackfsdef=LABEL, context=CONTEXT" : "") + "; expected a comma list of them");
            }
        }
    }

    /** A number a system call takes as a 32-bit int. */
    private void fits32(ScriptLine l, int i, String what) {
        long v = number(l, i, what);
        if (!CNumber.fits32(v)) {
            throw error(l.line(), what + " '" + l.arg(i) + "' does not fit in 32 bits; expected a value from "
                    + Integer.MIN_VALUE + " to " + 0xFFFF_FFFFL);
        }
    }

    private void bindName(ScriptLine l, String name) {
        checkName(l, name);
        pipeNames.add(name);
    }

    private void checkName(ScriptLine l, String name) {
        if (!NAME.matcher(name).matches()) {
            throw error(l.line(), "'" + name + "' is not a valid name; expected a letter or _ then letters, digits, _ or -");
        }
    }

    /** An FD argument: a bound queue or pipe name, NAME.w, or a literal descriptor number. */
    private void fd(ScriptLine l, int i) {
        String t = l.arg(i);
        if (CNumber.parse(t).isPresent()) {
            return;
        }
        String name = t.endsWith(".w") ? t.substring(0, t.length() - 2) : t;
        if (!pipeNames.contains(name)) {
            throw error(l.line(), "'" + t + "' is not a queue or pipe named by an earlier queue or pipe op;"
                    + " expected NAME, NAME.w or a descriptor number");
        }
    }

    private long number(ScriptLine l, int i, String what) {
        return number(l.arg(i), l.line(), what);
    }

    private void nonNegative(ScriptLine l, int i, String what) {
        long v = number(l, i, what);
        if (v < 0) {
            throw error(l.line(), what + " " + v + " is negative; expected 0 or more");
        }
    }

    private void inRange(ScriptLine l, int i, String what, long max, String why) {
        long v = number(l, i, what);
        if (v < 0 || v > max) {
            throw error(l.line(), what + " " + l.arg(i) + " is out of range; allowed 0.." + max + " (" + why + ")");
        }
    }

    private long number(String token, int lineNo, String what) {
        OptionalLong v = CNumber.parse(token);
        if (v.isEmpty()) {
            throw error(lineNo, what + " '" + token + "' is not a number; expected decimal, 0x hex or 0 octal");
        }
        return v.getAsLong();
    }

    private ScriptException error(int lineNo, String message) {
        return new ScriptException(source, lineNo, message);
    }
}
