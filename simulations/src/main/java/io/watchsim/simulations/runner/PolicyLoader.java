package io.watchsim.simulations.runner;

import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyFiles;
import io.watchsim.policies.PolicySyntaxException;
import io.watchsim.policies.SecurityModule;
import io.watchsim.policies.StackedModule;
import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.TePolicy;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.simulations.scenario.Policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a scenario's {@link Policy} into the {@link SecurityModule} the kernel enforces: the one
 * way the runner loads a policy, at the start of a run and for the swap-policy and reload-policy
 * faults alike.
 *
 * <p>Each rule file is read by {@link PolicyFiles} (as {@code watchsim policy} reads it). The files
 * of one engine make one module, as one LSM holds every rule loaded into it: Smack files are loaded
 * in the order given, a later rule for a subject and object replacing an earlier one (a write to
 * smackfs {@code load2}); type-enforcement files are united. The engines are then stacked in the
 * order the policy names them (every one must allow). Permissive alone, or no engine with rules,
 * is the permissive module.
 *
 * <p>It reads the disk: call it from a plain thread or the blocking-io dispatcher, never from an
 * actor on an ordinary dispatcher.
 */
public final class PolicyLoader {
    private PolicyLoader() {
    }

    /**
     * The module {@code policy} describes.
     *
     * @throws PolicySyntaxException when a rule file cannot be read, does not parse, or belongs to
     *                               an engine the policy does not name
     */
    public static SecurityModule load(Policy policy) {
        Map<Policy.Engine, List<SecurityModule>> byEngine = new EnumMap<>(Policy.Engine.class);
        for (Path file : policy.rules()) {
            Optional<Policy.Engine> engine = Policy.Engine.forFile(file);
            if (engine.isPresent() && !policy.engines().contains(engine.get())) {
                throw new PolicySyntaxException(file.toString(), "a " + engine.get().keyword()
                        + " rule file, but the policy's engines are " + policy.engineName());
            }
            SecurityModule module = PolicyFiles.load(file, policy.selinuxMode()); // refuses other extensions
            byEngine.computeIfAbsent(engine.orElseThrow(), e -> new ArrayList<>()).add(module);
        }
        List<SecurityModule> stack = new ArrayList<>();
        for (Policy.Engine engine : policy.engines()) {
            List<SecurityModule> files = byEngine.getOrDefault(engine, List.of());
            switch (engine) {
                case PERMISSIVE -> {
                }
                case SMACK -> stack.add(smack(files));
                case SELINUX -> stack.add(selinux(files, policy.selinuxMode()));
            }
        }
        if (stack.isEmpty()) {
            return PermissiveModule.INSTANCE;
        }
        return stack.size() == 1 ? stack.get(0) : new StackedModule(stack);
    }

    /** One Smack module holding every file's rules, loaded in order (a later rule for a pair replaces). */
    private static SecurityModule smack(List<SecurityModule> files) {
        SmackRules rules = SmackRules.empty();
        for (SecurityModule m : files) {
            for (SmackRule rule : ((SmackModule) m).rules().rules()) {
                rules = rules.with(rule);
            }
        }
        return SmackModule.of(rules);
    }

    /** One type-enforcement module holding the union of every file's types and rules. */
    private static SecurityModule selinux(List<SecurityModule> files, SelinuxModule.Mode mode) {
        TePolicy policy = TePolicy.empty();
        for (SecurityModule m : files) {
            policy = policy.union(((SelinuxModule) m).policy());
        }
        return SelinuxModule.of(policy, mode);
    }
}
