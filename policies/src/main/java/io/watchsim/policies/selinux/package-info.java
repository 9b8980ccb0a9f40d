/**
 * An SELinux-style type-enforcement engine: security contexts, {@code allow} rules over types
 * and classes ({@link io.watchsim.policies.selinux.TePolicy}), and the notification hooks in a
 * STRICT (upstream: {@code watch_key} only) or EXTENDED mode
 * ({@link io.watchsim.policies.selinux.SelinuxModule}).
 */
package io.watchsim.policies.selinux;
