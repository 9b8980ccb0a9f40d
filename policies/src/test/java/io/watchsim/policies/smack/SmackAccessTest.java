package io.watchsim.policies.smack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmackAccessTest {
    @Test
    void bitsHaveTheKernelsValues() {
        assertThat(SmackAccess.EXECUTE).isEqualTo(0x1);
        assertThat(SmackAccess.WRITE).isEqualTo(0x2);
        assertThat(SmackAccess.READ).isEqualTo(0x4);
        assertThat(SmackAccess.APPEND).isEqualTo(0x8);
        assertThat(SmackAccess.TRANSMUTE).isEqualTo(0x1000);
        assertThat(SmackAccess.LOCK).isEqualTo(0x2000);
        assertThat(SmackAccess.BRINGUP).isEqualTo(0x4000);
        assertThat(SmackAccess.ANYREAD).isEqualTo(0x5);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "r,       r",
            "R,       r",
            "wr,      rw",
            "RWXATLB, rwxatlb",
            "r-x,     rx",
            "-,       -",
            "---,     -",
            "lb,      lb",
            "at,      at",
            "rr,      r",
    })
    void parsesEitherCaseAndFormatsInSmackfsOrder(String text, String formatted) {
        assertThat(SmackAccess.format(SmackAccess.parse(text))).isEqualTo(formatted);
    }

    @Test
    void formatsEveryBit() {
        assertThat(SmackAccess.format(SmackAccess.ALL)).isEqualTo("rwxatlb");
        assertThat(SmackAccess.format(0)).isEqualTo("-");
        assertThat(SmackAccess.parse("rw")).isEqualTo(SmackAccess.READ | SmackAccess.WRITE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "rq,   2, q",
            "q,    1, q",
            "rw+,  3, +",
    })
    void refusesAnyOtherCharacter(String text, int position, String shown) {
        assertThat(SmackAccess.invalidAt(text)).isEqualTo(position - 1);
        assertThatThrownBy(() -> SmackAccess.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("access \"" + text + "\" has '" + shown + "' at position " + position
                        + "; expected letters from rwxatlb or -");
    }

    @Test
    void refusesAnEmptyAccess() {
        assertThatThrownBy(() -> SmackAccess.parse(""))
                .hasMessage("access is empty; expected letters from rwxatlb or -");
    }
}
