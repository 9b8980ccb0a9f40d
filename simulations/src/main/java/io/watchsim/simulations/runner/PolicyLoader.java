package io.watchsim.simulations.runner;

import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyFiles;
import io.watchsim.policies.SecurityModule;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.simulations.scenario.Policy;

/**
 * A scenario's policy as the kernel takes it: permissive, or the engines' rule files loaded in
 * order and stacked (an engine named without rule files is its empty rule set). The scenario's
 * validator has checked the files already; a file that changed since is a mistake reported here.
 */
final class PolicyLoader {
    private PolicyLoader() {
    }

    static SecurityModule load(Policy policy) {
        if (policy.engines().equals(java.util.List.of(Policy.Engine.PERMISSIVE))) {
            return PermissiveModule.INSTANCE;
        }
        if (policy.rules().isEmpty()) {
            return policy.engines().contains(Policy.Engine.SMACK) ? SmackModule.of(SmackRules.empty())
                    : PermissiveModule.INSTANCE;
        }
        return PolicyFiles.loadAll(policy.rules(), policy.selinuxMode());
    }
}
