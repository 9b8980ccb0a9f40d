package io.watchsim.simulations.script;

import java.util.HashMap;
import java.util.Map;

/**
 * How a script prints key serials: by the name a script op bound, else as {@code ?1}, {@code ?2},
 * ... in order of first appearance. Serial 0 prints as {@code 0}.
 */
final class KeyNames {
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<String, Integer> serials = new HashMap<>();
    private int unnamed;

    /** Binds {@code name} to {@code serial} (rebinding the name); the serial keeps its first name. */
    void bindName(String name, int serial) {
        serials.put(name, serial);
        bind(serial, name);
    }

    /** The serial a script name was bound to, or null. */
    Integer serialOf(String name) {
        return serials.get(name);
    }

    /** Binds a name to a serial unless the serial already has one (its first name stays). */
    void bind(int serial, String name) {
        names.putIfAbsent(serial, name);
    }

    /** The name of {@code serial}, giving it the next {@code ?N} if it has none. */
    String display(int serial) {
        if (serial == 0) {
            return "0";
        }
        return names.computeIfAbsent(serial, s -> "?" + (++unnamed));
    }

    /** The name of a serial seen before, or null: used for words, which never create names. */
    String known(int serial) {
        return serial == 0 ? null : names.get(serial);
    }
}
