package io.watchsim.simulations.script;

import java.util.List;

/**
 * One operation of a script, after tokenising and {@code repeat} expansion.
 *
 * @param line    the line number in the source file (1-based)
 * @param op      the operation
 * @param args    the arguments, quotes removed
 * @param display the op line as it is printed: comment removed, blanks collapsed to one space
 */
record ScriptLine(int line, Op op, List<String> args, String display) {
    ScriptLine {
        args = List.copyOf(args);
    }

    String arg(int i) {
        return args.get(i);
    }

    int argCount() {
        return args.size();
    }

    /**
     * The call a {@code renamerace N FROM TO OP ARGS...} line races with: {@code OP ARGS...} as a line
     * of its own (same line number; the parser has checked that OP is an op).
     */
    ScriptLine racedCall() {
        Op inner = Op.byWord(arg(3)).orElseThrow();
        List<String> rest = args.subList(4, args.size());
        return new ScriptLine(line, inner, rest, String.join(" ", args.subList(3, args.size())));
    }

    /** Argument {@code i} as a number; the parser has checked that it is one. */
    long number(int i) {
        return CNumber.parse(arg(i)).orElseThrow();
    }
}
