package io.watchsim.policies.smack;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.Hook;
import io.watchsim.policies.LabelBasedModule;
import io.watchsim.policies.SecuredObject;

import java.util.Map;
import java.util.Objects;

/**
 * Smack's hooks, {@code smack_watch_key()}, {@code smack_post_notification()} and
 * {@code smack_key_permission()} of {@code security/smack/smack_lsm.c}, over an immutable
 * {@link SmackRules}:
 * <ul>
 *   <li>{@code watch_key}: allowed if the key has no label yet or the setter has
 *       CAP_MAC_OVERRIDE; otherwise the setter's label needs read access to the key's label.</li>
 *   <li>{@code post_notification}: meta records and system sources (no generator credentials)
 *       pass; otherwise the generator's label (subject) needs write access to the watcher's label
 *       (object). CAP_MAC_OVERRIDE does not bypass it.</li>
 *   <li>{@code key_permission}: see {@link #keyPermission}.</li>
 *   <li>{@code watch_mount}, {@code watch_sb}: ver #5 defines the hooks but Smack never implemented
 *       them; WatchSim checks them as {@code smack_watch_key()} checks a key, as Smack checks any
 *       object through {@code smk_curacc()}: the setter's label needs read access to the label of
 *       the mount's or superblock's filesystem (set by the {@code smackfsdef=} mount option; without
 *       it the floor label {@code _}, which every subject may read, as Smack labels a new
 *       superblock), CAP_MAC_OVERRIDE bypassing it.</li>
 * </ul>
 * CAP_MAC_OVERRIDE is taken from the capability set alone; Smack's {@code onlycap} list is not
 * modelled. An immutable value: {@link #withRule} returns a new module.
 */
public final class SmackModule extends LabelBasedModule {
    private static final SmackModule EMPTY = new SmackModule(SmackRules.empty());

    /** The key permission bits ({@link #keyPermission}'s {@code need}) that need read access: view, read, search. */
    private static final int NEED_READ = 0x01 | 0x02 | 0x08;
    /** The key permission bits that need write access: write, link, setattr. */
    private static final int NEED_WRITE = 0x04 | 0x10 | 0x20;

    private final SmackRules rules;

    private SmackModule(SmackRules rules) {
        super(SmackRules.ENGINE, Map.of());
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

    /**
     * smack_key_permission(): view, read and search need read access to the key's label; write,
     * link and setattr need write access; CAP_MAC_OVERRIDE bypasses it; an unlabelled key passes.
     */
    @Override
    public Decision keyPermission(Credentials subject, SecuredObject key, int need) {
        int request = 0;
        if ((need & NEED_READ) != 0) {
            request |= SmackAccess.READ;
        }
        if ((need & NEED_WRITE) != 0) {
            request |= SmackAccess.WRITE;
        }
        if (request == 0 || key.label() == null || subject.has(Capability.CAP_MAC_OVERRIDE)) {
            return Decision.allow();
        }
        return rules.decide(subject.label(), key.label(), request, false);
    }

    /**
     * {@code smack_watch_key()}; and, WatchSim's own, the same read access to a mount's or
     * superblock's filesystem label for watch_mount and watch_sb (a filesystem with no label has
     * Smack's floor label).
     */
    @Override
    protected Decision checkWatch(Hook hook, Credentials setter, SecuredObject object, boolean explain) {
        String label = object.label();
        if (label == null) {
            if (hook == Hook.WATCH_KEY) {
                // If the key hasn't been labelled yet, let the task through so that it may do so.
                return allow("no key label", explain);
            }
            label = SmackLabel.FLOOR;   // a superblock's labels start as the floor (smack_sb_alloc_security())
        }
        if (setter.has(Capability.CAP_MAC_OVERRIDE)) {
            return allow("CAP_MAC_OVERRIDE", explain);
        }
        return rules.decide(setter.label(), label, SmackAccess.READ, explain);
    }

    /** {@code smackfsdef=LABEL}: the label of the filesystem's files (WatchSim: of the filesystem). */
    @Override
    public java.util.Set<String> mountLabelOptions() {
        return java.util.Set.of("smackfsdef");
    }

    /** {@code smack_post_notification()}: subject = event source, object = watcher. */
    @Override
    protected Decision checkPost(String subject, String object, boolean explain) {
        return rules.decide(subject, object, SmackAccess.WRITE, explain);
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
