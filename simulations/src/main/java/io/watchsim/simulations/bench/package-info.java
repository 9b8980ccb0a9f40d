/**
 * The benchmark harness of {@code watchsim bench}: WatchSim's full path against a one-hop and a
 * two-hop actor relay paced and counted the same way and a plain-Java ring baseline, side by side
 * in one run ({@link io.watchsim.simulations.bench.SideBySide}), one record per event by default
 * and batched on request; heap footprints; ({@code --runner}) the scenario runner's path against
 * the bare kernel path on the fan-out shape; and ({@code --latency}) post-to-read latency under an
 * open-loop load at shares of the searched saturation, in child JVMs per collector
 * ({@link io.watchsim.simulations.bench.CollectorComparison}, {@link io.watchsim.simulations.bench.LatencyUnderLoad}).
 * Kept apart from the model, as Caffeine keeps its simulator apart from its cache.
 */
package io.watchsim.simulations.bench;
