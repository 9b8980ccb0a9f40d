/**
 * Stress runs: the same kernel scripts many times, several at once, under each dispatcher
 * setting, every run compared with the first, so that a race shows as output that varied, a
 * kernel fault, or a run that did not finish.
 *
 * <pre>
 *  StressCommand / stress tests --scripts--&gt; StressRunner --one fresh Kernel per run--&gt; ScriptRunner
 *  ScriptGenerator (seed | choices) --text--^        one ActorSystem per DispatcherSettings
 * </pre>
 */
package io.watchsim.simulations.stress;
