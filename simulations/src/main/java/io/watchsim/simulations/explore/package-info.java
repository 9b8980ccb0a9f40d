/**
 * {@code watchsim explore}: many deterministic runs of one scenario, one seed each (in parallel, one loop per
 * thread); the seeds whose run broke an invariant, an assertion or liveness, grouped by what broke; and the
 * first failure shrunk to a smaller scenario that still fails the same way.
 * <pre>
 *   Explorer --scenario, seed--&gt; SeedRunner (a deterministic run) --SeedOutcome--&gt; ExploreReport
 *   Shrinker --smaller candidate (ScenarioCandidates)--&gt; SeedRunner ... while the signature holds
 * </pre>
 */
package io.watchsim.simulations.explore;
