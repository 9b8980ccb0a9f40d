package io.watchsim.policies.smack;

import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes to /proc/self/attr/current and smackfs load2 in the order of checks of
 * {@code smack_setprocattr()} and {@code smk_write_rules_list()}.
 */
class SmackWritesTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static SmackWrites.LabelWrite label(String value) {
        return SmackWrites.setProcAttr(bytes(value), true);
    }

    private static SmackWrites.RulesWrite load(String text) {
        return SmackWrites.load2(bytes(text), true);
    }

    // ------------------------------------------------------------------ /proc/self/attr/current

    @Test
    void takingALabelNeedsCapMacAdminBeforeAnythingElse() {
        for (String v : new String[] {"A", "*", "@", "-x", ""}) {
            assertThat(SmackWrites.setProcAttr(bytes(v), false).errno()).as(v).isEqualTo(Errno.EPERM);
        }
    }

    @ParameterizedTest
    @CsvSource({"*,EPERM", "@,EPERM", "-x,EINVAL", "/x,EINVAL", "'',EINVAL"})
    void theLabelsAProcessMayNotTake(String value, Errno errno) {
        assertThat(label(value).errno()).isEqualTo(errno);
    }

    @Test
    void aWriteOf256BytesIsEinvalEvenWhenTheLabelWouldBeShort() {
        assertThat(label("A/" + "x".repeat(254)).errno()).isEqualTo(Errno.EINVAL);
        assertThat(label("A/" + "x".repeat(253)).label()).isEqualTo("A");
    }

    @ParameterizedTest
    @CsvSource({"^,^", "*x,*x", "@@,@@", "Foo/bar,Foo", "_,_"})
    void otherLabelsAreTaken(String value, String label) {
        SmackWrites.LabelWrite w = label(value);
        assertThat(w.isOk()).isTrue();
        assertThat(w.label()).isEqualTo(label);
    }

    // ------------------------------------------------------------------ load2

    @Test
    void loadingRulesNeedsCapMacAdminBeforeTheRuleIsRead() {
        SmackWrites.RulesWrite w = SmackWrites.load2(bytes("-x B r"), false);
        assertThat(w.errno()).isEqualTo(Errno.EPERM);
        assertThat(w.loaded()).isEmpty();
    }

    @Test
    void oneRuleWithItsAccessReadUpToTheFirstUnknownLetter() {
        SmackWrites.RulesWrite w = load("A B rwq");
        assertThat(w.isOk()).isTrue();
        assertThat(w.loaded()).containsExactly(new SmackRule("A", "B", SmackAccess.READ | SmackAccess.WRITE));
        assertThat(load("A B q").loaded()).containsExactly(new SmackRule("A", "B", 0));
        assertThat(load("A B -").loaded()).containsExactly(new SmackRule("A", "B", 0));
        assertThat(load("\tA  B   RwXatLb \n").loaded())
                .containsExactly(new SmackRule("A", "B", SmackAccess.ALL));
    }

    @Test
    void theSubjectIsCheckedBeforeTheObject() {
        assertThat(load("-x B r").errno()).isEqualTo(Errno.EINVAL);
        assertThat(load("A -y r").errno()).isEqualTo(Errno.EINVAL);
        assertThat(load("A/b C/d r").loaded()).containsExactly(new SmackRule("A", "C", SmackAccess.READ));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A B", "A", "   ", "A B r C D"})
    void aRuleThatEndsEarlyIsEperm(String text) {
        assertThat(load(text).errno()).isEqualTo(Errno.EPERM);
    }

    @Test
    void rulesBeforeAFailingOneStayLoaded() {
        SmackWrites.RulesWrite w = load("A B r\nC D w\n-x E r\nF G r\n");
        assertThat(w.errno()).isEqualTo(Errno.EINVAL);
        assertThat(w.loaded()).containsExactly(new SmackRule("A", "B", SmackAccess.READ),
                new SmackRule("C", "D", SmackAccess.WRITE));
    }

    @Test
    void theKernelsIsspaceSeparatesFieldsIncludingNoBreakSpace() {
        byte[] text = {'A', (byte) 0xA0, 'B', 0x0B, 'r'};
        assertThat(SmackWrites.load2(text, true).loaded()).containsExactly(new SmackRule("A", "B", SmackAccess.READ));
    }

    @Test
    void aWriteOfAPageOrMoreIsCutBackToItsLastNewline() {
        String rule = "A B r\n";
        String longRule = "C D " + "w".repeat(4096) + "\n";
        SmackWrites.RulesWrite w = load(rule + longRule);
        assertThat(w.isOk()).isTrue();
        assertThat(w.loaded()).containsExactly(new SmackRule("A", "B", SmackAccess.READ));
        assertThat(load("A B " + "r".repeat(4092)).errno()).as("4096 bytes, no newline").isEqualTo(Errno.EINVAL);
        assertThat(load("A B " + "r".repeat(4091)).isOk()).as("4095 bytes are read whole").isTrue();
    }
}
