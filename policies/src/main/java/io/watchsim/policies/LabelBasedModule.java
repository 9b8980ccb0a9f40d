package io.watchsim.policies;

import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;

import java.util.Map;
import java.util.Objects;

/**
 * The watch and post hooks of an engine that decides by comparing labels (the Smack- and
 * SELinux-style engines), each written once for two callers: the kernel's path
 * ({@link #watchKey}, {@link #watchMount}, {@link #watchSb}, {@link #postNotification}), which
 * needs allow or deny only and allocates nothing to allow, and {@link #explainWatch} and
 * {@link #explainPost}, which say why an allow was given too (for tools and tests).
 *
 * <p>What every such engine does is here: a hook it leaves unchecked allows; the post hook lets
 * meta records and system sources (no generator credentials) pass, then the engine compares the
 * generator's label (subject) with the watcher's (object). That comparison sees the two labels
 * only, so a burst's post hook can be decided once per record type ({@link #postDecidedByType}).
 * The engine brings its watch checks, its post check and its own {@code key_permission}.
 */
public abstract class LabelBasedModule implements SecurityModule {
    private final String engine;
    /** Per hook (by ordinal): why the engine leaves it unchecked, or null if it checks it. */
    private final String[] uncheckedBecause = new String[Hook.values().length];

    /**
     * @param engine    the engine's name in decisions, audit lines and counts
     * @param unchecked the watch and post hooks this engine does not check (they allow), each with
     *                  the reason {@link #explainWatch} and {@link #explainPost} give
     */
    protected LabelBasedModule(String engine, Map<Hook, String> unchecked) {
        this.engine = Objects.requireNonNull(engine);
        unchecked.forEach((hook, because) -> {
            if (hook == Hook.KEY_PERMISSION) {
                throw new IllegalArgumentException("key_permission is the engine's own; only watch and post hooks go unchecked");
            }
            uncheckedBecause[hook.ordinal()] = Objects.requireNonNull(because);
        });
    }

    /**
     * The engine's check of a watch hook it checks; with {@code explain}, an allow says why.
     * {@code hook} is the hook asked ({@code watchKey} asks {@link Hook#WATCH_KEY} whatever the object).
     */
    protected abstract Decision checkWatch(Hook hook, Credentials setter, SecuredObject object, boolean explain);

    /**
     * The engine's post check, once meta records and system sources have passed: may a generator
     * labelled {@code subject} post to a watcher labelled {@code object}? With {@code explain}, an
     * allow says why.
     */
    protected abstract Decision checkPost(String subject, String object, boolean explain);

    @Override
    public final String name() {
        return engine;
    }

    @Override
    public final Decision watchKey(Credentials setter, SecuredObject key) {
        return watch(Hook.WATCH_KEY, setter, key, false);
    }

    @Override
    public final Decision watchMount(Credentials setter, SecuredObject mount) {
        return watch(Hook.WATCH_MOUNT, setter, mount, false);
    }

    @Override
    public final Decision watchSb(Credentials setter, SecuredObject superblock) {
        return watch(Hook.WATCH_SB, setter, superblock, false);
    }

    @Override
    public final Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
        return post(watcher, generator, n, false);
    }

    /** The post hook looks at the labels and whether the record is a meta record: nothing else. */
    @Override
    public final boolean postDecidedByType() {
        return true;
    }

    /** The watch hook of the object's kind, with a reason for an allow too (for tools and tests). */
    public final Decision explainWatch(Credentials setter, SecuredObject object) {
        return watch(object.kind().watchHook(), setter, object, true);
    }

    /** The post hook, with a reason for an allow too (for tools and tests). */
    public final Decision explainPost(Credentials watcher, Credentials generator, Notification n) {
        return post(watcher, generator, n, true);
    }

    private Decision watch(Hook hook, Credentials setter, SecuredObject object, boolean explain) {
        String because = uncheckedBecause[hook.ordinal()];
        if (because != null) {
            return allow(because, explain);
        }
        return checkWatch(hook, setter, object, explain);
    }

    private Decision post(Credentials watcher, Credentials generator, Notification n, boolean explain) {
        String because = uncheckedBecause[Hook.POST_NOTIFICATION.ordinal()];
        if (because != null) {
            return allow(because, explain);
        }
        if (MetaNotify.isMeta(n)) {
            return allow("meta record", explain);
        }
        if (generator == null) {
            return allow("system source", explain);
        }
        return checkPost(generator.label(), watcher.label(), explain);
    }

    /** An allow: the plain one on the kernel's path, one that says why when explaining. */
    protected final Decision allow(String because, boolean explain) {
        return explain ? Decision.allowBecause(engine, because) : Decision.allow();
    }
}
