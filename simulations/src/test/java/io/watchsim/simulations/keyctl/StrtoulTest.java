package io.watchsim.simulations.keyctl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * glibc's strtoul() as keyctl calls it: the value (as the 64-bit pattern, printed unsigned) and
 * whether keyctl's {@code *end == 0} test passes. Each row follows glibc's rules: blanks then a
 * sign, {@code 0x} hex and {@code 0} octal in base 0, a negative number wrapping around, an
 * overflow giving ULONG_MAX, no digits giving 0 with the end at the start (or at the x of "0x").
 */
class StrtoulTest {
    @ParameterizedTest(name = "strtoul(\"{0}\", {1}) = {2}, whole: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', emptyValue = "", value = {
            "123                   | 0  | 123                  | true",
            "0x7b                  | 0  | 123                  | true",
            "0X7B                  | 0  | 123                  | true",
            "0173                  | 0  | 123                  | true",
            "0                     | 0  | 0                    | true",
            "-3                    | 0  | 18446744073709551613 | true",
            "+7                    | 0  | 7                    | true",
            "-0x1                  | 0  | 18446744073709551615 | true",
            "`  42`                | 0  | 42                   | true",
            "`\t\u000B42`          | 0  | 42                   | true",
            "`42 `                 | 0  | 42                   | false",
            "08                    | 0  | 0                    | false",
            "0x                    | 0  | 0                    | false",
            "0xg                   | 0  | 0                    | false",
            "12z                   | 0  | 12                   | false",
            "-                     | 0  | 0                    | false",
            "`  `                  | 0  | 0                    | false",
            "``                    | 0  | 0                    | true",
            "0b101                 | 0  | 0                    | false",
            "18446744073709551615  | 0  | 18446744073709551615 | true",
            "18446744073709551616  | 0  | 18446744073709551615 | true",
            "-99999999999999999999 | 0  | 18446744073709551615 | true",
            "0x10                  | 10 | 0                    | false",
            "010                   | 10 | 10                   | true",
            "-1                    | 10 | 18446744073709551615 | true",
            "ff                    | 16 | 255                  | true",
            "0xff                  | 16 | 255                  | true",
            "١٢                    | 0  | 0                    | false",
    })
    void readsAsGlibcDoes(String text, int base, String unsigned, boolean whole) {
        Strtoul n = Strtoul.parse(text, base);
        assertThat(Long.toUnsignedString(n.value())).isEqualTo(unsigned);
        assertThat(n.whole(text)).isEqualTo(whole);
    }

    @ParameterizedTest(name = "strtoul(\"{0}\") stops at {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "0x   | 1", "-0xq | 2", "12z | 2", "`  -` | 0", "08 | 1"})
    void endsWhereGlibcEnds(String text, int end) {
        assertThat(Strtoul.parse(text, 0).end()).isEqualTo(end);
    }
}
