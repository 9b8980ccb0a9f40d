package io.watchsim.simulations.scenario;

/**
 * How an object group is laid out: {@linkplain Flat flat}, a {@linkplain Tree tree} of keyrings, or
 * one {@linkplain Hot hot} object that many queues watch.
 */
public sealed interface Shape {
    /** Every object linked straight into the group's keyring (see {@link ObjectGroup#linkedInto()}). */
    Shape FLAT = new Flat();
    /** One object, meant to be watched by many queues: the group's count is 1. */
    Shape HOT = new Hot();

    /** {@code flat}, {@code tree} or {@code hot}, as a scenario file writes it. */
    String keyword();

    static Shape tree(int depth) {
        return new Tree(depth);
    }

    /** Each object is linked into the group's keyring directly. */
    record Flat() implements Shape {
        @Override
        public String keyword() {
            return "flat";
        }
    }

    /** The group's single object; watches on the group all watch it. */
    record Hot() implements Shape {
        @Override
        public String keyword() {
            return "hot";
        }
    }

    /**
     * The group's objects are the leaves of a tree of keyrings {@code depth} levels deep: one root
     * keyring (linked into the group's keyring), each keyring holding {@link #fanout} children, the
     * group's objects at the bottom. The runner makes the inner keyrings; watches and generators
     * act on the leaves only.
     *
     * @param depth levels of links from the root keyring to a leaf, 1..{@value ObjectGroup#MAX_TREE_DEPTH}
     */
    record Tree(int depth) implements Shape {
        @Override
        public String keyword() {
            return "tree";
        }

        /** The smallest fanout F (at least 1) with F^depth at least {@code leaves}. */
        public int fanout(long leaves) {
            if (depth < 1 || leaves <= 1) {
                return 1;
            }
            int f = Math.max(1, (int) Math.floor(Math.pow(leaves, 1.0 / depth)));
            while (power(f, depth) < leaves) {
                f++;
            }
            return f;
        }

        /**
         * The inner keyrings the tree needs above {@code leaves} leaves: level k from the bottom
         * (k = 1..depth) holds ceil(leaves / F^k) keyrings, the top level one.
         */
        public long innerKeyrings(long leaves) {
            if (depth < 1) {
                return 0;
            }
            long f = fanout(leaves);
            long total = 0;
            long level = Math.max(1, leaves);
            for (int k = 1; k <= depth; k++) {
                level = (level + f - 1) / f;
                total += level;
            }
            return total;
        }

        private static long power(long base, int exp) {
            long r = 1;
            for (int i = 0; i < exp; i++) {
                r *= base;
                if (r >= Long.MAX_VALUE / Math.max(2, base)) {
                    return Long.MAX_VALUE;
                }
            }
            return r;
        }
    }
}
