/**
 * A Smack-style engine that follows Linux {@code security/smack}: labels, access rules as
 * written to smackfs {@code load2}, {@code smk_access()} and the {@code watch_key} and
 * {@code post_notification} hooks ({@link io.watchsim.policies.smack.SmackModule}), and the
 * writes by which a process loads rules and takes a label
 * ({@link io.watchsim.policies.smack.SmackWrites}).
 */
package io.watchsim.policies.smack;
