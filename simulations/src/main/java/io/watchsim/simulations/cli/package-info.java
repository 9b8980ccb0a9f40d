/**
 * The {@code watchsim} command line (picocli): one subcommand per job, each with -h and -V; user
 * mistakes (a bad option value, a bad file) reported as one clear line on stderr and exit code 2;
 * stdout carries only results, every diagnostic goes to stderr.
 */
package io.watchsim.simulations.cli;
