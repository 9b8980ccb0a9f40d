package io.watchsim.simulations.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The script checker: every mistake is reported before anything runs, as
 * {@code FILE:LINE: what was found; expected ...}, and well-formed lines come out tokenised,
 * with comments removed, blanks collapsed and {@code repeat} expanded.
 */
class ScriptParserTest {
    private static final String FILE = "bad.wqs";

    /** The message of the error the script gives; fails if it parses. */
    private static String errorOf(String script) {
        try {
            ScriptParser.parse(FILE, script);
        } catch (ScriptException e) {
            return e.getMessage();
        }
        throw new AssertionError("the script parsed without an error:\n" + script);
    }

    private static void assertError(String script, int line, String... fragments) {
        String message = errorOf(script);
        assertThat(message).startsWith(FILE + ":" + line + ": ");
        assertThat(message).contains(fragments);
    }

    @Test
    void unknownOp() {
        assertError("queue q\n\nfrobnicate q\n", 3,
                "unknown op 'frobnicate'", "expected one of: ", "queue", "setsize", "repeat");
    }

    @Test
    void anInvisibleCharacterInAnOpIsShownAsItsCodePoint() {
        assertError("queue q\n\uFEFFqueue r\n", 2, "unknown op 'U+FEFFqueue'");
        assertError("que\u0007ue q\n", 1, "unknown op 'queU+0007ue'");
    }

    @Test
    void tooFewArguments() {
        assertError("queue q\nsetsize q\n", 2, "setsize takes 2 arguments, found 1", "expected: setsize FD N");
    }

    @Test
    void tooManyArguments() {
        assertError("queue q\nread q 16 32\n", 2, "read takes 1 to 2 arguments, found 3", "expected: read FD [BUFSZ]");
    }

    @Test
    void arityOfAnOpenEndedOp() {
        assertError("queue q\npost q 1 1\n", 2, "post takes at least 4 arguments, found 3",
                "expected: post FD TYPE SUBTYPE TAG [WORD...]");
    }

    @Test
    void badNumber() {
        assertError("queue q\nsetsize q lots\n", 2, "N 'lots' is not a number", "expected decimal, 0x hex");
    }

    @Test
    void badHexNumber() {
        assertError("queue q\npost q 1 1 0xZZ\n", 2, "TAG '0xZZ' is not a number", "expected decimal, 0x hex");
    }

    @Test
    void numberTooWideForAWord() {
        assertError("queue q\npost q 1 1 5 0x1ffffffff\n", 2, "'0x1ffffffff' does not fit in 32 bits",
                "expected a value from -2147483648 to 4294967295");
    }

    @ParameterizedTest(name = "poll q {0}")
    @ValueSource(strings = {"-1", "2147483648", "9223372036854775807"})
    void aPollTimeoutOutsideACIntIsRefused(String ms) {
        assertError("queue q\npoll q " + ms + "\n", 2, "MS " + ms + " is out of range", "allowed 0..2147483647",
                "poll()'s timeout is a C int");
    }

    @Test
    void theLongestPollParses() {
        assertThat(ScriptParser.parse(FILE, "queue q\npoll q 2147483647\n")).hasSize(2);
    }

    /** Such a sleep once spun the key collector for ever: now + ms reached Long.MAX_VALUE. */
    @ParameterizedTest(name = "sleep {0}")
    @ValueSource(strings = {"-1", "9223372036855", "9223372036854775807"})
    void aSleepLongerThanLinuxCanTimeIsRefused(String ms) {
        assertError("sleep " + ms + "\n", 1, "MS " + ms + " is out of range", "allowed 0..9223372036854",
                "KTIME_MAX");
    }

    @Test
    void theLongestSleepParses() {
        assertThat(ScriptParser.parse(FILE, "sleep 9223372036854\n")).hasSize(1);
    }

    @ParameterizedTest(name = "timeout k {0}")
    @ValueSource(strings = {"-1", "9223372036854776", "0x100000000"})
    void anyTimeoutNumberParsesForTheSyscallToCut(String secs) {
        assertThat(ScriptParser.parse(FILE, "timeout k " + secs + "\n")).hasSize(1);
    }

    @Test
    void bufferSizeOutOfRange() {
        assertError("queue q\nread q 2000000\n", 2, "BUFSZ 2000000 is out of range", "allowed 0..1048576");
    }

    @Test
    void unboundQueueName() {
        assertError("queue q\nread r\n", 2, "'r' is not a queue or pipe named by an earlier queue or pipe op",
                "expected NAME, NAME.w or a descriptor number");
    }

    @Test
    void unboundWriteEnd() {
        assertError("queue q\nwrite r.w hello\n", 2, "'r.w' is not a queue or pipe", "expected NAME, NAME.w");
    }

    @Test
    void aNameIsBoundOnlyFromItsOpOn() {
        assertError("read q\nqueue q\n", 1, "'q' is not a queue or pipe named by an earlier");
    }

    @Test
    void invalidName() {
        assertError("queue 9q\n", 1, "'9q' is not a valid name", "expected a letter or _");
    }

    @Test
    void unknownQueueFlag() {
        assertError("queue q nonblock\n", 1, "unknown queue flag 'nonblock'", "expected: cloexec");
    }

    @Test
    void unterminatedQuote() {
        assertError("pipe p\nwrite p.w \"two words\n", 2, "unterminated quote starting at column 11",
                "expected a closing \"");
    }

    @ParameterizedTest(name = "filter q {0}")
    @CsvSource(delimiter = '|', value = {
            "1              | filter spec '1' is malformed",
            "1:0x2:5        | filter spec '1:0x2:5' is malformed",
            "1:0x2:5:6:7    | filter spec '1:0x2:5:6:7' is malformed",
    })
    void malformedFilterSpec(String spec, String found) {
        assertError("queue q\nfilter q " + spec + "\n", 2, found,
                "expected TYPE:SUB0[,SUB1,...,SUB7][:INFO_FILTER:INFO_MASK]");
    }

    @Test
    void filterSpecWithABadNumber() {
        assertError("queue q\nfilter q 1:zz\n", 2, "SUB0 in '1:zz' 'zz' is not a 32-bit number",
                "expected decimal or 0x hex");
    }

    @Test
    void filterSpecWithTooManySubtypeWords() {
        assertError("queue q\nfilter q 1:1,2,3,4,5,6,7,8,9\n", 2, "has 9 subtype words", "at most 8");
    }

    @Test
    void filterWithSeventeenSpecs() {
        assertError("queue q\nfilter q" + " 1:0x2".repeat(17) + "\n", 2, "17 type filters given",
                "expected at most 16");
    }

    @Test
    void emptyFilterTakesNoSpec() {
        assertError("queue q\nfilter q empty 1:0x2\n", 2, "'empty' passes nr_filters = 0 and takes no spec",
                "expected: filter FD [reserved=N] empty");
    }

    @Test
    void noneStandsAlone() {
        assertError("queue q\nfilter q none 1:0x2\n", 2, "'none' must stand alone", "expected: filter FD none");
    }

    @Test
    void repeatOfRepeat() {
        assertError("queue q\nrepeat 2 repeat 2 fionread q\n", 2, "repeat cannot repeat a repeat",
                "expected: repeat N OP ARGS...");
    }

    @Test
    void repeatWithoutAnOp() {
        assertError("repeat 2\n", 1, "repeat needs a count and an op", "expected: repeat N OP ARGS...");
    }

    @Test
    void repeatCountNotANumber() {
        assertError("queue q\nrepeat many fionread q\n", 2, "repeat count 'many' is not a number", "expected decimal");
    }

    @Test
    void repeatCountOutOfRange() {
        assertError("queue q\nrepeat -1 fionread q\n", 2, "repeat count -1 is out of range", "allowed 0..");
    }

    @Test
    void anErrorInsideRepeatNamesTheRepeatLine() {
        assertError("queue q\n# comment\nrepeat 2 read q%i\n", 3, "'q1' is not a queue or pipe");
    }

    @Test
    void aRequestWithABadCalloutSaysWhatACalloutIs() {
        assertError("echo keys\nrequest k user desc @s fly away\n", 2,
                "unknown callout 'fly'", "expected inst DATA | negate SECS | reject SECS ERRNO");
        assertError("request k user desc @s reject 5 EWHAT\n", 1, "unknown errno 'EWHAT'");
        assertError("queue q\nrequestw k user desc @s q x waitwatch inst v\n", 2, "TAG 'x' is not a number");
    }

    @Test
    void aKeyNameMustBeAName() {
        assertError("add 9k user desc payload @s\n", 1, "'9k' is not a valid name");
    }

    @Test
    void aKeyOpWithTheWrongArgumentCountReportsTheCount() {
        assertError("watch q\n", 1, "watch takes 3 arguments, found 1", "expected: watch FD KEY TAG");
    }

    @Test
    void nothingRunsWhenALaterLineIsBad() {
        StringBuilder out = new StringBuilder();
        // No actor system: the first op that ran would need one. The check must come first.
        assertThatThrownBy(() -> new ScriptRunner(null).run(FILE, "echo first\nqueue q\nbogus\n", out))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(FILE + ":3: unknown op 'bogus'");
        assertThat(out).isEmpty();
    }

    // ------------------------------------------------------------------ well-formed scripts

    @Test
    void commentsBlanksAndQuotes() {
        List<ScriptLine> lines = ScriptParser.parse(FILE, String.join("\n",
                "# a comment line",
                "",
                "pipe\tp   # trailing comment",
                "   write   p.w  \"two words\"  #x",
                "echo issue#3 stays # but this goes",
                "write p.w \"\""));
        assertThat(lines).extracting(ScriptLine::line).containsExactly(3, 4, 5, 6);
        assertThat(lines).extracting(ScriptLine::display)
                .containsExactly("pipe p", "write p.w \"two words\"", "echo issue#3 stays", "write p.w \"\"");
        assertThat(lines.get(1).args()).containsExactly("p.w", "two words");
        assertThat(lines.get(3).args()).containsExactly("p.w", "");
        assertThat(lines).extracting(ScriptLine::op).containsExactly(Op.PIPE, Op.WRITE, Op.ECHO, Op.WRITE);
    }

    @Test
    void repeatExpandsPercentI() {
        List<ScriptLine> lines = ScriptParser.parse(FILE, "queue q\nrepeat 0x3 post q 1 %i 0x%i 10%i 0 # c\n"
                + "repeat 0 fionread q\n");
        assertThat(lines).extracting(ScriptLine::display).containsExactly("queue q",
                "post q 1 1 0x1 101 0", "post q 1 2 0x2 102 0", "post q 1 3 0x3 103 0");
        assertThat(lines).extracting(ScriptLine::line).containsExactly(1, 2, 2, 2);
    }

    @Test
    void repeatCanBindNames() {
        List<ScriptLine> lines = ScriptParser.parse(FILE, "repeat 2 queue q%i\nclose q2.w\nfionread 7\n");
        assertThat(lines).extracting(ScriptLine::display).containsExactly("queue q1", "queue q2", "close q2.w",
                "fionread 7");
    }
}
