package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.SelinuxPolicyParser;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackPolicyParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        throw new PolicySyntaxException(file.toString(), 0, 0, "unknown policy format; expected a file ending in "
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicySyntaxException(file.toString(), 0, 0, "cannot read the policy file: " + e.getMessage());
        }
    }
}
