/**
 * The kernel script runner: parses {@code .wqs} files, runs each op against one simulated kernel
 * (a descriptor table, ordinary pipes in place, notification pipes as queue actors) and prints
 * the output format of {@code docs/SCRIPT-LANGUAGE.md}.
 *
 * <pre>
 *  ScriptParser --ScriptLine--&gt; ScriptRunner --asks--&gt; NotificationQueue actors
 *                                   |  FileTable, OrdinaryPipe, RecordFormatter
 * </pre>
 */
package io.watchsim.simulations.script;
