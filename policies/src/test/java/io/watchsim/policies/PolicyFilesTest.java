package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final SecuredObject KEY = new SecuredObject(ObjectKind.KEY, 7, "k",
            "system_u:object_r:secret_t:s0");

    @Test
    void aSmackFileAndASelinuxFileStackAndBothMustAllow() throws IOException {
        Path smack = write("lab.smack", "# lab rules\nLab system_u:object_r:secret_t:s0 r\n");
        Path te = write("keys.te", "type lab_t;\ntype secret_t;\nallow lab_t secret_t:key { view read };\n");
        SecurityModule stack = PolicyFiles.loadAll(List.of(smack, te), SelinuxModule.Mode.STRICT);
        assertThat(stack.name()).isEqualTo("smack+selinux");
        Credentials labSmackOnly = Credentials.user(1, 1).withLabel("Lab");
        Decision d = stack.watchKey(labSmackOnly, KEY);
        assertThat(d.errno()).isEqualTo(Errno.EACCES);
        assertThat(d.engine()).as("Smack allowed; SELinux did not know the label as lab_t").isEqualTo("selinux");
    }

    @Test
    void noFileMeansPermissiveAndOneFileIsItsModuleAlone() throws IOException {
        assertThat(PolicyFiles.loadAll(List.of(), SelinuxModule.Mode.STRICT)).isSameAs(PermissiveModule.INSTANCE);
        Path smack = write("a.smack", "A B rw\n");
        assertThat(PolicyFiles.loadAll(List.of(smack), SelinuxModule.Mode.STRICT).name()).isEqualTo("smack");
    }

    @Test
    void mistakesNameTheFileLineAndColumn() throws IOException {
        Path smack = write("bad.smack", "A B rw\nA B rq\n");
        assertThatThrownBy(() -> PolicyFiles.load(smack, SelinuxModule.Mode.STRICT))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessageStartingWith(smack + ":2:")
                .hasMessageContaining("expected");
        Path te = write("bad.te", "allow a_t b_t:key { view fly };\n");
        assertThatThrownBy(() -> PolicyFiles.load(te, SelinuxModule.Mode.EXTENDED))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessageStartingWith(te + ":1:")
                .hasMessageContaining("fly");
        Path other = write("rules.txt", "A B r\n");
        assertThatThrownBy(() -> PolicyFiles.load(other, SelinuxModule.Mode.STRICT))
                .hasMessageContaining("expected a file ending in .smack or .te");
        assertThatThrownBy(() -> PolicyFiles.load(dir.resolve("missing.smack"), SelinuxModule.Mode.STRICT))
                .hasMessageContaining("cannot read the policy file");
    }

    @Test
    void aFileThatCannotBeReadOrIsNotTextIsOneLineNamingTheFileAndWhy() throws IOException {
        Path missing = dir.resolve("missing.te");
        assertThatThrownBy(() -> PolicyFiles.load(missing, SelinuxModule.Mode.STRICT))
                .hasMessage(missing + ": cannot read the policy file: no such file");
        Path binary = dir.resolve("binary.te");
        Files.write(binary, new byte[] {'t', 'y', 'p', 'e', ' ', 'a', ';', '\n', (byte) 0xFF, 0x01});
        assertThatThrownBy(() -> PolicyFiles.load(binary, SelinuxModule.Mode.STRICT))
                .hasMessage(binary + ":2: the policy file is not text: byte 0xFF (byte 9 of the file) is not UTF-8; "
                        + "expected a UTF-8 text file");
        Path nul = dir.resolve("nul.smack");
        Files.write(nul, new byte[] {'A', ' ', 'B', ' ', 'r', 0});
        assertThatThrownBy(() -> PolicyFiles.load(nul, SelinuxModule.Mode.STRICT))
                .hasMessage(nul + ":1: the policy file is not text: byte 0x00 (byte 6 of the file) is NUL; "
                        + "expected a UTF-8 text file");
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        Path te = write("bom.te", "\uFEFFtype a_t;\ntype b_t;\nallow a_t b_t:key view;\n");
        SecurityModule m = PolicyFiles.load(te, SelinuxModule.Mode.STRICT);
        assertThat(((SelinuxModule) m).policy().allows("a_t", "b_t", "key", "view")).isTrue();
        Path smack = write("bom.smack", "\uFEFFA B r\n");
        assertThat(((io.watchsim.policies.smack.SmackModule) PolicyFiles.load(smack, SelinuxModule.Mode.STRICT))
                .rules().size()).isEqualTo(1);
    }
}
