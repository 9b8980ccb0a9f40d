package io.watchsim.actors.sim;

import org.apache.pekko.dispatch.Mailbox;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a runnable submitted to the loop is, as a name that is the same in every run: a mailbox by the path
 * of its actor (never its uid, which Pekko draws at random), any other task by its class. The seeded order
 * ranks runnables by these names, so which of two runnables goes first never depends on the order in which
 * they became runnable within one step (Pekko tells the watchers of a dead actor in the order of a hash set
 * keyed by random uids).
 *
 * <p>Single-threaded (the loop's).
 */
final class TaskKeys {
    private final Map<Mailbox, String> mailboxes = new WeakHashMap<>();

    String of(Runnable task) {
        if (task instanceof Mailbox mailbox) {
            String key = mailboxes.get(mailbox);
            if (key == null) {
                key = mailbox.actor() == null ? "mailbox" : normalised(mailbox.actor().self().path().toStringWithoutAddress());
                mailboxes.put(mailbox, key);
            }
            return key;
        }
        return "~" + task.getClass().getName();
    }

    /**
     * Pekko names some of its own actors from counters that are global to the JVM
     * ({@code /system/eventStreamUnsubscriber-2}, {@code /system/Materializers/StreamSupervisor-1}): the second
     * run in one JVM would rank them apart from the first. Their numbers are left out of the name.
     */
    static String normalised(String path) {
        return path.startsWith("/system/") ? GLOBAL_COUNTERS.matcher(path).replaceAll("$1-#") : path;
    }

    /** Pekko's actor names numbered by JVM-global counters. */
    private static final java.util.regex.Pattern GLOBAL_COUNTERS =
            java.util.regex.Pattern.compile("\\b(eventStreamUnsubscriber|StreamSupervisor)-[0-9]+\\b");
}
