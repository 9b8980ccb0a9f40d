package io.watchsim.simulations.script;

import io.watchsim.sources.keys.KeyTable;

import java.util.Map;

/**
 * How a script names keys: KEY arguments (a bound name, a special keyring, a literal serial, or
 * an unbound name meaning 0) and the special keyrings' print names. The special names are
 * keyutils' ({@code get_key_id()} in keyctl.c), which keyctl reads too.
 */
public final class ScriptKeys {
    private ScriptKeys() {
    }

    /** {@code @t}, {@code @p}, {@code @s}, {@code @u}, {@code @us} and {@code @g}: the special keyring ids of {@link KeyTable}. */
    public static final Map<String, Integer> SPECIALS = Map.of(
            "@t", KeyTable.THREAD, "@p", KeyTable.PROCESS, "@s", KeyTable.SESSION,
            "@u", KeyTable.USER, "@us", KeyTable.USER_SESSION, "@g", KeyTable.GROUP);

    static String specialName(int id) {
        return switch (id) {
            case KeyTable.THREAD -> "@t";
            case KeyTable.PROCESS -> "@p";
            case KeyTable.SESSION -> "@s";
            case KeyTable.USER -> "@u";
            case KeyTable.USER_SESSION -> "@us";
            default -> "@g";
        };
    }
}
