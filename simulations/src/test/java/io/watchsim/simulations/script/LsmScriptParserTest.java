package io.watchsim.simulations.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks of the LSM ops: {@code lsm} chooses the kernel's LSM before anything else, the
 * SELinux ops ({@code teallow}, {@code secontext}) need {@code lsm selinux} and the Smack ops a
 * kernel with Smack, and a mount's label options pass the parser (the kernel checks their values).
 */
class LsmScriptParserTest {
    private static final String FILE = "l.wqs";

    private static void assertError(String script, int line, String... fragments) {
        assertThatThrownBy(() -> ScriptParser.parse(FILE, script)).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(FILE + ":" + line + ": ").hasMessageContainingAll(fragments);
    }

    @Test
    void lsmComesFirstAndNamesSmackOrSelinuxWithItsMode() {
        List<ScriptLine> ok = ScriptParser.parse(FILE, "# a comment\necho boot\nlsm selinux strict\nqueue q\n");
        assertThat(ok).extracting(ScriptLine::op).containsExactly(Op.ECHO, Op.LSM, Op.QUEUE);
        assertThat(ScriptParser.parse(FILE, "lsm smack\nsmacklabel A\n")).hasSize(2);
        assertThat(ScriptParser.parse(FILE, "lsm selinux extended\n")).hasSize(1);
        assertError("queue q\nlsm selinux\n", 2, "lsm chooses the LSM the kernel boots with", "first op");
        assertError("lsm selinux\nlsm selinux\n", 2, "must be the script's first op");
        assertError("repeat 2 lsm smack\n", 1, "must be the script's first op");
        assertError("lsm apparmor\n", 1, "unknown LSM 'apparmor'", "smack or selinux");
        assertError("lsm selinux permissive\n", 1, "'permissive' is no mode of selinux", "[strict|extended]");
        assertError("lsm smack strict\n", 1, "'strict' is no mode of smack");
        assertError("lsm\n", 1, "lsm takes 1 to 2 arguments, found 0");
    }

    @Test
    void theSelinuxOpsNeedLsmSelinuxAndTheSmackOpsAKernelWithSmack() {
        assertError("teallow a_t b_t mount watch\n", 1, "teallow is an SELinux op", "'lsm selinux' as the script's first op");
        assertError("lsm smack\nsecontext u:r:t\n", 2, "secontext is an SELinux op");
        assertError("lsm selinux\nsmacklabel A\n", 2, "smacklabel is a Smack op", "lsm selinux, line 1",
                "expected teallow or secontext");
        assertError("lsm selinux\nqueue q\nsmackrule A B r\n", 3, "smackrule is a Smack op");
    }

    @Test
    void teallowTakesTypeNamesAClassAndItsPermissions() {
        List<ScriptLine> ok = ScriptParser.parse(FILE, "lsm selinux\nteallow a_t self key view read search\n"
                + "teallow a_t b.t-2 superblock watch\n");
        assertThat(ok).extracting(ScriptLine::op).containsExactly(Op.LSM, Op.TEALLOW, Op.TEALLOW);
        assertError("lsm selinux\nteallow a_t b_t mount\n", 2, "teallow takes at least 4 arguments, found 3");
        assertError("lsm selinux\nteallow self b_t mount watch\n", 2, "SOURCE", "\"self\" is a keyword");
        assertError("lsm selinux\nteallow 9a b_t mount watch\n", 2, "SOURCE", "must start with a letter");
        assertError("lsm selinux\nteallow a_t b/t mount watch\n", 2, "TARGET", "(or self)");
        assertError("lsm selinux\nteallow a_t b_t file read\n", 2, "unknown class 'file'",
                "key, mount, superblock, notification");
        assertError("lsm selinux\nteallow a_t b_t mount watch read\n", 2, "'read' is no permission of class mount",
                "expected watch");
    }

    @Test
    void aMountTakesTheLabelOptionsWhoseValuesTheKernelChecks() {
        assertThat(ScriptParser.parse(FILE, "mount m tmpfs /a ro,smackfsdef=-x\nmount n ext4 /b context=nonsense\n"))
                .hasSize(2);
        assertError("mount m tmpfs /a smackfsroot=X\n", 1, "option 'smackfsroot=X'", "smackfsdef=LABEL, context=CONTEXT");
        assertError("remount /a context=u:r:t\n", 1, "option 'context=u:r:t'");
    }
}
