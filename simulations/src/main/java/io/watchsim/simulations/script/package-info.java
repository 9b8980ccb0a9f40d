/**
 * The kernel script runner: reads {@code .wqs} files ({@code ScriptText}: UTF-8 text, or standard
 * input), parses them, runs each op against one simulated kernel (a descriptor table bounded by
 * RLIMIT_NOFILE, ordinary pipes in place, notification pipes as queue actors, pipe pages charged
 * per user, the process's identity and its Smack label or SELinux context) and prints the output format of
 * {@code docs/SCRIPT-LANGUAGE.md}.
 *
 * <pre>
 *  ScriptText --text--&gt; ScriptParser --ScriptLine--&gt; ScriptRunner: the op table, one call per op
 *     PipeCalls      pipe2, read, write, poll, close, ioctls, fcntls, post: FileTable, OrdinaryPipe,
 *                    QueuePipe (asks the kernel), PipeUsers, RecordFormatter
 *     SpliceCalls    splice, tee
 *     KeyCalls       add_key, request_key, keyctl: KeyNames, ScriptKeys
 *     IdentityCalls  setuid, setgid, capdrop, Smack label and rules, or (lsm selinux) the SELinux
 *                    context and allow rules: ScriptProcess
 *     MountCalls     mounts, superblocks, watch_mount, watch_sb, mountinfo: MountNames
 *     ScriptClock    sleep, and poll's waiting: the key subsystem's time
 * </pre>
 */
package io.watchsim.simulations.script;
