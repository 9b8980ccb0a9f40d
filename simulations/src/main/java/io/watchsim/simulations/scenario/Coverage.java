package io.watchsim.simulations.scenario;

/**
 * Which queues of a group watch which objects of a group: {@linkplain All all of them}, or each
 * object by a few queues ({@linkplain Spread spread}).
 */
public sealed interface Coverage {
    /** Every queue watches every object. */
    Coverage ALL = new All();

    static Coverage spread(int perObject) {
        return new Spread(perObject);
    }

    /** {@code all} or {@code spread}, as a scenario file writes it. */
    String keyword();

    /** The watches this coverage sets between {@code objects} objects and {@code queues} queues. */
    long watches(long objects, long queues);

    /** objects x queues watches. */
    record All() implements Coverage {
        @Override
        public String keyword() {
            return "all";
        }

        @Override
        public long watches(long objects, long queues) {
            return objects * queues;
        }
    }

    /**
     * Object i is watched by queues (i x perObject + j) mod Q for j = 0..perObject-1: every
     * queue gets the same share of objects, objects x perObject watches in all.
     *
     * @param perObject how many queues watch each object, 1..the queue count
     */
    record Spread(int perObject) implements Coverage {
        @Override
        public String keyword() {
            return "spread";
        }

        @Override
        public long watches(long objects, long queues) {
            return objects * perObject;
        }
    }
}
