/**
 * An SELinux-style type-enforcement engine: security contexts, {@code allow} rules over types
 * and classes ({@link io.watchsim.policies.selinux.TePolicy}, read by
 * {@link io.watchsim.policies.selinux.SelinuxPolicyParser}), and the hooks in a STRICT (upstream:
 * {@code watch_key} and {@code key_permission} only) or EXTENDED mode
 * ({@link io.watchsim.policies.selinux.SelinuxModule}).
 */
package io.watchsim.policies.selinux;
