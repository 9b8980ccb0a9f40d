/**
 * A Smack-style engine that follows Linux {@code security/smack}: labels
 * ({@link io.watchsim.policies.smack.SmackLabel}), access rules as written to smackfs {@code load2}
 * and read from rule files ({@link io.watchsim.policies.smack.SmackPolicyParser}),
 * {@code smk_access()} ({@link io.watchsim.policies.smack.SmackRules}), the {@code watch_key},
 * {@code post_notification} and {@code key_permission} hooks
 * ({@link io.watchsim.policies.smack.SmackModule}), and the writes by which a process loads rules
 * and takes a label ({@link io.watchsim.policies.smack.SmackWrites}).
 */
package io.watchsim.policies.smack;
