package io.watchsim.policies.smack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

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

    // ------------------------------------------------------------------ as the kernel reads a write

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource({"Lab,Lab", "Lab/x,Lab", "'Lab x',Lab", "Lab\"q,Lab", "^,^", "*x,*x", "_,_", "a-b,a-b"})
    void aLabelIsCutAtItsFirstBadCharacter(String value, String label) {
        assertThat(SmackLabel.parseSmack(bytes(value), 0, value.length())).isEqualTo(label);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", "/x", " x", "'x", "\\x"})
    void aValueWithNoLabelCharacterFirstHoldsNoLabel(String value) {
        assertThat(SmackLabel.parseSmack(bytes(value), 0, value.length())).isNull();
    }

    @Test
    void aWrittenLabelHasAtMost255Characters() {
        String max = "L".repeat(255);
        assertThat(SmackLabel.parseSmack(bytes(max), 0, 255)).isEqualTo(max);
        assertThat(SmackLabel.parseSmack(bytes(max + "L"), 0, 256)).isNull();
        assertThat(SmackLabel.parseSmack(bytes(max + "/" + "L".repeat(10)), 0, 266))
                .as("cut before the limit").isEqualTo(max);
    }

    @Test
    void bytesAbove0x7eEndALabel() {
        byte[] value = {'A', 'b', (byte) 0xC3, (byte) 0xA9};
        assertThat(SmackLabel.parseSmack(value, 0, value.length)).isEqualTo("Ab");
    }
}
