package io.watchsim.simulations.runner;

/**
 * One generator's share of a run's operations, for the result and the summary: what its profile
 * asked for against what it sent and what the kernel answered. An open model's
 * {@code intended = issued + unsent} once each tick is handled; a closed model intends exactly what
 * it issues. Once the workload has stopped, {@code issued = answered + unanswered}.
 *
 * @param name           the generator's name
 * @param profile        its injection profile (constant, ramp, stairs, spike, poisson, closed)
 * @param intended       operations its profile asked for
 * @param issued         operations it sent to the kernel
 * @param unsent         operations not sent because max-in-flight calls were outstanding
 * @param answered       calls answered, with a value or an errno
 * @param errors         calls answered with an errno
 * @param unanswered     calls with no answer within their bound, or failed with a kernel fault
 * @param maxOutstanding the most calls it had outstanding at once
 */
public record GeneratorStats(String name, String profile, long intended, long issued, long unsent, long answered,
                             long errors, long unanswered, int maxOutstanding) {
}
