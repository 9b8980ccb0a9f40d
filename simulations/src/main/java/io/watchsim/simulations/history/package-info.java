/**
 * A run's post history: what every object posted, what became of each record at each queue, what
 * each reader read; recorded when a run asks for it, checked against the per-watch invariants
 * (conservation, ordering, security, removal, loss marking), written as JSON lines and checked again
 * later ({@code watchsim check}).
 *
 * <pre>
 *  objects, queues (KernelHistory) --+
 *  readers, faults (the runner) -----+--&gt; HistoryRecorder --events--&gt; HistoryChecker --&gt; HistoryVerdict
 *                                                              +--&gt; HistoryFile (--history FILE; or no file)
 *                                                                         '--&gt; fingerprint (SHA-256 of the lines)
 * </pre>
 * The recorder checks and writes on a thread of its own, or inline on the caller's (a deterministic run).
 */
package io.watchsim.simulations.history;
