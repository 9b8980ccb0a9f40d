package io.watchsim.simulations.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a script file (a kernel script or a keyctl script): UTF-8, a leading byte-order mark
 * skipped, anything that is not text (a byte that is not UTF-8, a NUL) refused with the file, the
 * line and what was expected, as one {@link ScriptException}.
 */
public final class ScriptText {
    /** How standard input is named in messages. */
    public static final String STDIN = "<stdin>";

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ScriptText() {
    }

    /** Reads {@code file} as script text; {@code what} names the kind of file in messages ("script"). */
    public static String read(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ScriptException(file.toString(), "cannot read the " + what + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ScriptException(file.toString(), "cannot read the " + what + ": permission denied");
        } catch (IOException e) {
            throw new ScriptException(file.toString(), "cannot read the " + what + ": " + e);
        }
        return decode(file.toString(), bytes, what);
    }

    /** Reads all of {@code in} (standard input) as script text named {@link #STDIN}. */
    public static String read(InputStream in, String what) {
        try {
            return decode(STDIN, in.readAllBytes(), what);
        } catch (IOException e) {
            throw new ScriptException(STDIN, "cannot read the " + what + ": " + e);
        }
    }

    /** Decodes the bytes of a script named {@code source}. */
    public static String decode(String source, byte[] bytes, String what) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new ScriptException(source, lineAt(bytes, at), String.format(
                    "the %s is not text: byte 0x%02X (byte %d of the file) is not UTF-8; expected a UTF-8 text file",
                    what, bytes[at] & 0xFF, at + 1));
        }
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new ScriptException(source, lineAt(text, nul), "the " + what
                    + " is not text: it holds a NUL character; expected a UTF-8 text file");
        }
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static int lineAt(byte[] bytes, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineAt(String text, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
