/**
 * keyutils' keyctl(1) on a simulated kernel: its command lines, parsed as keyctl parses them
 * (numbers through {@code Strtoul}, glibc's strtoul()), its outputs and error messages, and
 * scripts of command lines with background watch monitors.
 *
 * <pre>
 *  KeyctlRunner / KeyctlScript --argv--&gt; KeyctlSession --&gt; KeyctlCommands: {action, name, format}
 *     KeyctlCall        one command line: arity checks, get_key_id(), a call's result or error
 *     KeyctlArgs        strtoul() numbers, ids, data from stdin or hex
 *     KeyDescriptions   describe, list, show, print and read output
 *     KeyctlWatch       watch and its options; KeyctlMonitor prints what the queue receives
 * </pre>
 */
package io.watchsim.simulations.keyctl;
