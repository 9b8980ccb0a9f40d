/**
 * A run's post history: what every object posted, what became of each record at each queue, what
 * each reader read; recorded when a run asks for it, checked against the per-watch invariants
 * (conservation, ordering, security, removal, loss marking), written as JSON lines and checked again
 * later ({@code watchsim check}).
 *
 * <pre>
 *  objects, queues (KernelHistory) --+
 *  readers, faults (the runner) -----+--&gt; HistoryRecorder --events--&gt; HistoryChecker --&gt; HistoryVerdict
 *                                                              +--&gt; HistoryFile (--history FILE)
 * </pre>
 */
package io.watchsim.simulations.history;
