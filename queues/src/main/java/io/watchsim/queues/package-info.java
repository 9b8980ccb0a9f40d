/**
 * The notification queue: Linux's notification pipe as a Pekko typed actor, its errno and
 * result types, and a Pekko Streams source that reads it. A queue is the parent of the watches
 * that feed it ({@link io.watchsim.queues.WatchSpec}), so they end when it ends.
 *
 * <pre>
 *  posters --Post/PostBatch--&gt; NotificationQueue (owns a NotificationRing) --ReadResult--&gt; readers
 *  objects --AttachWatch----&gt;        └── watches (children)  &lt;--Read(bufSize, blocking)---------
 * </pre>
 */
package io.watchsim.queues;
