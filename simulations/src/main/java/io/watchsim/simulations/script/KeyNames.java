package io.watchsim.simulations.script;

import java.util.HashMap;
import java.util.Map;

/**
 * How a script prints key serials: by the name a script op bound, else as {@code ?1}, {@code ?2},
 * ... in order of first appearance. Serial 0 prints as {@code 0}.
 */
final class KeyNames {
    private final Map<Integer, String> names = new HashMap<>();
    private int unnamed;

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
