package io.watchsim.simulations.script;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operations of the kernel script language ({@code docs/SCRIPT-LANGUAGE.md}) with their
 * argument counts and usage.
 */
enum Op {
    ECHO("echo", 0, -1, "echo TEXT..."),
    QUEUE("queue", 1, 2, "queue Q [cloexec]"),
    PIPE("pipe", 1, 1, "pipe P"),
    PIPE2RAW("pipe2raw", 1, 1, "pipe2raw FLAGS"),
    SETSIZE("setsize", 2, 2, "setsize FD N"),
    FILTER("filter", 2, -1, "filter FD none | filter FD [reserved=N] [nr=N] [empty] TYPE:SUB0[,SUB1..SUB7][:INFO_FILTER:INFO_MASK]..."),
    READ("read", 1, 2, "read FD [BUFSZ]"),
    READONE("readone", 1, 2, "readone FD [BUFSZ]"),
    POLL("poll", 2, 2, "poll FD MS"),
    FIONREAD("fionread", 1, 1, "fionread FD"),
    GETPIPESZ("getpipesz", 1, 1, "getpipesz FD"),
    SETPIPESZ("setpipesz", 2, 2, "setpipesz FD N"),
    WRITE("write", 2, 2, "write FD TEXT"),
    SPLICE("splice", 3, 3, "splice FROM TO LEN"),
    TEE("tee", 3, 3, "tee FROM TO LEN"),
    CLOSE("close", 1, 1, "close FD"),
    SLEEP("sleep", 1, 1, "sleep MS"),
    POST("post", 4, -1, "post FD TYPE SUBTYPE TAG [WORD...]"),
    REPEAT("repeat", 2, -1, "repeat N OP ARGS..."),
    // Key operations.
    SETUID("setuid", 1, 1, "setuid UID"),
    SETGID("setgid", 1, 1, "setgid GID"),
    SMACKRULE("smackrule", 3, 3, "smackrule SUBJECT OBJECT ACCESS"),
    SMACKLABEL("smacklabel", 1, 1, "smacklabel LABEL"),
    LSM("lsm", 1, 2, "lsm smack | lsm selinux [strict|extended]"),
    TEALLOW("teallow", 4, -1, "teallow SOURCE TARGET CLASS PERM..."),
    SECONTEXT("secontext", 1, 1, "secontext CONTEXT"),
    KEYLABEL("keylabel", 1, 1, "keylabel KEY"),
    CAPDROP("capdrop", 1, 1, "capdrop CAP"),
    WATCH("watch", 3, 3, "watch FD KEY TAG"),
    UNWATCH("unwatch", 2, 2, "unwatch FD KEY"),
    ADD("add", 5, 5, "add NAME TYPE DESC DATA RING"),
    NEWRING("newring", 3, 3, "newring NAME DESC RING"),
    REQUEST("request", 5, -1, "request NAME TYPE DESC RING CALLOUT..."),
    REQUESTW("requestw", 7, -1, "requestw NAME TYPE DESC RING Q TAG CALLOUT..."),
    BIND("bind", 2, 2, "bind NAME KEY"),
    UPDATE("update", 2, 2, "update KEY DATA"),
    LINK("link", 2, 2, "link KEY RING"),
    UNLINK("unlink", 2, 2, "unlink KEY RING"),
    MOVE("move", 3, 4, "move KEY FROM TO [FLAGS]"),
    REVOKE("revoke", 1, 1, "revoke KEY"),
    INVALIDATE("invalidate", 1, 1, "invalidate KEY"),
    CLEAR("clear", 1, 1, "clear RING"),
    SETPERM("setperm", 2, 2, "setperm KEY PERM"),
    CHOWN("chown", 3, 3, "chown KEY UID GID"),
    TIMEOUT("timeout", 2, 2, "timeout KEY SECS"),
    RESTRICT("restrict", 3, 3, "restrict RING TYPE RESTRICTION"),
    DESCRIBE("describe", 1, 1, "describe KEY"),
    READKEY("readkey", 1, 1, "readkey KEY"),
    GCDELAY("gcdelay", 1, 1, "gcdelay SECS"),
    NEWSESSION("newsession", 0, 1, "newsession [NAME]"),
    // Mounts and superblocks.
    MKDIR("mkdir", 1, 1, "mkdir PATH"),
    TOUCH("touch", 1, 1, "touch PATH"),
    MOUNT("mount", 3, 4, "mount NAME FSTYPE PATH [OPTS]"),
    BINDMOUNT("bindmount", 3, 3, "bindmount NAME FROM TO"),
    AUTOMOUNT("automount", 3, 3, "automount NAME FSTYPE PATH"),
    UMOUNT("umount", 1, 2, "umount PATH [detach]"),
    MOVEMOUNT("movemount", 2, 2, "movemount FROM TO"),
    REMOUNT("remount", 2, 2, "remount PATH OPTS"),
    SBREMOUNT("sbremount", 2, 2, "sbremount PATH ro|rw"),
    EXPIRE("expire", 1, 1, "expire PATH"),
    WATCHMOUNT("watchmount", 3, 4, "watchmount FD PATH TAG [FLAGS]"),
    UNWATCHMOUNT("unwatchmount", 2, 2, "unwatchmount FD PATH"),
    WATCHSB("watchsb", 3, 4, "watchsb FD PATH TAG [FLAGS]"),
    UNWATCHSB("unwatchsb", 2, 2, "unwatchsb FD PATH"),
    SBERROR("sberror", 2, 2, "sberror PATH ERRNO"),
    SBEDQUOT("sbedquot", 1, 1, "sbedquot PATH"),
    SBNETWORK("sbnetwork", 1, 1, "sbnetwork PATH"),
    MOUNTINFO("mountinfo", 1, 1, "mountinfo PATH"),
    // WatchSim's own: a rename, and a rename racing a mount op's rootward walk.
    RENAME("rename", 2, 2, "rename FROM TO"),
    RENAMERACE("renamerace", 4, -1, "renamerace N FROM TO OP ARGS... (OP: mount, bindmount, automount, umount, "
            + "movemount, remount or expire)");

    private static final Map<String, Op> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(op -> op.word, Function.identity()));

    final String word;
    final int minArgs;
    final int maxArgs;
    final String usage;

    Op(String word, int minArgs, int maxArgs, String usage) {
        this.word = word;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.usage = usage;
    }

    static Optional<Op> byWord(String word) {
        return Optional.ofNullable(BY_NAME.get(word));
    }

    static String knownWords() {
        return Arrays.stream(values()).map(op -> op.word).collect(Collectors.joining(", "));
    }
}
