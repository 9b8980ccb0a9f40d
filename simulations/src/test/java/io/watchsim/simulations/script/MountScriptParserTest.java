package io.watchsim.simulations.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks of the mount and superblock ops: each mistake stops the script before anything runs. */
class MountScriptParserTest {
    private static final String FILE = "m.wqs";

    private static void assertError(String script, int line, String... fragments) {
        assertThatThrownBy(() -> ScriptParser.parse(FILE, script)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(FILE + ":" + line + ": ").hasMessageContainingAll(fragments);
    }

    @Test
    void pathsAreAbsolute() {
        assertError("mkdir a\n", 1, "path 'a' is not absolute", "starts with /");
        assertError("mkdir /a\nmovemount /a b\n", 2, "path 'b' is not absolute");
    }

    @Test
    void mountOptionsAreTheFiveWordsAndRemountAlsoTheirOpposites() {
        assertError("mount m tmpfs /a rw\n", 1, "option 'rw' in 'rw'", "noatime, nodev, noexec, nosuid, ro");
        assertError("remount /a ro,,dev\n", 1, "option '' in 'ro,,dev'");
        assertThat(ScriptParser.parse(FILE, "remount /a rw,suid,dev,exec,atime\n")).hasSize(1);
    }

    @Test
    void theOtherWordsOfAnOp() {
        assertError("umount /a lazy\n", 1, "unknown umount flag 'lazy'", "expected: detach");
        assertError("sbremount /a readonly\n", 1, "'readonly' is not a superblock state", "ro or rw");
        assertError("sberror /a EWHAT\n", 1, "'EWHAT' is not an errno");
        assertError("mount 9m tmpfs /a\n", 1, "'9m' is not a valid name");
    }

    @Test
    void watchCallsTakeAQueueAnIntTagAndIntFlags() {
        assertError("watchmount q / 1\n", 1, "'q' is not a queue or pipe named");
        assertError("queue q\nwatchsb q / 0x100000000\n", 2, "TAG '0x100000000' does not fit in 32 bits");
        assertError("queue q\nwatchmount q / 1 flags\n", 2, "FLAGS 'flags' is not a number");
        List<ScriptLine> ok = ScriptParser.parse(FILE, "queue q\nwatchmount q.w / -1 0x800\nunwatchsb 3 /\n");
        assertThat(ok).extracting(ScriptLine::op).containsExactly(Op.QUEUE, Op.WATCHMOUNT, Op.UNWATCHSB);
    }

    @Test
    void errnosForSberrorAreNamesOrNumbersUpTo4095() {
        assertThat(MountCalls.errorNumber("eio")).hasValue(5);
        assertThat(MountCalls.errorNumber("0x10")).hasValue(16);
        assertThat(MountCalls.errorNumber("4096")).isEmpty();
    }

    @Test
    void renameRaceTakesACountTwoPathsAndAWholeMountOpThatWalks() {
        assertError("renamerace x /a /b umount /c\n", 1, "N 'x' is not a number");
        assertError("renamerace -1 /a /b umount /c\n", 1, "N -1 is out of range", "allowed 0..2147483647");
        assertError("renamerace 1 a /b umount /c\n", 1, "path 'a' is not absolute");
        assertError("renamerace 1 /a /b mkdir /c\n", 1, "renamerace races with a mount op that walks, found 'mkdir'",
                "mount, bindmount, automount, umount, movemount, remount, expire");
        assertError("renamerace 1 /a /b bogus\n", 1, "found 'bogus'");
        assertError("renamerace 1 /a /b mount m1 tmpfs\n", 1, "mount takes 3 to 4 arguments, found 2",
                "renamerace N FROM TO mount NAME FSTYPE PATH [OPTS]");
        assertError("renamerace 1 /a /b umount /c lazy\n", 1, "unknown umount flag 'lazy'");
        assertError("rename /a b\n", 1, "path 'b' is not absolute");
        List<ScriptLine> ok = ScriptParser.parse(FILE, "renamerace 0 /a /b mount m1 tmpfs /c ro\n");
        assertThat(ok).singleElement().satisfies(l -> {
            assertThat(l.op()).isEqualTo(Op.RENAMERACE);
            assertThat(l.racedCall().op()).isEqualTo(Op.MOUNT);
            assertThat(l.racedCall().args()).containsExactly("m1", "tmpfs", "/c", "ro");
        });
    }
}
