package io.watchsim.policies.selinux;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.Hook;
import io.watchsim.policies.LabelBasedModule;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;

import java.util.Map;
import java.util.Objects;

/**
 * SELinux-style type enforcement of the notification hooks and {@code key_permission} over an
 * immutable {@link TePolicy}. Labels are contexts ({@link SecurityContext}); a null or malformed
 * label checks as {@code unlabeled_t}.
 *
 * <ul>
 *   <li>{@link Mode#STRICT}, what upstream enforces: {@code watch_key} needs {@code key view}
 *       from the setter's type on the key's type, and {@code key_permission} the matching
 *       {@code key} permission ({@link #keyPermission}); the other hooks allow.</li>
 *   <li>{@link Mode#EXTENDED} adds WatchSim's own checks: {@code watch_mount} needs
 *       {@code mount watch}, {@code watch_sb} needs {@code superblock watch} (setter's type on the
 *       object's type), and {@code post_notification} needs
 *       {@code allow GENERATOR_TYPE WATCHER_TYPE:notification post}; meta records and system
 *       sources (no generator credentials) always pass.</li>
 * </ul>
 * No capability bypasses a check (SELinux's checks here are not capability-based). An immutable
 * value; {@link #withPolicy} and {@link #withMode} return new modules.
 */
public final class SelinuxModule extends LabelBasedModule {
    static final String ENGINE = "selinux";

    /** Which hooks the engine checks. */
    public enum Mode {
        /** Upstream: only watch_key (and key_permission, as in every mode). */
        STRICT(Map.of(Hook.WATCH_MOUNT, "not checked in STRICT mode", Hook.WATCH_SB, "not checked in STRICT mode",
                Hook.POST_NOTIFICATION, "not checked in STRICT mode")),
        /** watch_key, watch_mount, watch_sb and post_notification. */
        EXTENDED(Map.of());

        /** The hooks this mode leaves unchecked, and why. */
        private final Map<Hook, String> unchecked;

        Mode(Map<Hook, String> unchecked) {
            this.unchecked = unchecked;
        }
    }

    private static final int KEY_VIEW = TeClass.KEY.bit("view");
    private static final int MOUNT_WATCH = TeClass.MOUNT.bit("watch");
    private static final int SB_WATCH = TeClass.SUPERBLOCK.bit("watch");
    private static final int NOTIFICATION_POST = TeClass.NOTIFICATION.bit("post");

    /** The key class permission of each key permission bit (view, read, write, search, link, setattr). */
    private static final int[] KEY_NEED_PERMS = {TeClass.KEY.bit("view"), TeClass.KEY.bit("read"),
            TeClass.KEY.bit("write"), TeClass.KEY.bit("search"), TeClass.KEY.bit("link"), TeClass.KEY.bit("setattr")};

    private final TePolicy policy;
    private final Mode mode;

    private SelinuxModule(TePolicy policy, Mode mode) {
        super(ENGINE, mode.unchecked);
        this.policy = Objects.requireNonNull(policy);
        this.mode = mode;
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

    /** {@code key view}, {@code mount watch} or {@code superblock watch} from the setter's type on the object's. */
    @Override
    protected Decision checkWatch(Hook hook, Credentials setter, SecuredObject object, boolean explain) {
        return switch (hook) {
            case WATCH_KEY -> check(setter.label(), object.label(), TeClass.KEY, KEY_VIEW, explain);
            case WATCH_MOUNT -> check(setter.label(), object.label(), TeClass.MOUNT, MOUNT_WATCH, explain);
            case WATCH_SB -> check(setter.label(), object.label(), TeClass.SUPERBLOCK, SB_WATCH, explain);
            default -> throw new IllegalArgumentException(hook + " is no watch hook");
        };
    }

    /** {@code context=CONTEXT}: the context of the filesystem and of every file in it. */
    @Override
    public java.util.Set<String> mountLabelOptions() {
        return java.util.Set.of("context");
    }

    /** {@code notification post} from the generator's type on the watcher's. */
    @Override
    protected Decision checkPost(String subject, String object, boolean explain) {
        return check(subject, object, TeClass.NOTIFICATION, NOTIFICATION_POST, explain);
    }

    private Decision check(String subjectLabel, String objectLabel, TeClass cls, int perm, boolean explain) {
        if (policy.allowsLabels(subjectLabel, objectLabel, cls, perm)) {
            return explain ? Decision.allowBecause(ENGINE, rule("allow", subjectLabel, objectLabel, cls, perm))
                    : Decision.allow();
        }
        return Decision.deny(Errno.EACCES, ENGINE, rule("no allow", subjectLabel, objectLabel, cls, perm));
    }

    private static String rule(String prefix, String subjectLabel, String objectLabel, TeClass cls, int perm) {
        return prefix + " " + SecurityContext.typeOf(subjectLabel) + " " + SecurityContext.typeOf(objectLabel) + ":"
                + cls.className() + " " + cls.format(perm);
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
