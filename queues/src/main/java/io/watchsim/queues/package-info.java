/**
 * The notification queue: Linux's notification pipe as a Pekko typed actor, its errno and
 * result types, and a Pekko Streams source that reads it. A queue is the parent of the watches
 * set on it ({@link io.watchsim.queues.WatchSpec}), so they end when it ends. Their objects post
 * into its {@link io.watchsim.queues.NotificationPipe} (the ring, shared with the queue's actor) on
 * their own threads, each record with its watch's tag and post check, as Linux posts under the
 * pipe's lock; the queue's actor owns the reads, the ioctls and the end. The last thing a queue does
 * as it stops is tell its spawner's {@link io.watchsim.queues.QueueCallers} so, which then answers
 * the calls the queue never received (a repeated read's are counted in its
 * {@link io.watchsim.queues.OutstandingReads}).
 *
 * <pre>
 *  objects --NotificationPipe.post (in place)--&gt; pipe --Wake (a read waits)--&gt; NotificationQueue
 *  posters --Post/PostBatch/PostEach-----------&gt; NotificationQueue --ReadResult--&gt; readers
 *  objects --AttachWatch--&gt; NotificationQueue   &lt;--Read(bufSize, blocking)-------------- readers
 *                              └── watches (children)
 * </pre>
 */
package io.watchsim.queues;
