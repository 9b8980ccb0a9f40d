package io.watchsim.policies;

import io.watchsim.queues.Errno;
import io.watchsim.queues.record.Notification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Denials are counted by hook and pair of labels (what a run's report shows): a watch hook's subject
 * is the setter and its object the object; post_notification's subject is the event source and its
 * object the watch setter. Allowed checks count nothing there.
 */
class DenialsByLabelsTest {
    private static final Notification RECORD = Notification.ofWords(1, 1, 0, 42, 0);
    private static final Decision DENY = Decision.deny(Errno.EACCES, "smack", "no rule");

    private static Credentials labelled(String label) {
        return new Credentials(0, 0, Set.of(), 0, label);
    }

    @Test
    void eachDenialIsCountedUnderItsHookAndLabelsAndAllowsAreNot() {
        PolicyMetrics m = new PolicyMetrics();
        SecuredObject key = new SecuredObject(ObjectKind.KEY, 5, "k", "key_t");
        m.recordWatch(Hook.WATCH_KEY, DENY, labelled("watcher_t"), key);
        m.recordWatch(Hook.WATCH_KEY, Decision.allow(), labelled("watcher_t"), key);
        m.recordPost(DENY, labelled("watcher_t"), labelled("guest_t"), RECORD);
        m.recordPost(DENY, labelled("watcher_t"), labelled("guest_t"), RECORD);
        m.recordPost(Decision.allow(), labelled("watcher_t"), labelled("admin_t"), RECORD);
        m.countDenials(Hook.POST_NOTIFICATION, "guest_t", "watcher_t", 5);     // a burst's denials
        m.countDenials(Hook.POST_NOTIFICATION, "admin_t", "watcher_t", 0);     // a burst with none
        m.recordWatch(Hook.WATCH_KEY, DENY, labelled("watcher_t"), new SecuredObject(ObjectKind.KEY, 6, "k", null));
        assertThat(m.denialsByLabels()).isEqualTo(Map.of(
                new PolicyMetrics.LabelPair(Hook.WATCH_KEY, "watcher_t", "key_t"), 1L,
                new PolicyMetrics.LabelPair(Hook.WATCH_KEY, "watcher_t", ""), 1L,
                new PolicyMetrics.LabelPair(Hook.POST_NOTIFICATION, "guest_t", "watcher_t"), 7L));
        assertThat(m.snapshot(0, "").of(Hook.POST_NOTIFICATION).denials()).as("the per-hook count is the same as before")
                .isEqualTo(2);
    }

    @Test
    void theDenialsAreReportedByHookThenSubjectThenObjectWhateverOrderTheyCameIn() {
        PolicyMetrics m = new PolicyMetrics();
        m.countDenials(Hook.KEY_PERMISSION, "b_t", "x_t", 1);
        m.countDenials(Hook.POST_NOTIFICATION, "z_t", "a_t", 1);
        m.countDenials(Hook.WATCH_KEY, "b_t", "y_t", 1);
        m.countDenials(Hook.WATCH_KEY, "a_t", "z_t", 1);
        m.countDenials(Hook.WATCH_KEY, "b_t", "a_t", 1);
        assertThat(m.denialsByLabels().keySet()).containsExactly(
                new PolicyMetrics.LabelPair(Hook.WATCH_KEY, "a_t", "z_t"),
                new PolicyMetrics.LabelPair(Hook.WATCH_KEY, "b_t", "a_t"),
                new PolicyMetrics.LabelPair(Hook.WATCH_KEY, "b_t", "y_t"),
                new PolicyMetrics.LabelPair(Hook.POST_NOTIFICATION, "z_t", "a_t"),
                new PolicyMetrics.LabelPair(Hook.KEY_PERMISSION, "b_t", "x_t"));
    }
}
