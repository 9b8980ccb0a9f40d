/**
 * A run's report: what people read after a run. {@link io.watchsim.simulations.report.TimelineSampler}
 * samples a running scenario into a bounded {@link io.watchsim.simulations.report.Timeline} (rates,
 * latency percentiles per interval, queue depths, denials) from its own thread (or on the run's
 * scheduler, never blocking), reading only the
 * counters the runner and the policy keep anyway; {@link io.watchsim.simulations.report.ReportedRun}
 * runs a scenario with it and writes {@code result.json}, {@code report.html}
 * ({@link io.watchsim.simulations.report.RunReport}: the data of
 * {@link io.watchsim.simulations.report.ReportData} drawn by uPlot, inlined from its WebJar by
 * {@link io.watchsim.simulations.report.HtmlReport}, so the page opens without a network) and
 * {@code scenario.conf}.
 *
 * <pre>
 *  ReportedRun --first part--&gt; TimelineSampler --every interval--&gt; Timeline (bounded, halves when full)
 *       |          '--at the end--&gt; FinalCounts (queues' counts, whole-run latency, denials by labels)
 *       '--&gt; ResultWriter (result.json), RunReport --&gt; ReportData --&gt; HtmlReport (report.html)
 * </pre>
 */
package io.watchsim.simulations.report;
