/**
 * Who is asking: {@link io.watchsim.policies.Credentials} and {@link io.watchsim.policies.Capability}.
 * The LSM hooks and the SELinux- and Smack-style engines that rule on them join here with the
 * policy actor.
 */
package io.watchsim.policies;
