/**
 * The {@code watchsim} command line (picocli): one subcommand per job, user mistakes reported
 * as one clear line and exit code 2.
 */
package io.watchsim.simulations.cli;
