package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.SelinuxPolicyParser;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackPolicyParser;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads policy files into a module: {@code *.smack} holds Smack rules (one
 * {@code SUBJECT OBJECT ACCESS} per line, as written to smackfs load2), {@code *.te} holds
 * SELinux-style type enforcement ({@code allow SOURCE TARGET:CLASS PERMS;}). Several files stack
 * in the order given: every module must allow. Reads the disk, so call it from a plain thread,
 * never from an actor; then hand the module to the kernel's reload.
 */
public final class PolicyFiles {
    private PolicyFiles() {
    }

    /** The file extensions this loader knows. */
    public static final List<String> EXTENSIONS = List.of(".smack", ".te");

    /** Loads one file; the SELinux mode applies to {@code .te} files. */
    public static SecurityModule load(Path file, SelinuxModule.Mode selinuxMode) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = read(file);
        if (name.endsWith(".smack")) {
            return SmackModule.of(SmackPolicyParser.parse(file.toString(), text));
        }
        if (name.endsWith(".te")) {
            return SelinuxModule.of(SelinuxPolicyParser.parse(file.toString(), text), selinuxMode);
        }
        throw new PolicySyntaxException(file.toString(), "unknown policy format; expected a file ending in "
                + String.join(" or ", EXTENSIONS));
    }

    /** Loads and stacks several files; one file gives its module alone. */
    public static SecurityModule loadAll(List<Path> files, SelinuxModule.Mode selinuxMode) {
        if (files.isEmpty()) {
            return PermissiveModule.INSTANCE;
        }
        List<SecurityModule> modules = new ArrayList<>();
        for (Path f : files) {
            modules.add(load(f, selinuxMode));
        }
        return modules.size() == 1 ? modules.get(0) : new StackedModule(modules);
    }

    /**
     * The file's text: UTF-8, a leading byte-order mark skipped. A file that cannot be read or is
     * not UTF-8 text is refused with the line of the first bad byte.
     */
    private static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicySyntaxException(file.toString(), "cannot read the policy file: no such file");
        } catch (AccessDeniedException e) {
            throw new PolicySyntaxException(file.toString(), "cannot read the policy file: permission denied");
        } catch (IOException e) {
            throw new PolicySyntaxException(file.toString(), "cannot read the policy file: " + e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        int nul = indexOfNul(bytes);
        if (result.isError() || nul >= 0) {
            int at = !result.isError() ? nul : nul >= 0 ? Math.min(nul, in.position()) : in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new PolicySyntaxException(file.toString(), line, String.format("the policy file is not text: byte "
                    + "0x%02X (byte %d of the file) is %s; expected a UTF-8 text file", bytes[at] & 0xFF, at + 1,
                    bytes[at] == 0 ? "NUL" : "not UTF-8"));
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
