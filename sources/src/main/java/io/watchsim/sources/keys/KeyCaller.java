package io.watchsim.sources.keys;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicySnapshot;

import java.util.Objects;

/**
 * Who makes a key system call: the process (whose thread, process and session keyrings apply),
 * its credentials at the time of the call, and the policy the call is judged by.
 */
public record KeyCaller(long pid, Credentials creds, PolicySnapshot policy) {
    public KeyCaller {
        Objects.requireNonNull(creds);
        Objects.requireNonNull(policy);
    }
}
