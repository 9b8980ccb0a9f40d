/**
 * Experiments: sweeps, replications and comparisons of runs. A {@link io.watchsim.simulations.experiment.Sweep}
 * runs every point of a grid of scenario keys ({@link io.watchsim.simulations.experiment.SweepAxis},
 * {@link io.watchsim.simulations.experiment.GridPoint}) several times with derived seeds
 * ({@link io.watchsim.simulations.experiment.Replications}), each run with its own report, and
 * writes one comparison; {@link io.watchsim.simulations.experiment.Comparison} puts earlier runs side
 * by side. Both read the runs back from their folders ({@link io.watchsim.simulations.experiment.RunSummary}),
 * so every figure they show is a run's own.
 *
 * <pre>
 *  Sweep --plan: load every point--&gt; PlannedRun x points x replications
 *       --execute--&gt; ReportedRun (OUT/point-NN/rep-R) --&gt; RunSummary --&gt; Spread per metric per point
 *       --&gt; experiment.json, comparison.html
 *  Comparison --&gt; RunSummary per folder, ScenarioDifferences --&gt; text, comparison.html
 * </pre>
 */
package io.watchsim.simulations.experiment;
