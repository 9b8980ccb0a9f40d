package io.watchsim.simulations.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a script's text: UTF-8, a leading byte-order mark skipped, anything else refused in one line. */
class ScriptTextTest {
    @Test
    void aLeadingByteOrderMarkIsSkippedAndOnlyThere() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "queue q\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(text, 0, both, bom.length, text.length);
        assertThat(ScriptText.decode("s.wqs", both, "script")).isEqualTo("queue q\n");
        assertThat(ScriptParser.parse("s.wqs", ScriptText.decode("s.wqs", both, "script"))).hasSize(1);
        assertThat(ScriptText.decode("s.wqs", text, "script")).isEqualTo("queue q\n");
    }

    @Test
    void aByteThatIsNotUtf8IsRefusedWithItsLineAndOffset() {
        byte[] bytes = {'q', 'u', 'e', 'u', 'e', ' ', 'q', '\n', 'e', 'c', 'h', 'o', ' ', (byte) 0xFF, '\n'};
        assertThatThrownBy(() -> ScriptText.decode("bin.wqs", bytes, "script"))
                .isInstanceOf(ScriptException.class)
                .hasMessage("bin.wqs:2: the script is not text: byte 0xFF (byte 14 of the file) is not UTF-8; "
                        + "expected a UTF-8 text file");
    }

    @Test
    void aNulCharacterIsRefused() {
        byte[] bytes = {'q', 'u', 'e', 'u', 'e', ' ', 'q', '\n', '\n', 0, 1, 2};
        assertThatThrownBy(() -> ScriptText.decode("nul.wqs", bytes, "script"))
                .hasMessage("nul.wqs:3: the script is not text: it holds a NUL character; expected a UTF-8 text file");
    }

    @Test
    void aMissingFileIsNamedWithoutALineNumber(@TempDir Path dir) {
        Path missing = dir.resolve("gone.wqs");
        assertThatThrownBy(() -> ScriptText.read(missing, "script"))
                .hasMessage(missing + ": cannot read the script: no such file");
    }

    @Test
    void standardInputIsNamedStdin() {
        assertThat(ScriptText.read(new ByteArrayInputStream("echo hi\n".getBytes(StandardCharsets.UTF_8)), "script"))
                .isEqualTo("echo hi\n");
        assertThatThrownBy(() -> ScriptText.read(new ByteArrayInputStream(new byte[] {(byte) 0xC3}), "script"))
                .hasMessageStartingWith("<stdin>:1: the script is not text: byte 0xC3");
    }

    @Test
    void aFileIsReadWhole(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ok.wqs"), "echo é\n");
        assertThat(ScriptText.read(file, "script")).isEqualTo("echo é\n");
    }
}
