package io.watchsim.simulations.script;

import io.watchsim.queues.SysResult;

/**
 * The lines an op prints after its own {@code > OP} line ({@code docs/SCRIPT-LANGUAGE.md}): a
 * call's result as {@code = VALUE} or {@code = -1 ENAME (errno N)}, or a value an op prints in
 * its place (a key's name, a label). Every result line starts with two blanks.
 */
final class OpOutput {
    private OpOutput() {
    }

    /** {@code = VALUE} for a call that succeeded, {@code = -1 ENAME (errno N)} for one that failed. */
    static void result(StringBuilder out, SysResult r) {
        if (r.isOk()) {
            value(out, r.value());
        } else {
            value(out, "-1 " + r.errno().display());
        }
    }

    /** {@code = TEXT}. */
    static void value(StringBuilder out, Object text) {
        out.append("  = ").append(text).append('\n');
    }
}
