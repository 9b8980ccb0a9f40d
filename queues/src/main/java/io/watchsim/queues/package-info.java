/**
 * The notification queue: Linux's notification pipe as a Pekko typed actor, its errno and
 * result types, and a Pekko Streams source that reads it.
 *
 * <pre>
 *  posters --Post/PostBatch--&gt; NotificationQueue (owns a NotificationRing) --ReadResult--&gt; readers
 *                                                    &lt;--Read(bufSize, blocking)---------
 * </pre>
 */
package io.watchsim.queues;
