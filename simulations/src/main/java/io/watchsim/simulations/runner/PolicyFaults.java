package io.watchsim.simulations.runner;

import io.watchsim.policies.SecurityModule;
import io.watchsim.simulations.history.HistoryPolicies;
import io.watchsim.queues.SysResult;
import io.watchsim.simulations.scenario.FaultAction;
import io.watchsim.simulations.scenario.Policy;
import io.watchsim.simulations.scenario.Units;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The faults on the policy. swap-policy loads the fault's policy with {@link PolicyLoader} (as the
 * run's initial policy is loaded) and puts it in force with {@code Kernel.reloadPolicy};
 * reload-policy reads the policy in force from its files again and reloads it. The policy in force
 * is the scenario's until a swap's reload is acknowledged. Files are read on the blocking-io
 * dispatcher, bounded like a kernel call; a policy that does not load (a rule file changed under
 * the run) is recorded in the detail and nothing is reloaded.
 */
final class PolicyFaults {
    private final RunContext ctx;
    private final Executor blocking;
    private final AtomicReference<Policy> inForce;

    PolicyFaults(RunContext ctx, Executor blocking) {
        this.ctx = ctx;
        this.blocking = blocking;
        this.inForce = new AtomicReference<>(ctx.scenario().policy());
    }

    FaultWork swap(FaultAction.SwapPolicy s) {
        return firing -> install(firing, s.policy());
    }

    FaultWork reload() {
        return firing -> install(firing, inForce.get());
    }

    private CompletionStage<String> install(Firing firing, Policy policy) {
        String what = "policy " + policy.engineName() + (policy.rules().isEmpty() ? "" : " from "
                + policy.rules().stream().map(Path::getFileName).map(Path::toString).collect(Collectors.joining(", ")));
        return ctx.timers().within(CompletableFuture.supplyAsync(() -> {
                    SecurityModule module = PolicyLoader.load(policy);
                    if (ctx.history() != null) {
                        HistoryPolicies.describe(ctx.history(), policy, module);
                    }
                    return module;
                }, blocking), firing.bound())
                .handle((module, failure) -> module != null ? new Loaded(module, null)
                        : new Loaded(null, why(failure, firing)))
                .thenCompose(loaded -> loaded.module() == null
                        ? CompletableFuture.completedFuture(what + ": not loaded: " + loaded.failure())
                        : reload(firing, policy, loaded.module()).thenApply(r -> what + ": loaded " + loaded.module().name()
                                + "; " + firing.answers() + (r != null && r.isOk() ? ", version " + r.value() : "")));
    }

    private CompletableFuture<SysResult> reload(Firing firing, Policy policy, SecurityModule module) {
        return firing.one("reload", "of " + module.name(),
                () -> ctx.kernel().reloadPolicy(module).thenApply(r -> SysResult.ok(r.version()))).thenApply(r -> {
                    if (r != null && r.isOk()) {
                        inForce.set(policy);
                    }
                    return r;
                });
    }

    private static String why(Throwable failure, Firing firing) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause instanceof TimeoutException ? "the files were not read within " + Units.format(firing.bound())
                : cause.getMessage();
    }

    private record Loaded(SecurityModule module, String failure) {
    }
}
