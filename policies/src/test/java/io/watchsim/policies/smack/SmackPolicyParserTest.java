package io.watchsim.policies.smack;

import io.watchsim.policies.PolicySyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SmackPolicyParserTest {
    @Test
    void readsRulesCommentsBlankLinesAndTabs() {
        String text = """
                # Smack rules for the lab
                Lab Admin rw

                \tAdmin\t\tLab   r-x   # admins read the lab
                Lab #Obj W
                   # an indented comment
                Lab Admin RWA
                Lab Ops -
                """;
        SmackRules rules = SmackPolicyParser.parse("lab.rules", text);
        assertThat(rules.rules()).extracting(SmackRule::toString)
                .containsExactly("Lab Admin rwa", "Lab #Obj w", "Lab Ops -", "Admin Lab rx");
        assertThat(rules.access("Lab", "Admin")).isEqualTo(SmackAccess.READ | SmackAccess.WRITE | SmackAccess.APPEND);
    }

    @Test
    void emptyTextAndCrLfLineEnds() {
        assertThat(SmackPolicyParser.parse("empty", "").isEmpty()).isTrue();
        assertThat(SmackPolicyParser.parse("empty", "\n# nothing\n\n").isEmpty()).isTrue();
        SmackRules r = SmackPolicyParser.parse("dos", "A B r\r\nC D w\r\n");
        assertThat(r.access("A", "B")).isEqualTo(SmackAccess.READ);
        assertThat(r.access("C", "D")).isEqualTo(SmackAccess.WRITE);
        PolicySyntaxException e = catchThrowableOfType(PolicySyntaxException.class, () -> SmackPolicyParser.parse("dos", "A B r\r\nC D q\r\n"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`Lab Admin rq`         | 1 | 12 | `access \"rq\" has 'q' at column 12; expected letters from rwxatlb or -`",
            "`Lab Admin`            | 1 | 10 | `expected 3 fields SUBJECT OBJECT ACCESS, found 2`",
            "`Lab Admin#x  # c`     | 1 | 12 | `expected 3 fields SUBJECT OBJECT ACCESS, found 2`",
            "`Lab`                  | 1 | 4  | `expected 3 fields SUBJECT OBJECT ACCESS, found 1`",
            "`Lab Admin # rw`       | 1 | 10 | `expected 3 fields SUBJECT OBJECT ACCESS, found 2`",
            "`Lab Admin rw extra x` | 1 | 14 | `expected 3 fields SUBJECT OBJECT ACCESS, found 5 (extra field \"extra\"; a comment starts with '#')`",
            "`Lab/x Admin r`        | 1 | 4  | `subject label \"Lab/x\" has '/' at column 4; expected " + SmackLabel.EXPECTED + "`",
            "`Lab  -Admin r`        | 1 | 6  | `object label \"-Admin\" starts with '-'; expected " + SmackLabel.EXPECTED + "`",
            "`Lab Ad'min r`         | 1 | 7  | `object label \"Ad'min\" has ''' at column 7; expected " + SmackLabel.EXPECTED + "`",
            "`# ok\n\n  Lab Admin rw+` | 3 | 15 | `access \"rw+\" has '+' at column 15; expected letters from rwxatlb or -`",
            "`A B r\nA\tB\tr\tw`    | 2 | 7  | `expected 3 fields SUBJECT OBJECT ACCESS, found 4 (extra field \"w\"; a comment starts with '#')`",
    })
    void reportsMistakesWithLineAndColumn(String text, int line, int column, String message) {
        PolicySyntaxException e = catchThrowableOfType(PolicySyntaxException.class, () -> SmackPolicyParser.parse("lab.rules", text));
        assertThat(e).isNotNull();
        assertThat(e.source()).isEqualTo("lab.rules");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e).hasMessage("lab.rules:" + line + ":" + column + ": " + message);
    }

    @Test
    void aTooLongLabelIsReportedAtItsStart() {
        String text = "Lab " + "x".repeat(256) + " r\n";
        assertThatThrownBy(() -> SmackPolicyParser.parse("long.rules", text))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessageStartingWith("long.rules:1:5: object label \"xxx")
                .hasMessageContaining("\" is 256 characters long; expected 1..255 characters");
        assertThat(SmackPolicyParser.parse("ok.rules", "Lab " + "x".repeat(255) + " r").size()).isEqualTo(1);
    }
}
