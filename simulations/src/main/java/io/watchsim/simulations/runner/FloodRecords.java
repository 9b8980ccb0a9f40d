package io.watchsim.simulations.runner;

import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;

/**
 * The records a flood-queue fault posts straight into a queue ({@code Kernel.postToQueue}): key
 * records (type key, subtype updated) about key id 0, which no key has (serials start at 3), with
 * watch tag 0. Readers tell them from the records of real keys by that key id; they pass a queue's
 * filter as an update of a key would.
 */
public final class FloodRecords {
    private FloodRecords() {
    }

    /** The key id of every flood record: no key's serial. */
    public static final int KEY_ID = 0;
    /** The watch tag they are posted with. */
    public static final int TAG = 0;
    /** The record posted, shared by every post. */
    public static final Notification RECORD = KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, KEY_ID, 0);

    /** Whether a record a reader read is a flood record. */
    public static boolean isFlood(Notification n) {
        return !MetaNotify.isMeta(n) && n.type() == WatchNotification.WATCH_TYPE_KEY_NOTIFY && KeyNotify.keyId(n) == KEY_ID;
    }
}
