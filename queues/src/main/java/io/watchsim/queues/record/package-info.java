/**
 * Notification records as the kernel encodes them: the 8-byte header and the meta, key, mount
 * and superblock records of ver #5, all little-endian. {@link io.watchsim.queues.record.Notification}
 * is immutable and shared by every queue an event reaches.
 */
package io.watchsim.queues.record;
