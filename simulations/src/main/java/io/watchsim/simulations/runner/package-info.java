/**
 * The scenario runner: one run of a {@link io.watchsim.simulations.scenario.Scenario}, through the
 * kernel's public API only. {@link io.watchsim.simulations.runner.ScenarioRunner} builds the world
 * ({@code WorldBuilder}), starts a reader per queue ({@code QueueReaders}), the simulated clock,
 * the fault plan ({@code FaultInjector}) and the workload ({@code WorkloadDriver}), lets the
 * scenario's duration pass, drains, checks the {@code Invariants}, computes the {@code RunMetrics},
 * judges the assertions and returns a {@link io.watchsim.simulations.runner.RunResult}.
 *
 * <pre>
 *  ScenarioRunner --build--&gt; WorldBuilder --add_key, pipe2, SET_SIZE, KEYCTL_WATCH_KEY--&gt; Kernel, Keys
 *       |--start--&gt; QueueReaders (a reader per queue) &lt;--records-- queues
 *       |--start--&gt; SimulatedTime, FaultInjector, WorkloadDriver --calls--&gt; Kernel, Keys
 *       '--end--&gt; drain, quiet statistics, tallies --&gt; Invariants, RunMetrics --&gt; RunResult
 * </pre>
 */
package io.watchsim.simulations.runner;
