package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;

import java.util.Objects;

/**
 * Which queues watch which objects ({@code watches.NAME}): KEYCTL_WATCH_KEY calls (or, for a
 * mount tree, watch_mount or watch_sb calls) made by the runner before the workload starts.
 *
 * @param name     the rule's name
 * @param queues   the queue group whose queues watch
 * @param objects  the object group watched (kind key), or the mount tree (kind mount, superblock)
 * @param coverage every queue on every object, or each object by a few queues
 * @param tags     the tag, or tag range, of the watches
 * @param setter   the credentials the watches are set with (the watch_key hook judges them, and
 *                 the post hook compares the event source's with them)
 * @param kind     keys, mounts or superblocks
 * @param scope    for a mount tree: its top only, or every mount of it
 */
public record WatchRule(String name, String queues, String objects, Coverage coverage, TagRange tags,
                        Credentials setter, WatchKind kind, WatchScope scope) {
    public WatchRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(setter, "setter");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
    }

    /** A rule on keys. */
    public WatchRule(String name, String queues, String objects, Coverage coverage, TagRange tags, Credentials setter) {
        this(name, queues, objects, coverage, tags, setter, WatchKind.KEY, WatchScope.TOP);
    }

    /** Every queue of {@code queues} watches the mount tree {@code tree}'s top directory (watch_mount), tag 0, as root. */
    public static WatchRule mounts(String name, String queues, String tree) {
        return of(name, queues, tree).withKind(WatchKind.MOUNT);
    }

    public WatchRule withKind(WatchKind newKind) {
        return new WatchRule(name, queues, objects, coverage, tags, setter, newKind, scope);
    }

    public WatchRule withScope(WatchScope newScope) {
        return new WatchRule(name, queues, objects, coverage, tags, setter, kind, newScope);
    }

    /** Every queue of {@code queues} watches every object of {@code objects}, tag 0, as root. */
    public static WatchRule of(String name, String queues, String objects) {
        return new WatchRule(name, queues, objects, Coverage.ALL, TagRange.of(0), Credentials.root());
    }

    public WatchRule withCoverage(Coverage newCoverage) {
        return new WatchRule(name, queues, objects, newCoverage, tags, setter, kind, scope);
    }

    public WatchRule withTag(int tag) {
        return withTags(TagRange.of(tag));
    }

    public WatchRule withTags(TagRange newTags) {
        return new WatchRule(name, queues, objects, coverage, newTags, setter, kind, scope);
    }

    public WatchRule withSetter(Credentials newSetter) {
        return new WatchRule(name, queues, objects, coverage, tags, newSetter, kind, scope);
    }
}
