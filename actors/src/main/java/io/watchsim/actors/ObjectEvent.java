package io.watchsim.actors;

import io.watchsim.queues.record.Notification;

import java.util.List;

/**
 * Records for the watches on one id of one object: what one operation posts on one object
 * (a key operation may post on two: the key and a keyring).
 */
public record ObjectEvent(long objectId, long watchId, List<Notification> records) {
    public ObjectEvent {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one record");
        }
    }

    /** One record on an object whose watch id is its object id (keys, superblocks). */
    public static ObjectEvent of(long objectId, Notification record) {
        return new ObjectEvent(objectId, objectId, List.of(record));
    }
}
