/**
 * Scenarios: what a simulation run builds, drives, breaks and checks, as immutable records with value
 * equality and no behaviour, for the scenario runner to carry out.
 *
 * <pre>
 *  Scenario ── World (gc delay, ObjectGroup: type, count, payload, Shape flat | tree | hot, linked-into, owner, perm;
 *           │          MountTree: depth, fanout, binds, automounts, spares; v5-bugs)
 *           ├─ QueueGroup (count, SET_SIZE notes, QueueFilter of FilterEntry, Reader: buffer, ReadPace, Stall, mountinfo)
 *           ├─ WatchRule (queues, objects, Coverage all | spread, TagRange, setter Credentials, WatchKind, WatchScope)
 *           ├─ Policy (engines, rule files, SELinux mode)
 *           ├─ Workload ── Generator (objects, keyrings, KeyOperation or MountOperation mix, Injection, credentials)
 *           ├─ FaultPlan ── Fault (Trigger at | every, FaultAction)
 *           ├─ Assertion (typed tree over Metric)
 *           └─ Output
 * </pre>
 *
 * Two front doors give the same value: {@link io.watchsim.simulations.scenario.ScenarioLoader} reads a
 * HOCON file (includes, substitutions) strictly against {@link io.watchsim.simulations.scenario.ScenarioSchema},
 * and {@link io.watchsim.simulations.scenario.ScenarioBuilder} builds one in Java; both check it with
 * {@link io.watchsim.simulations.scenario.ScenarioValidator} and report every mistake at once as
 * {@link io.watchsim.simulations.scenario.ScenarioProblem}s ({@code FILE:LINE: KEY: found X, expected Y}).
 * {@link io.watchsim.simulations.scenario.Units} and {@link io.watchsim.simulations.scenario.Rate} read
 * durations, counts, shares and rates; {@link io.watchsim.simulations.scenario.RandomStreams} derives a named
 * stream's seed from the scenario's; {@link io.watchsim.simulations.scenario.ScenarioReference} prints the
 * key reference of docs/SCENARIOS.md from the schema.
 */
package io.watchsim.simulations.scenario;
