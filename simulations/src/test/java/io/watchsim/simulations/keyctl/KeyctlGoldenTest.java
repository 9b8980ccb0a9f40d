package io.watchsim.simulations.keyctl;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * keyctl scripts with their expected output checked in ({@code keyctl/NAME.keyctl} and
 * {@code .out}). Serial numbers follow from the seed (1); every other line was checked against
 * keyutils' own formats and the kernel's behaviour.
 */
@ExtendWith(LogCapturingExtension.class)
class KeyctlGoldenTest {
    private static ActorSystem<Void> system;
    private static int kernels;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "KeyctlGoldenTest",
                ConfigFactory.parseString("pekko.log-dead-letters-during-shutdown = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        ActorTestKit.shutdown(system);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KeyctlGoldenTest.class.getResourceAsStream("/keyctl/" + name)) {
            assertThat(in).as("resource keyctl/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Kernel kernel() {
        return Kernel.start(system, "keyctl-kernel-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
    }

    @ParameterizedTest(name = "{0}.keyctl")
    @ValueSource(strings = {"monitors", "errors"})
    void scriptPrintsWhatKeyutilsPrints(String name) throws IOException {
        Kernel k = kernel();
        try {
            List<KeyctlScript.Line> lines = KeyctlScript.parse(name + ".keyctl", resource(name + ".keyctl"));
            String actual = KeyctlScript.run(new KeyctlSession(k, 1), lines);
            assertThat(actual).isEqualTo(resource(name + ".out"));
        } finally {
            k.stop();
        }
    }

    @Test
    void oneCommandLineRunsInAFreshSessionWithKeyctlsExitCodes() {
        Kernel k = kernel();
        try {
            KeyctlSession s = new KeyctlSession(k, 1);
            StringBuilder out = new StringBuilder();
            assertThat(s.run(List.of("add", "user", "k", "v", "@s"), false, out)).isZero();
            assertThat(out.toString()).matches("\\d+\\n");
            out.setLength(0);
            assertThat(s.run(List.of("describe", "%user:k"), false, out)).isZero();
            assertThat(out.toString()).matches(" *\\d+: alswrv-----v------------     0     0 user: k\\n");
            out.setLength(0);
            assertThat(s.run(List.of("update", "%user:k"), false, out)).isEqualTo(2);
            assertThat(out.toString()).startsWith("Format:");
            out.setLength(0);
            assertThat(s.run(List.of("revoke", "12345"), false, out)).isEqualTo(1);
            assertThat(out.toString()).isEqualTo("keyctl_revoke: Required key not available\n");
        } finally {
            k.stop();
        }
    }

    @Test
    void scriptMistakesNameTheFileAndLine() {
        assertThatThrownBy(() -> KeyctlScript.parse("s.keyctl", "add user k v @s\nsleep soon\n"))
                .hasMessageStartingWith("s.keyctl:2:").hasMessageContaining("expected sleep SECONDS");
        assertThatThrownBy(() -> KeyctlScript.parse("s.keyctl", "add user 'k v @s\n"))
                .hasMessageStartingWith("s.keyctl:1:").hasMessageContaining("unterminated");
        assertThatThrownBy(() -> KeyctlScript.parse("s.keyctl", "&\n"))
                .hasMessageStartingWith("s.keyctl:1:");
        List<KeyctlScript.Line> lines = KeyctlScript.parse("s.keyctl", "# c\nkeyctl watch @s &\nadd user \"a b\" v @s\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).background()).isTrue();
        assertThat(lines.get(1).words()).containsExactly("keyctl", "add", "user", "a b", "v", "@s");
    }

    /** {@code sleep 1e300} once became Long.MAX_VALUE ms and spun the key collector for ever. */
    @ParameterizedTest(name = "sleep {0}")
    @ValueSource(strings = {"1e300", "Infinity", "NaN", "-1", "9223372037"})
    void aSleepLongerThanLinuxCanTimeIsAMistakeOfTheScript(String seconds) {
        assertThatThrownBy(() -> KeyctlScript.parse("s.keyctl", "sleep " + seconds + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("s.keyctl:1:").hasMessageContaining("from 0 to 9223372036")
                .hasMessageContaining("the longest sleep Linux can time");
    }

    @Test
    void theLongestSleepRunsAndEnds() {
        List<KeyctlScript.Line> lines = KeyctlScript.parse("s.keyctl", "sleep 9223372036.8\n");
        assertThat(KeyctlScript.seconds("9223372036.8")).hasValue(9_223_372_036_800L);
        Kernel k = kernel();
        try {
            assertThat(KeyctlScript.run(new KeyctlSession(k, 1), lines)).isEmpty();
        } finally {
            k.stop();
        }
    }
}
