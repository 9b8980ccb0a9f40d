package io.watchsim.policies.smack;

import io.watchsim.policies.Decision;
import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmackRulesTest {
    private static final SmackRules RULES = SmackRules.empty()
            .with("Lab", "Admin", "rw")
            .with("Lab", "Ops", "-")
            .with("Lab", "Bring", "rb")
            .with("Lab", "_", "w")
            .with("*", "Lab", "rwx");

    /** Every step of smk_access(), in the kernel's order: the first matching row of the function decides. */
    @ParameterizedTest(name = "{0} -> {1} [{2}]: {3} ({4})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // A star subject can't access any object, not even a star or web object, whatever the rules say.
            "*     | *     | r       | false | star subject",
            "*     | @     | r       | false | star subject",
            "*     | Lab   | r       | false | star subject",
            "*     | *     | -       | false | star subject",
            // Web: either way, before the star object and same-label checks.
            "@     | Admin | w       | true  | web subject",
            "Lab   | @     | rwxatlb | true  | web object",
            "@     | *     | w       | true  | web subject",
            "@     | @     | w       | true  | web object",
            // A star object can be accessed by any other subject.
            "Lab   | *     | rwxa    | true  | star object",
            "_     | *     | w       | true  | star object",
            // The same label: any access.
            "Lab   | Lab   | rwxatlb | true  | same label",
            "_     | _     | w       | true  | same label",
            "^     | ^     | w       | true  | same label",
            // A floor object is readable (r, x, rx) or lockable (l) by anyone, not writable.
            "Other | _     | r       | true  | floor object",
            "Other | _     | x       | true  | floor object",
            "Other | _     | rx      | true  | floor object",
            "Other | _     | l       | true  | floor object",
            "Other | _     | w       | false | no rule Other -> _",
            "Other | _     | a       | false | no rule Other -> _",
            "Lab   | _     | w       | true  | `rule \"Lab _ w\" grants w`",
            // Read plus lock is neither read-only nor lock-only: it needs a rule.
            "Other | _     | rl      | false | no rule Other -> _",
            // A hat subject reads or locks anything; floor object is asked first.
            "^     | Admin | r       | true  | hat subject",
            "^     | Admin | x       | true  | hat subject",
            "^     | Admin | l       | true  | hat subject",
            "^     | Admin | w       | false | no rule ^ -> Admin",
            "^     | _     | r       | true  | floor object",
            // The floor and hat labels give nothing the other way round.
            "_     | Lab   | r       | false | no rule _ -> Lab",
            "Lab   | ^     | r       | false | no rule Lab -> ^",
            // Explicit rules: every requested bit must be in the rule.
            "Lab   | Admin | r       | true  | `rule \"Lab Admin rw\" grants r`",
            "Lab   | Admin | rw      | true  | `rule \"Lab Admin rw\" grants rw`",
            "Lab   | Admin | x       | false | `rule \"Lab Admin rw\" lacks x`",
            "Lab   | Admin | rwxa    | false | `rule \"Lab Admin rw\" lacks xa`",
            "Admin | Lab   | r       | false | no rule Admin -> Lab",
            "Lab   | Ops   | r       | false | `rule \"Lab Ops -\" lacks r`",
            "Lab   | Ops   | -       | false | `rule \"Lab Ops -\" grants nothing`",
            "Lab   | Bring | r       | true  | `rule \"Lab Bring rb\" grants r (bringup)`",
            "Lab   | Bring | w       | false | `rule \"Lab Bring rb\" lacks w`",
    })
    void smkAccess(String subject, String object, String request, boolean allowed, String reason) {
        int req = SmackAccess.parse(request);
        Decision explained = RULES.explain(subject, object, req);
        assertThat(explained.allowed()).isEqualTo(allowed);
        assertThat(explained.reason()).isEqualTo(reason);
        assertThat(explained.engine()).isEqualTo("smack");

        Decision checked = RULES.check(subject, object, req);
        assertThat(RULES.allows(subject, object, req)).isEqualTo(allowed);
        if (allowed) {
            assertThat(checked).isSameAs(Decision.allow());
        } else {
            assertThat(checked).isEqualTo(Decision.deny(Errno.EACCES, "smack", reason));
        }
    }

    @Test
    void loadingARuleForAnExistingPairReplacesItsAccessAndLeavesTheOldSetAlone() {
        SmackRules replaced = RULES.with("Lab", "Admin", "r");
        assertThat(replaced.access("Lab", "Admin")).isEqualTo(SmackAccess.READ);
        assertThat(replaced.check("Lab", "Admin", SmackAccess.WRITE).reason()).isEqualTo("rule \"Lab Admin r\" lacks w");
        assertThat(replaced.size()).isEqualTo(RULES.size());
        assertThat(RULES.access("Lab", "Admin")).isEqualTo(SmackAccess.READ | SmackAccess.WRITE);
        assertThat(RULES.allows("Lab", "Admin", SmackAccess.WRITE)).isTrue();

        SmackRules revoked = RULES.with("Lab", "Admin", "-");
        assertThat(revoked.access("Lab", "Admin")).isZero();
        assertThat(revoked.rule("Lab", "Admin")).isEqualTo(new SmackRule("Lab", "Admin", 0));
        assertThat(revoked.allows("Lab", "Admin", SmackAccess.READ)).isFalse();
    }

    @Test
    void aReplacedRuleKeepsItsPlaceAndTheSetPrintsAsLoad2Lines() {
        SmackRules r = SmackRules.empty().with("A", "B", "r").with("C", "D", "w").with("A", "B", "RWX");
        assertThat(r.rules()).extracting(SmackRule::toString).containsExactly("A B rwx", "C D w");
        assertThat(r.toString()).isEqualTo("A B rwx\nC D w\n");
        assertThat(r.access("C", "B")).isEqualTo(-1);
        assertThat(r).isEqualTo(SmackRules.builder().add("C", "D", "w").add("A", "B", "rx").add("A", "B", "xwr").build());
        assertThat(SmackRules.builder().build()).isSameAs(SmackRules.empty());
        assertThat(r.toBuilder().add("E", "F", "a").build().size()).isEqualTo(3);
    }

    @Test
    void withRefusesBadLabelsAndAccessStrings() {
        assertThatThrownBy(() -> RULES.with("Lab/1", "Admin", "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("subject label \"Lab/1\" has '/' at position 4; expected");
        assertThatThrownBy(() -> RULES.with("Lab", "-Admin", "r"))
                .hasMessageStartingWith("object label \"-Admin\" starts with '-'; expected");
        assertThatThrownBy(() -> RULES.with("Lab", "Admin", "rz"))
                .hasMessage("access \"rz\" has 'z' at position 2; expected letters from rwxatlb or -");
        assertThatThrownBy(() -> new SmackRule("A", "B", 0x10))
                .hasMessageContaining("bits outside");
    }
}
