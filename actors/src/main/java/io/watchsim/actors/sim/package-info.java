/**
 * Deterministic mode: one thread runs a whole actor system, picking which runnable mailbox goes next by a
 * seeded order, on a virtual clock that moves by a fixed cost per step and jumps to the next timer when
 * nothing is runnable. Same scenario, same seed: the same deliveries in the same order.
 * <pre>
 *   Pekko dispatcher --execute(mailbox)--&gt; SimLoop.ready (seeded order) --step()--&gt; mailbox.run()
 *   Pekko scheduler = VirtualScheduler --timer--&gt; SimLoop.timers (due, seq) --due--&gt; execute(task)
 *   the loop's thread waits (Waits.await/sleep) by stepping the loop
 * </pre>
 */
package io.watchsim.actors.sim;
