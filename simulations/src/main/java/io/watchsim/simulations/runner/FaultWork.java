package io.watchsim.simulations.runner;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What one firing does once its members are picked: it makes its kernel calls through the
 * {@link Firing} and completes with the detail the fault log records (what was touched and how
 * the kernel answered). It never fails: an unexpected failure becomes the detail.
 */
@FunctionalInterface
interface FaultWork {
    CompletionStage<String> run(Firing firing);

    /** How many members to name in a detail before counting the rest. */
    int NAMED = 8;

    /**
     * {@code spares: 3 of 100 objects (key 12, key 34, key 56)}: the group, how many of how many
     * were picked and the first {@link #NAMED} of them. When fewer were picked than the share asked
     * for ({@code asked}), because this fault had already hit the others, it says so:
     * {@code spares: 2 of 100 objects, short of the 20 asked: this fault hit the other 98 before
     * (key 12, key 34)}; {@code ... 0 of 100 objects, short of the 20 asked: this fault hit all 100
     * before}.
     */
    static <T> String picked(String group, String noun, List<T> picked, int asked, int size, Function<T, String> name) {
        StringBuilder sb = new StringBuilder(group).append(": ").append(picked.size()).append(" of ").append(size)
                .append(' ').append(noun);
        if (picked.size() < asked) {
            sb.append(", short of the ").append(asked).append(" asked: this fault hit ")
                    .append(picked.isEmpty() ? "all " + size : "the other " + (size - picked.size())).append(" before");
        }
        if (!picked.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < Math.min(NAMED, picked.size()); i++) {
                sb.append(i == 0 ? "" : ", ").append(name.apply(picked.get(i)));
            }
            if (picked.size() > NAMED) {
                sb.append(" and ").append(picked.size() - NAMED).append(" more");
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
