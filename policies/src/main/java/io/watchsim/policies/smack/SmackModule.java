package io.watchsim.policies.smack;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.record.Notification;

import java.util.Objects;

/**
 * Smack's notification hooks, {@code smack_watch_key()} and {@code smack_post_notification()} of
 * {@code security/smack/smack_lsm.c}, over an immutable {@link SmackRules}:
 * <ul>
 *   <li>{@code watch_key}: allowed if the key has no label yet or the setter has
 *       CAP_MAC_OVERRIDE; otherwise the setter's label needs read access to the key's label.</li>
 *   <li>{@code post_notification}: meta records and system sources (no generator credentials)
 *       pass; otherwise the generator's label (subject) needs write access to the watcher's label
 *       (object). CAP_MAC_OVERRIDE does not bypass it.</li>
 *   <li>{@code watch_mount}, {@code watch_sb}: ver #5 has no Smack hooks; they allow.</li>
 * </ul>
 * CAP_MAC_OVERRIDE is taken from the capability set alone; Smack's {@code onlycap} list is not
 * modelled. An immutable value: {@link #withRule} returns a new module.
 */
public final class SmackModule implements SecurityModule {
    private static final SmackModule EMPTY = new SmackModule(SmackRules.empty());

    private static final Decision NO_KEY_LABEL = SmackRules.explained("no key label");
    private static final Decision MAC_OVERRIDE = SmackRules.explained("CAP_MAC_OVERRIDE");
    private static final Decision META_RECORD = SmackRules.explained("meta record");
    private static final Decision SYSTEM_SOURCE = SmackRules.explained("system source");
    private static final Decision NO_MOUNT_HOOK = SmackRules.explained("no smack watch_mount hook");
    private static final Decision NO_SB_HOOK = SmackRules.explained("no smack watch_sb hook");

    private final SmackRules rules;

    private SmackModule(SmackRules rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    public static SmackModule of(SmackRules rules) {
        return rules.isEmpty() ? EMPTY : new SmackModule(rules);
    }

    /** A module with this rule loaded (replacing any rule for the same pair). */
    public SmackModule withRule(String subject, String object, String access) {
        return new SmackModule(rules.with(subject, object, access));
    }

    public SmackModule withRules(SmackRules newRules) {
        return of(newRules);
    }

    public SmackRules rules() {
        return rules;
    }

    @Override
    public String name() {
        return SmackRules.ENGINE;
    }

    @Override
    public Decision watchKey(Credentials setter, SecuredObject key) {
        return watchKey(setter, key, false);
    }

    /**
     * smack_key_permission(): view, read and search need read access to the key's label; write,
     * link and setattr need write access; CAP_MAC_OVERRIDE bypasses it; an unlabelled key passes.
     */
    @Override
    public Decision keyPermission(Credentials subject, SecuredObject key, int need) {
        int request = 0;
        if ((need & (0x01 | 0x02 | 0x08)) != 0) {
            request |= SmackAccess.READ;
        }
        if ((need & (0x04 | 0x10 | 0x20)) != 0) {
            request |= SmackAccess.WRITE;
        }
        if (request == 0 || key.label() == null || subject.has(Capability.CAP_MAC_OVERRIDE)) {
            return Decision.allow();
        }
        return rules.decide(subject.label(), key.label(), request, false);
    }

    @Override
    public Decision watchMount(Credentials setter, SecuredObject mount) {
        return Decision.allow();
    }

    @Override
    public Decision watchSb(Credentials setter, SecuredObject superblock) {
        return Decision.allow();
    }

    @Override
    public Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
        return post(watcher, generator, n, false);
    }

    /** The post hook looks at the labels and whether the record is a meta record: nothing else. */
    @Override
    public boolean postDecidedByType() {
        return true;
    }

    /** The watch hook of the object's kind, with a reason for an allow too (for tools and tests). */
    public Decision explainWatch(Credentials setter, SecuredObject object) {
        return switch (object.kind()) {
            case KEY -> watchKey(setter, object, true);
            case MOUNT -> NO_MOUNT_HOOK;
            case SUPERBLOCK -> NO_SB_HOOK;
        };
    }

    /** The post hook, with a reason for an allow too (for tools and tests). */
    public Decision explainPost(Credentials watcher, Credentials generator, Notification n) {
        return post(watcher, generator, n, true);
    }

    /** {@code smack_watch_key()}. */
    private Decision watchKey(Credentials setter, SecuredObject key, boolean explain) {
        // If the key hasn't been labelled yet, let the task through so that it may do so.
        if (key.label() == null) {
            return explain ? NO_KEY_LABEL : Decision.allow();
        }
        if (setter.has(Capability.CAP_MAC_OVERRIDE)) {
            return explain ? MAC_OVERRIDE : Decision.allow();
        }
        return rules.decide(setter.label(), key.label(), SmackAccess.READ, explain);
    }

    /** {@code smack_post_notification()}: subject = event source, object = watcher. */
    private Decision post(Credentials watcher, Credentials generator, Notification n, boolean explain) {
        if (n.type() == 0) {
            return explain ? META_RECORD : Decision.allow();
        }
        if (generator == null) {
            return explain ? SYSTEM_SOURCE : Decision.allow();
        }
        return rules.decide(generator.label(), watcher.label(), SmackAccess.WRITE, explain);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmackModule other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "SmackModule[" + rules.size() + " rules]";
    }
}
