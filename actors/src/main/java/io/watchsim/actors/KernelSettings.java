package io.watchsim.actors;

import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.SecurityModule;

import java.time.Duration;
import java.util.Objects;

/**
 * How a kernel is built: the policy it starts with, how many hosts spread its actors, and how
 * long a synchronous call waits before it is reported as a fault.
 */
public record KernelSettings(SecurityModule initialPolicy, int hosts, Duration askTimeout) {
    public static final KernelSettings DEFAULT = new KernelSettings(PermissiveModule.INSTANCE, 32, Duration.ofSeconds(30));

    public KernelSettings {
        Objects.requireNonNull(initialPolicy);
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts " + hosts + " must be at least 1");
        }
    }

    public KernelSettings withPolicy(SecurityModule policy) {
        return new KernelSettings(policy, hosts, askTimeout);
    }

    public KernelSettings withHosts(int n) {
        return new KernelSettings(initialPolicy, n, askTimeout);
    }
}
