package io.watchsim.policies.smack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmackLabelTest {
    @ParameterizedTest
    @ValueSource(strings = {"_", "*", "^", "@", "Lab", "System::Shared", "a-b", "#x", "~", "!", "0", "User.Web_1"})
    void acceptsLabelsSmkParseSmackAccepts(String label) {
        assertThat(SmackLabel.isValid(label)).isTrue();
        assertThat(SmackLabel.require("subject", label)).isEqualTo(label);
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a/b      | has '/' at position 2",
            "a\"b     | has '\"' at position 2",
            "a\\b     | has '\\' at position 2",
            "a'b      | has ''' at position 2",
            "-foo     | starts with '-'",
            "a b      | has U+0020 at position 2",
            "a\tb     | has U+0009 at position 2",
            "é        | has U+00E9 at position 1",
    })
    void refusesWhatSmkParseSmackRefuses(String label, String what) {
        assertThat(SmackLabel.isValid(label)).isFalse();
        assertThatThrownBy(() -> SmackLabel.require("object", label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("object label \"" + label + "\" " + what + "; expected " + SmackLabel.EXPECTED);
    }

    @Test
    void refusesControlAndDeleteCharacters() {
        assertThat(SmackLabel.isValid("a\u007fb")).isFalse();
        assertThat(SmackLabel.isValid("a\u0001")).isFalse();
        assertThat(SmackLabel.isValid("")).isFalse();
        assertThatThrownBy(() -> SmackLabel.require("subject", null)).hasMessageStartingWith("subject label is missing");
    }

    @Test
    void aLabelHasAtMost255Characters() {
        assertThat(SmackLabel.isValid("x".repeat(255))).isTrue();
        assertThat(SmackLabel.isValid("x".repeat(256))).isFalse();
        assertThat(SmackLabel.problem("x".repeat(256)).orElseThrow().what()).isEqualTo("is 256 characters long");
    }
}
