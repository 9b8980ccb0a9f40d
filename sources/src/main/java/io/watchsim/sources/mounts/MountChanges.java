package io.watchsim.sources.mounts;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MountChangeTracker} walk found: the mounts that appeared, went or changed since the
 * tracker's previous walk, and how many fsinfo-style queries it took to find them.
 *
 * @param changes   one entry per mount, ordered by mount id, a mount that went before the one that
 *                  took its id
 * @param infoCalls the {@code mountinfo} queries of this walk (a full rescan makes one per mount)
 * @param raced     a mount named by its parent's answer had gone, or had been replaced, by the time
 *                  it was asked about: the tree changed during the walk, so the report mixes moments
 *                  (records of those changes follow in the queue)
 */
public record MountChanges(List<Change> changes, int infoCalls, boolean raced) {
    /** Nothing changed, and nothing was asked. */
    public static final MountChanges NONE = new MountChanges(List.of(), 0, false);

    public MountChanges {
        changes = changes.stream().sorted(Comparator.comparingInt((Change c) -> c.mntId())
                .thenComparing(Change::kind)).toList();
    }

    /** How a mount differs between two walks. */
    public enum Kind {
        /** It was there and is no more: unmounted (its id may now name another mount). */
        GONE,
        /** It is new: mounted, or a new mount that took a freed mount id. */
        APPEARED,
        /** The same mount (same unique id), with its topology or attribute counter moved. */
        CHANGED
    }

    /** A mount's two counters as a walk saw them (u32: print them unsigned). */
    public record Counters(int topologyChanges, int attrChanges) {
        @Override
        public String toString() {
            return "topology=" + Integer.toUnsignedString(topologyChanges) + " attr="
                    + Integer.toUnsignedString(attrChanges);
        }
    }

    /**
     * One mount's change: its mount id and unique id, its counters at the previous walk
     * ({@code before}, null for a mount that appeared) and now ({@code after}, null for one that went).
     */
    public record Change(Kind kind, int mntId, long uniqueId, Counters before, Counters after) {
        public Change {
            Objects.requireNonNull(kind);
            if ((before == null) != (kind == Kind.APPEARED) || (after == null) != (kind == Kind.GONE)) {
                throw new IllegalArgumentException(kind + " with counters before " + before + " and after " + after);
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + Integer.toUnsignedString(mntId) + " (unique "
                    + uniqueId + ")" + (before == null ? "" : " was " + before) + (after == null ? "" : " now " + after);
        }
    }

    /** The changes of one kind, in mount id order. */
    public List<Change> of(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
