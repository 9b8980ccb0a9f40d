/**
 * The kernel script runner: reads {@code .wqs} files ({@code ScriptText}: UTF-8 text, or standard
 * input), parses them, runs each op against one simulated kernel (a descriptor table bounded by
 * RLIMIT_NOFILE, ordinary pipes in place, notification pipes as queue actors, pipe pages charged
 * per user, the process's identity and Smack label) and prints the output format of
 * {@code docs/SCRIPT-LANGUAGE.md}.
 *
 * <pre>
 *  ScriptText --text--&gt; ScriptParser --ScriptLine--&gt; ScriptRunner --asks--&gt; NotificationQueue actors
 *                                   |  FileTable, OrdinaryPipe, QueuePipe, PipeUsers,
 *                                   |  ScriptProcess, RecordFormatter
 * </pre>
 */
package io.watchsim.simulations.script;
