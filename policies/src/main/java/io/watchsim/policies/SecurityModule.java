package io.watchsim.policies;

import io.watchsim.queues.record.Notification;

import java.util.Set;

/**
 * An LSM as the notification design sees it: the hooks of docs/KERNEL-BEHAVIOUR.md, "The hooks"
 * (the three watch hooks, post_notification and key_permission; {@link Hook}). Implementations
 * are immutable values, so one can be shared by every actor that evaluates it; a policy change
 * makes a new one. A hook that a module does not implement allows.
 */
public interface SecurityModule {
    /** The engine's name in audit lines and counts: {@code permissive}, {@code smack}, {@code selinux}. */
    String name();

    /** watch_key: may {@code setter} watch {@code key}? */
    default Decision watchKey(Credentials setter, SecuredObject key) {
        return Decision.allow();
    }

    /** watch_mount (ver #5). */
    default Decision watchMount(Credentials setter, SecuredObject mount) {
        return Decision.allow();
    }

    /** watch_sb (ver #5). */
    default Decision watchSb(Credentials setter, SecuredObject superblock) {
        return Decision.allow();
    }

    /**
     * post_notification: may record {@code n} reach the queue of a watch set by {@code watcher}?
     * {@code generator} is the event generator's credentials, or null for a system source.
     * Never asked for meta records (removal, loss).
     */
    default Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
        return Decision.allow();
    }

    /**
     * Whether {@link #postNotification} depends on the watcher, the generator and the record's
     * type only (not its subtype, info or payload), so that a burst of records of one type can be
     * decided once. False unless a module says so.
     */
    default boolean postDecidedByType() {
        return false;
    }

    /**
     * key_permission: may {@code subject} use {@code key} as {@code need} asks (the key
     * permission bits: view 0x01, read 0x02, write 0x04, search 0x08, link 0x10, setattr 0x20)?
     * Asked after the key's own permission mask has allowed it.
     */
    default Decision keyPermission(Credentials subject, SecuredObject key, int need) {
        return Decision.allow();
    }

    /**
     * The mount options by which this LSM takes a new filesystem's security label, without their
     * {@code =} ({@code smackfsdef} for Smack, {@code context} for SELinux): options a kernel's LSMs
     * do not take are unknown to it. None unless a module says so.
     */
    default Set<String> mountLabelOptions() {
        return Set.of();
    }

    /** The watch hook of an object's kind. */
    default Decision watch(Credentials setter, SecuredObject object) {
        return switch (object.kind()) {
            case KEY -> watchKey(setter, object);
            case MOUNT -> watchMount(setter, object);
            case SUPERBLOCK -> watchSb(setter, object);
        };
    }
}
