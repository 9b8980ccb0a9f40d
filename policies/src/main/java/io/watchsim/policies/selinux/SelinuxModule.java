package io.watchsim.policies.selinux;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.Notification;

import java.util.Objects;

/**
 * SELinux-style type enforcement of the notification hooks over an immutable {@link TePolicy}.
 * Labels are contexts ({@link SecurityContext}); a null or malformed label checks as
 * {@code unlabeled_t}.
 *
 * <ul>
 *   <li>{@link Mode#STRICT}, what upstream enforces: {@code watch_key} needs {@code key view} from
 *       the setter's type on the key's type; every other hook allows.</li>
 *   <li>{@link Mode#EXTENDED} adds WatchSim's own checks: {@code watch_mount} needs
 *       {@code mount watch}, {@code watch_sb} needs {@code superblock watch} (setter's type on the
 *       object's type), and {@code post_notification} needs
 *       {@code allow GENERATOR_TYPE WATCHER_TYPE:notification post}; meta records and system
 *       sources (no generator credentials) always pass.</li>
 * </ul>
 * No capability bypasses a check (SELinux's checks here are not capability-based). An immutable
 * value; {@link #withPolicy} and {@link #withMode} return new modules.
 */
public final class SelinuxModule implements SecurityModule {
    static final String ENGINE = "selinux";

    /** Which hooks the engine checks. */
    public enum Mode {
        /** Upstream: only watch_key. */
        STRICT,
        /** watch_key, watch_mount, watch_sb and post_notification. */
        EXTENDED
    }

    private static final int KEY_VIEW = TeClass.KEY.bit("view");
    private static final int MOUNT_WATCH = TeClass.MOUNT.bit("watch");
    private static final int SB_WATCH = TeClass.SUPERBLOCK.bit("watch");
    private static final int NOTIFICATION_POST = TeClass.NOTIFICATION.bit("post");

    private static final Decision NOT_CHECKED = explained("not checked in STRICT mode");
    private static final Decision META_RECORD = explained("meta record");
    private static final Decision SYSTEM_SOURCE = explained("system source");

    private final TePolicy policy;
    private final Mode mode;

    private SelinuxModule(TePolicy policy, Mode mode) {
        this.policy = Objects.requireNonNull(policy);
        this.mode = Objects.requireNonNull(mode);
    }

    public static SelinuxModule of(TePolicy policy, Mode mode) {
        return new SelinuxModule(policy, mode);
    }

    public TePolicy policy() {
        return policy;
    }

    public Mode mode() {
        return mode;
    }

    public SelinuxModule withPolicy(TePolicy newPolicy) {
        return new SelinuxModule(newPolicy, mode);
    }

    public SelinuxModule withMode(Mode newMode) {
        return new SelinuxModule(policy, newMode);
    }

    @Override
    public String name() {
        return ENGINE;
    }

    @Override
    public Decision watchKey(Credentials setter, SecuredObject key) {
        return check(setter.label(), key.label(), TeClass.KEY, KEY_VIEW, false);
    }

    /**
     * selinux_key_permission(): every key operation needs the matching {@code key} permission
     * from the subject's type on the key's type, in both modes (upstream checks it).
     */
    @Override
    public Decision keyPermission(Credentials subject, SecuredObject key, int need) {
        int bits = 0;
        for (int i = 0; i < KEY_NEED_PERMS.length; i++) {
            if ((need & (1 << i)) != 0) {
                bits |= KEY_NEED_PERMS[i];
            }
        }
        return bits == 0 ? Decision.allow() : check(subject.label(), key.label(), TeClass.KEY, bits, false);
    }

    /** The key class permission of each key permission bit (view, read, write, search, link, setattr). */
    private static final int[] KEY_NEED_PERMS = {TeClass.KEY.bit("view"), TeClass.KEY.bit("read"),
            TeClass.KEY.bit("write"), TeClass.KEY.bit("search"), TeClass.KEY.bit("link"), TeClass.KEY.bit("setattr")};

    @Override
    public Decision watchMount(Credentials setter, SecuredObject mount) {
        return mode == Mode.STRICT ? Decision.allow() : check(setter.label(), mount.label(), TeClass.MOUNT, MOUNT_WATCH, false);
    }

    @Override
    public Decision watchSb(Credentials setter, SecuredObject superblock) {
        return mode == Mode.STRICT ? Decision.allow()
                : check(setter.label(), superblock.label(), TeClass.SUPERBLOCK, SB_WATCH, false);
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
            case KEY -> check(setter.label(), object.label(), TeClass.KEY, KEY_VIEW, true);
            case MOUNT -> mode == Mode.STRICT ? NOT_CHECKED
                    : check(setter.label(), object.label(), TeClass.MOUNT, MOUNT_WATCH, true);
            case SUPERBLOCK -> mode == Mode.STRICT ? NOT_CHECKED
                    : check(setter.label(), object.label(), TeClass.SUPERBLOCK, SB_WATCH, true);
        };
    }

    /** The post hook, with a reason for an allow too (for tools and tests). */
    public Decision explainPost(Credentials watcher, Credentials generator, Notification n) {
        return post(watcher, generator, n, true);
    }

    private Decision post(Credentials watcher, Credentials generator, Notification n, boolean explain) {
        if (mode == Mode.STRICT) {
            return explain ? NOT_CHECKED : Decision.allow();
        }
        if (n.type() == 0) {
            return explain ? META_RECORD : Decision.allow();
        }
        if (generator == null) {
            return explain ? SYSTEM_SOURCE : Decision.allow();
        }
        return check(generator.label(), watcher.label(), TeClass.NOTIFICATION, NOTIFICATION_POST, explain);
    }

    private Decision check(String subjectLabel, String objectLabel, TeClass cls, int perm, boolean explain) {
        if (policy.allowsLabels(subjectLabel, objectLabel, cls, perm)) {
            return explain ? explained(rule("allow", subjectLabel, objectLabel, cls, perm)) : Decision.allow();
        }
        return Decision.deny(Errno.EACCES, ENGINE, rule("no allow", subjectLabel, objectLabel, cls, perm));
    }

    private static String rule(String prefix, String subjectLabel, String objectLabel, TeClass cls, int perm) {
        return prefix + " " + SecurityContext.typeOf(subjectLabel) + " " + SecurityContext.typeOf(objectLabel) + ":"
                + cls.className() + " " + cls.format(perm);
    }

    private static Decision explained(String reason) {
        return new Decision(null, ENGINE, reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelinuxModule other && mode == other.mode && policy.equals(other.policy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, mode);
    }

    @Override
    public String toString() {
        return "SelinuxModule[" + mode + ", " + policy.rules().size() + " rules]";
    }
}
