package io.watchsim.simulations.script;

import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.TypeFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The arguments of a script's {@code filter} op turned into the struct a C program would pass:
 * {@code none} (a null pointer), or {@code [reserved=N] [nr=N] [empty] TYPE:SUB0[,..SUB7][:IF:IM]...}.
 */
final class FilterSpec {
    private FilterSpec() {
    }

    /** The request, or null for {@code none}. */
    static FilterRequest parse(List<String> args, Function<String, RuntimeException> error) {
        if (args.isEmpty()) {
            throw error.apply("filter needs 'none' or at least one TYPE:SUB0 spec");
        }
        if (args.size() == 1 && args.get(0).equals("none")) {
            return null;
        }
        Long nr = null;
        long reserved = 0;
        boolean empty = false;
        List<TypeFilter> filters = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("nr=")) {
                nr = u32(a.substring(3), "nr", error);
            } else if (a.startsWith("reserved=")) {
                reserved = u32(a.substring(9), "reserved", error);
            } else if (a.equals("empty")) {
                empty = true;
            } else if (a.equals("none")) {
                throw error.apply("'none' must stand alone; expected: filter FD none");
            } else {
                filters.add(typeFilter(a, error));
            }
        }
        if (filters.size() > FilterRequest.MAX_FILTERS) {
            throw error.apply(filters.size() + " type filters given; expected at most " + FilterRequest.MAX_FILTERS
                    + " (use nr=N to pass a larger nr_filters)");
        }
        if (empty && !filters.isEmpty()) {
            throw error.apply("'empty' passes nr_filters = 0 and takes no spec; expected: filter FD [reserved=N] empty");
        }
        int count = empty ? 0 : nr != null ? (int) (long) nr : filters.size();
        return new FilterRequest(count, (int) reserved, filters);
    }

    private static TypeFilter typeFilter(String spec, Function<String, RuntimeException> error) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 2 && parts.length != 4) {
            throw error.apply("filter spec '" + spec + "' is malformed; expected TYPE:SUB0[,SUB1,...,SUB7][:INFO_FILTER:INFO_MASK]");
        }
        int type = (int) u32(parts[0], "TYPE in '" + spec + "'", error);
        String[] subs = parts[1].split(",", -1);
        if (subs.length > TypeFilter.SUBTYPE_WORDS) {
            throw error.apply("filter spec '" + spec + "' has " + subs.length + " subtype words; at most 8");
        }
        int[] words = new int[TypeFilter.SUBTYPE_WORDS];
        for (int i = 0; i < subs.length; i++) {
            words[i] = (int) u32(subs[i], "SUB" + i + " in '" + spec + "'", error);
        }
        int infoFilter = 0;
        int infoMask = 0;
        if (parts.length == 4) {
            infoFilter = (int) u32(parts[2], "INFO_FILTER in '" + spec + "'", error);
            infoMask = (int) u32(parts[3], "INFO_MASK in '" + spec + "'", error);
        }
        return new TypeFilter(type, infoFilter, infoMask, words);
    }

    private static long u32(String text, String what, Function<String, RuntimeException> error) {
        OptionalLong v = CNumber.parse(text);
        if (v.isEmpty() || !CNumber.fits32(v.getAsLong())) {
            throw error.apply(what + " '" + text + "' is not a 32-bit number; expected decimal or 0x hex");
        }
        return v.getAsLong();
    }
}
