package io.watchsim.policies;

import io.watchsim.queues.record.Notification;

import java.util.Objects;

/**
 * One version of a kernel's policy: an immutable module and its version number. The
 * {@link PolicyEngine} stamps the snapshot in force on every event it passes on, and the hooks are
 * evaluated wherever the event leads (a watched object asks the watch hook, the key service
 * key_permission, a queue the post hook of each record it receives), so that the policy actor is
 * never the lane every delivery waits in. Every check is counted and every denial audited through
 * the kernel's {@link PolicyMetrics}, a node-local counter set that the snapshot refers to.
 *
 * <p>A kernel's snapshots come from its engine alone, inside the events it stamps; none is handed
 * out on request. The constructor stays public for models run without a kernel (a key table driven
 * directly by a bench or a test): such a snapshot belongs to no kernel and counts into its own metrics.
 */
public record PolicySnapshot(long version, SecurityModule module, PolicyMetrics metrics) {
    public PolicySnapshot {
        Objects.requireNonNull(module);
        Objects.requireNonNull(metrics);
    }

    /** The watch hook for an object's kind, counted and audited. */
    public Decision checkWatch(Credentials setter, SecuredObject object) {
        return metrics.recordWatch(object.kind().watchHook(), module.watch(setter, object), setter, object);
    }

    /** The key_permission hook, counted and audited. */
    public Decision checkKeyPermission(Credentials subject, SecuredObject key, int need) {
        return metrics.recordWatch(Hook.KEY_PERMISSION, module.keyPermission(subject, key, need), subject, key);
    }

    /**
     * The post hook, counted and audited. Meta records never reach it (the caller skips them,
     * as the kernel posts removal and loss records directly).
     */
    public Decision checkPost(Credentials watcher, Credentials generator, Notification n) {
        return metrics.recordPost(module.postNotification(watcher, generator, n), watcher, generator, n);
    }

    /** The post hook's decision alone, neither counted nor audited: for a burst that settles those itself. */
    public Decision decidePost(Credentials watcher, Credentials generator, Notification n) {
        return module.postNotification(watcher, generator, n);
    }
}
