/**
 * The kernel script runner: reads {@code .wqs} files ({@code ScriptText}: UTF-8 text, or standard
 * input), parses them, runs each op against one simulated kernel (a descriptor table, ordinary
 * pipes in place, notification pipes as queue actors) and prints the output format of
 * {@code docs/SCRIPT-LANGUAGE.md}.
 *
 * <pre>
 *  ScriptText --text--&gt; ScriptParser --ScriptLine--&gt; ScriptRunner --asks--&gt; NotificationQueue actors
 *                                   |  FileTable, OrdinaryPipe, RecordFormatter
 * </pre>
 */
package io.watchsim.simulations.script;
