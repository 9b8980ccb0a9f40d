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
 *       |                       '-- MountWorldBuilder --mkdir, mount, watch_mount, watch_sb--&gt; Mounts
 *       |--start--&gt; QueueReaders (a reader per queue; MountRecovery walks after a loss) &lt;--records-- queues
 *       |--start--&gt; SimulatedTime, FaultInjector (MountFaults), WorkloadDriver --calls--&gt; Kernel, Keys, Mounts
 *       '--end--&gt; drain, quiet statistics, tallies --&gt; Invariants, MountRecoveryCheck, RunMetrics --&gt; RunResult
 * </pre>
 */
package io.watchsim.simulations.runner;
