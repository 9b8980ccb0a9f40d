/**
 * The benchmark harness of {@code watchsim bench}: WatchSim's full path against a naive actor
 * relay of the same shape and a plain-Java ring baseline, in one run, and heap footprints; and
 * ({@code --runner}) the scenario runner's path against the bare kernel path on the fan-out shape.
 * Kept apart from the model, as Caffeine keeps its simulator apart from its cache.
 */
package io.watchsim.simulations.bench;
