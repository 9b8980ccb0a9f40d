/**
 * keyutils' keyctl(1) on a simulated kernel: its command lines, parsed as keyctl parses them
 * (numbers through {@code Strtoul}, glibc's strtoul()), its outputs and error messages, and
 * scripts of command lines with background watch monitors.
 */
package io.watchsim.simulations.keyctl;
