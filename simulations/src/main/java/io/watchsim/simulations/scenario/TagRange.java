package io.watchsim.simulations.scenario;

/**
 * The tags a watch rule gives its watches: one tag, or a range whose tags the rule's watches take
 * in turn (watch n gets {@code first + n mod (last - first + 1)}). The kernel writes a watch's tag
 * into info bits 8..15 of each record it posts, so tags are 0..255.
 */
public record TagRange(int first, int last) {
    public static final int MAX_TAG = 255;

    public static TagRange of(int tag) {
        return new TagRange(tag, tag);
    }

    /** Parses {@code 5} or {@code 1..8}. */
    public static TagRange parse(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        try {
            if (dots < 0) {
                return of(Integer.parseInt(t));
            }
            return new TagRange(Integer.parseInt(t.substring(0, dots).strip()),
                    Integer.parseInt(t.substring(dots + 2).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a tag 0..255 or a range FIRST..LAST (1..8)");
        }
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + ".." + last;
    }
}
