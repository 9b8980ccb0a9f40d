package io.watchsim.simulations.keyctl;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keyctl's command-line parsing, argument by argument as keyutils 1.6.3's keyctl.c does it: key ids
 * through get_key_id() (special names, %type:desc, else strtoul base 0 into a 32-bit key_serial_t),
 * uid, gid and permissions through strtoul base 0, timeouts through strtoul base 10, -x through
 * hex2bin(), watch's options through getopt("f:"); each refusal with keyctl's message on stderr and
 * its exit code. Expected messages are keyctl.c's own strings; equivalent spellings of one key are
 * checked against each other rather than against a serial number.
 */
@ExtendWith(LogCapturingExtension.class)
class KeyctlParsingTest {
    private static ActorSystem<Void> system;
    private static int kernels;
    private Kernel kernel;
    private KeyctlSession session;

    @BeforeAll
    static void startSystem() {
        system = ActorSystem.create(Behaviors.empty(), "KeyctlParsingTest",
                ConfigFactory.parseString("pekko.log-dead-letters-during-shutdown = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stopSystem() {
        ActorTestKit.shutdown(system);
    }

    @BeforeEach
    void startKernel() {
        kernel = Kernel.start(system, "parsing-kernel-" + (++kernels), KernelSettings.DEFAULT.withHosts(2));
        session = new KeyctlSession(kernel, 1);
    }

    @AfterEach
    void stopKernel() {
        kernel.stop();
    }

    private record Run(int code, String out, String err) {
    }

    private Run keyctl(String... argv) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = session.run(new ArrayList<>(Arrays.asList(argv)), false, out, err);
        return new Run(code, out.toString(), err.toString());
    }

    private void assertRefused(Run r, int code, String err) {
        assertThat(r.err()).isEqualTo(err);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.out()).isEmpty();
    }

    private String sessionSerial() {
        Run id = keyctl("id", "@s");
        assertThat(id.code()).isZero();
        return id.out().strip();
    }

    // ------------------------------------------------------------------ key ids: get_key_id()

    @Test
    void aNegativeKeyIdWrapsToTheSpecialKeyringOfThatNumber() {
        Run bySpecial = keyctl("describe", "@s");
        assertThat(bySpecial.code()).isZero();
        Run byNumber = keyctl("describe", "-3");
        assertThat(byNumber).isEqualTo(bySpecial);
        assertThat(keyctl("describe", "-4")).as("-4 is @u").isEqualTo(keyctl("describe", "@u"));
        assertThat(keyctl("id", "-3").out()).isEqualTo(sessionSerial() + "\n");
    }

    @Test
    void aKeyIdIsReadInDecimalHexOrOctalWithLeadingBlanks() {
        String serial = sessionSerial();
        long n = Long.parseLong(serial);
        Run decimal = keyctl("describe", serial);
        assertThat(decimal.code()).isZero();
        assertThat(keyctl("describe", "0x" + Long.toHexString(n))).isEqualTo(decimal);
        assertThat(keyctl("describe", "0X" + Long.toHexString(n).toUpperCase())).isEqualTo(decimal);
        assertThat(keyctl("describe", "0" + Long.toOctalString(n))).isEqualTo(decimal);
        assertThat(keyctl("describe", "  " + serial)).isEqualTo(decimal);
        assertThat(keyctl("describe", "+" + serial)).isEqualTo(decimal);
    }

    @ParameterizedTest(name = "describe \"{0}\"")
    @ValueSource(strings = {"08", "0x", "12z", "-", "@s ", " ", "0b1", "5 "})
    void aKeyIdThatIsNotWhollyANumberIsUnparsable(String id) {
        assertRefused(keyctl("describe", id), 2, id.startsWith("@") ? "Unknown special key: '" + id + "'\n"
                : "Unparsable key: '" + id + "'\n");
    }

    @Test
    void anEmptyKeyIdIsKeyZeroWhichTheKernelRefuses() {
        // strtoul("") reads no digit and leaves the end at the string's end: key 0, EINVAL from lookup_user_key().
        assertRefused(keyctl("describe", ""), 1, "keyctl_describe_alloc: Invalid argument\n");
    }

    @Test
    void anOverflowingKeyIdIsUlongMaxThatIsMinusOneTheThreadKeyring() {
        assertThat(keyctl("describe", "99999999999999999999")).isEqualTo(keyctl("describe", "@t"));
        assertThat(keyctl("describe", "@t").code()).as("this process has no thread keyring").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "%      | Incorrect key-by-name spec",
            "%:     | Incorrect key-by-name spec",
            "%user  | Incorrect key-by-name spec",
            "%user: | Incorrect key-by-name spec",
            "@x     | Unknown special key: '@x'",
            "@      | Unknown special key: '@'"})
    void badSpecialAndByNameKeysExitTwo(String id, String message) {
        assertRefused(keyctl("describe", id), 2, message + "\n");
    }

    @Test
    void aKeyByNameThatIsNotFoundExitsOne() {
        assertRefused(keyctl("describe", "%user:none"), 1, "Can't find 'user:none'\n");
        assertRefused(keyctl("describe", "%:none"), 1, "Can't find 'keyring:none'\n");
    }

    // ------------------------------------------------------------------ numbers: strtoul()

    @Test
    void aTimeoutIsDecimalAndANegativeOneIsTheLargestUnsignedTimeout() {
        assertThat(keyctl("add", "user", "k", "v", "@s").code()).isZero();
        assertThat(keyctl("timeout", "%user:k", "-1")).isEqualTo(new Run(0, "", ""));
        assertRefused(keyctl("timeout", "%user:k", "0x10"), 2, "Unparsable timeout: '0x10'\n");
        assertThat(keyctl("timeout", "%user:k", "")).as("no digits, nothing left: 0").isEqualTo(new Run(0, "", ""));
        assertRefused(keyctl("timeout", "%user:k", "x"), 2, "Unparsable timeout: 'x'\n");
    }

    @Test
    void aTimeoutWithALeadingZeroIsStillDecimal() {
        StringBuilder out = new StringBuilder();
        assertThat(keyctl("add", "user", "k", "v", "@s").code()).isZero();
        assertThat(keyctl("timeout", "%user:k", "010").code()).isZero();
        session.sleep(9_000, out);
        assertThat(keyctl("print", "%user:k")).as("010 is 10 s, not octal 8 s").isEqualTo(new Run(0, "v\n", ""));
        session.sleep(2_000, out);
        assertRefused(keyctl("print", "%user:k"), 1, "keyctl_read_alloc: Key has expired\n");
    }

    @Test
    void permissionsAreReadInAnyBaseAndTruncatedTo32Bits() {
        assertThat(keyctl("add", "user", "k", "v", "@s").code()).isZero();
        assertThat(keyctl("setperm", "%user:k", "0x3f010000").code()).isZero();
        assertThat(keyctl("describe", "%user:k").out()).contains(" alswrv-----v------------ ");
        assertThat(keyctl("setperm", "%user:k", "07700000000").code()).as("octal 0x3f000000").isZero();
        assertThat(keyctl("describe", "%user:k").out()).contains(" alswrv------------------ ");
        // -1 is 2^64 - 1, stored in 32 bits: 0xffffffff has bits the kernel refuses.
        assertRefused(keyctl("setperm", "%user:k", "-1"), 1, "keyctl_setperm: Invalid argument\n");
        assertRefused(keyctl("setperm", "%user:k", "0x3f3f0000z"), 2, "Unparsable permissions: '0x3f3f0000z'\n");
    }

    @Test
    void aUidOrGidOfMinusOneLeavesItAsItIs() {
        assertThat(keyctl("add", "user", "k", "v", "@s").code()).isZero();
        String before = keyctl("describe", "%user:k").out();
        assertThat(keyctl("chown", "%user:k", "-1")).isEqualTo(new Run(0, "", ""));
        assertThat(keyctl("chgrp", "%user:k", "0xffffffff")).isEqualTo(new Run(0, "", ""));
        assertThat(keyctl("describe", "%user:k").out()).isEqualTo(before);
        assertThat(keyctl("chgrp", "%user:k", "010").code()).isZero();
        assertThat(keyctl("describe", "%user:k").out()).as("gid 010 is octal 8").contains("     0     8 user: k");
        assertRefused(keyctl("chown", "%user:k", "root"), 2, "Unparsable uid: 'root'\n");
        assertRefused(keyctl("chgrp", "%user:k", "5g"), 2, "Unparsable gid: '5g'\n");
    }

    @Test
    void theKeyIsParsedBeforeTheNumberAfterIt() {
        assertRefused(keyctl("timeout", "@q", "x"), 2, "Unknown special key: '@q'\n");
        assertRefused(keyctl("setperm", "k", "x"), 2, "Unparsable key: 'k'\n");
        assertRefused(keyctl("chown", "%user:none", "x"), 1, "Can't find 'user:none'\n");
    }

    // ------------------------------------------------------------------ -x: hex2bin()

    @Test
    void dashXTakesTheDataAsHexDoubletsWithBlanksBetween() {
        assertThat(keyctl("add", "-x", "user", "k", "41 42\t43", "@s").code()).isZero();
        assertThat(keyctl("print", "%user:k").out()).isEqualTo("ABC\n");
        assertThat(keyctl("update", "-x", "%user:k", "6869").code()).isZero();
        assertThat(keyctl("print", "%user:k").out()).isEqualTo("hi\n");
        assertRefused(keyctl("add", "-x", "user", "k", "414", "@s"), 1, "Short hex doublet\n");
        assertRefused(keyctl("add", "-x", "user", "k", "4g", "@s"), 1, "Bad hex doublet\n");
        assertRefused(keyctl("update", "-x", "%user:k", "4 1"), 1, "Bad hex doublet\n");
        // The data is converted before the keyring is looked up.
        assertRefused(keyctl("add", "-x", "user", "k", "4", "@q"), 1, "Short hex doublet\n");
    }

    @Test
    void dashXIsAnOptionOnlyInFirstPlace() {
        assertRefused(keyctl("add", "user", "-x", "k", "v", "@s"), 2, "Format:\n  keyctl add [-x] <type> <desc> <data> <keyring>\n");
        assertRefused(keyctl("update", "%user:k", "-x", "41"), 2, "Format:\n  keyctl update [-x] <key> <data>\n");
    }

    @Test
    void paddReadsAtMostOneMebibyteFromStandardInput() {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("41 42".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(keyctl("padd", "-x", "user", "k", "@s").code()).isZero();
            assertThat(keyctl("print", "%user:k").out()).isEqualTo("AB\n");
            System.setIn(new java.io.ByteArrayInputStream(new byte[KeyctlArgs.MAX_STDIN + 1]));
            assertRefused(keyctl("padd", "user", "big", "@s"), 1, "Too much data read on stdin\n");
        } finally {
            System.setIn(saved);
        }
    }

    // ------------------------------------------------------------------ counts and the rest

    @ParameterizedTest(name = "keyctl {0}")
    @CsvSource(delimiter = '|', value = {
            "describe             | describe <keyring>",
            "describe @s @s       | describe <keyring>",
            "timeout @s           | timeout <key> <timeout>",
            "link @s              | link <key> <keyring>",
            "unlink @s @s @s      | unlink <key> [<keyring>]",
            "request user         | request <type> <desc> [<dest_keyring>]",
            "request2 user a      | request2 <type> <desc> <info> [<dest_keyring>]",
            "restrict_keyring     | restrict_keyring <keyring> [<type> [<restriction>]]",
            "new_session a b      | new_session [<name>]",
            "show -x @s @s        | show [-x] [<keyring>]",
            "watch                | watch [-f<filters>] <key>",
            "watch @s @u          | watch [-f<filters>] <key>"})
    void aWrongNumberOfArgumentsPrintsTheFormatAndExitsTwo(String line, String usage) {
        assertRefused(keyctl(line.split(" ")), 2, "Format:\n  keyctl " + usage + "\n");
    }

    @Test
    void anEmptySeparatorForRdescribeIsAFormatError() {
        assertRefused(keyctl("rdescribe", "@s", ""), 2, "Format:\n  keyctl rdescribe <keyring> [sep]\n");
        assertThat(keyctl("rdescribe", "@s", ":").out()).startsWith("keyring:0:0:");
    }

    @Test
    void moveTakesDashFOnlyWithThreeKeysAfterIt() {
        assertRefused(keyctl("move", "-f", "@s", "@u"), 2, "Unparsable key: '-f'\n");
    }

    @ParameterizedTest(name = "keyctl {0}")
    @ValueSource(strings = {"desc", "describ", "describee", "", "DESCRIBE"})
    void aCommandIsMatchedByItsExactName(String command) {
        assertRefused(keyctl(command, "@s"), 2, "Unknown command\n");
    }

    // ------------------------------------------------------------------ watch: getopt("f:")

    @Test
    void watchOptionsFollowGetopt() {
        assertRefused(keyctl("watch", "-q", "@s"), 2, "watch: invalid option -- 'q'\nUnknown option\n");
        assertRefused(keyctl("watch", "-3"), 2, "watch: invalid option -- '3'\nUnknown option\n");
        assertRefused(keyctl("watch", "-f"), 2, "watch: option requires an argument -- 'f'\nUnknown option\n");
        assertRefused(keyctl("watch", "@s", "-fz"), 2, "Unknown filter character 'z'\n");
        // The filter is parsed as getopt meets it, before the key is counted or looked up.
        assertRefused(keyctl("watch", "-fz", "@q", "@s"), 2, "Unknown filter character 'z'\n");
        assertRefused(keyctl("watch", "-fl", "@q"), 2, "Unknown special key: '@q'\n");
    }

    @Test
    void aWatchTakesItsOptionsAnywhereAndAKeyAfterDashDash() {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        assertThat(session.run(List.of("watch", "@s", "-f", "l"), true, out, err)).isZero();
        assertThat(session.run(List.of("watch", "--", "-3"), true, out, err)).isZero();
        assertThat(err).isEmpty();
        assertThat(session.run(List.of("add", "user", "k", "v", "@s"), false, out, err)).isZero();
        assertThat(session.run(List.of("setperm", "@s", "0x3f3f0000"), false, out, err)).isZero();
        assertThat(err).isEmpty();
        String serial = out.toString().lines().findFirst().orElseThrow();
        String ring = sessionSerial();
        // Both watches see the link; only the one without a filter sees the change of attributes.
        assertThat(out.toString().lines().filter(l -> l.equals(ring + " link " + serial))).hasSize(2);
        assertThat(out.toString().lines().filter(l -> l.equals(ring + " attr"))).hasSize(1);
    }
}
