package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;

import java.util.Objects;

/**
 * Which queues watch which objects ({@code watches.NAME}): KEYCTL_WATCH_KEY calls made by the
 * runner before the workload starts.
 *
 * @param name     the rule's name
 * @param queues   the queue group whose queues watch
 * @param objects  the object group watched
 * @param coverage every queue on every object, or each object by a few queues
 * @param tags     the tag, or tag range, of the watches
 * @param setter   the credentials the watches are set with (the watch_key hook judges them, and
 *                 the post hook compares the event source's with them)
 */
public record WatchRule(String name, String queues, String objects, Coverage coverage, TagRange tags,
                        Credentials setter) {
    public WatchRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(setter, "setter");
    }

    /** Every queue of {@code queues} watches every object of {@code objects}, tag 0, as root. */
    public static WatchRule of(String name, String queues, String objects) {
        return new WatchRule(name, queues, objects, Coverage.ALL, TagRange.of(0), Credentials.root());
    }

    public WatchRule withCoverage(Coverage newCoverage) {
        return new WatchRule(name, queues, objects, newCoverage, tags, setter);
    }

    public WatchRule withTag(int tag) {
        return withTags(TagRange.of(tag));
    }

    public WatchRule withTags(TagRange newTags) {
        return new WatchRule(name, queues, objects, coverage, newTags, setter);
    }

    public WatchRule withSetter(Credentials newSetter) {
        return new WatchRule(name, queues, objects, coverage, tags, newSetter);
    }
}
