/**
 * The notification queue: Linux's notification pipe as a Pekko typed actor, its errno and
 * result types, and a Pekko Streams source that reads it. A queue is the parent of the watches
 * set on it ({@link io.watchsim.queues.WatchSpec}), so they end when it ends; their objects post
 * the records to it, each with its watch's tag and post check.
 *
 * <pre>
 *  posters --Post/PostBatch--&gt; NotificationQueue (owns a NotificationRing) --ReadResult--&gt; readers
 *  objects --AttachWatch----&gt;        └── watches (children)  &lt;--Read(bufSize, blocking)---------
 * </pre>
 */
package io.watchsim.queues;
