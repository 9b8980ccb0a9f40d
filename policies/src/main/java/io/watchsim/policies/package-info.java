/**
 * The security side of the simulated kernel: who is asking ({@link io.watchsim.policies.Credentials},
 * {@link io.watchsim.policies.Capability}), the LSM hooks ({@link io.watchsim.policies.SecurityModule};
 * {@link io.watchsim.policies.LabelBasedModule} for the Smack- and SELinux-style engines of the
 * subpackages, {@link io.watchsim.policies.StackedModule}, {@link io.watchsim.policies.PermissiveModule}),
 * the {@link io.watchsim.policies.PolicyEngine} actor that stamps each event with the
 * {@link io.watchsim.policies.PolicySnapshot} in force, the counts and audit log
 * ({@link io.watchsim.policies.PolicyMetrics}) and the policy file loader
 * ({@link io.watchsim.policies.PolicyFiles}).
 */
package io.watchsim.policies;
