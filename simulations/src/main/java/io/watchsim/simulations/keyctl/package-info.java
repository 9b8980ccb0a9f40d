/**
 * keyutils' keyctl(1) on a simulated kernel: its command lines, outputs and error messages,
 * and scripts of command lines with background watch monitors.
 */
package io.watchsim.simulations.keyctl;
