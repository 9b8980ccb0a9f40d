package io.watchsim.policies;

import io.watchsim.queues.record.Notification;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Several LSMs stacked: every module must allow, and the first refusal, in stacking order,
 * decides the errno (as {@code call_int_hook} stops at the first non-zero return).
 */
public final class StackedModule implements SecurityModule {
    private final List<SecurityModule> modules;
    /** Decided once: queues ask it for every burst they post. */
    private final boolean postDecidedByType;

    public StackedModule(List<SecurityModule> modules) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one module");
        }
        this.modules = List.copyOf(modules);
        this.postDecidedByType = this.modules.stream().allMatch(SecurityModule::postDecidedByType);
    }

    public List<SecurityModule> modules() {
        return modules;
    }

    @Override
    public String name() {
        return modules.stream().map(SecurityModule::name).collect(Collectors.joining("+"));
    }

    private Decision all(Function<SecurityModule, Decision> hook) {
        for (SecurityModule m : modules) {
            Decision d = hook.apply(m);
            if (!d.allowed()) {
                return d;
            }
        }
        return Decision.allow();
    }

    @Override
    public Decision watchKey(Credentials setter, SecuredObject key) {
        return all(m -> m.watchKey(setter, key));
    }

    @Override
    public Decision watchMount(Credentials setter, SecuredObject mount) {
        return all(m -> m.watchMount(setter, mount));
    }

    @Override
    public Decision watchSb(Credentials setter, SecuredObject superblock) {
        return all(m -> m.watchSb(setter, superblock));
    }

    @Override
    public Decision keyPermission(Credentials subject, SecuredObject key, int need) {
        return all(m -> m.keyPermission(subject, key, need));
    }

    @Override
    public Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
        return all(m -> m.postNotification(watcher, generator, n));
    }

    @Override
    public boolean postDecidedByType() {
        return postDecidedByType;
    }

    /** Every module's label options. */
    @Override
    public java.util.Set<String> mountLabelOptions() {
        return modules.stream().flatMap(m -> m.mountLabelOptions().stream()).collect(Collectors.toUnmodifiableSet());
    }
}
