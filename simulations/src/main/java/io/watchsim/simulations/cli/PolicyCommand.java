package io.watchsim.simulations.cli;

import io.watchsim.policies.PolicyFiles;
import io.watchsim.policies.SecurityModule;
import io.watchsim.policies.StackedModule;
import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.smack.SmackModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code watchsim policy FILE...}: checks policy files and shows what they load. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Checks policy files (*.smack: SUBJECT OBJECT ACCESS per line; *.te: 'type NAME;' for every type, "
                + "once, and 'allow SOURCE TARGET:CLASS PERMS;') and prints the module stack they load, or the first "
                + "mistake as FILE:LINE:COLUMN.",
                "Example: watchsim policy scenarios/policies/lab.smack"})
final class PolicyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "policy files, stacked in this order")
    List<Path> files;

    @Option(names = "--selinux-mode", paramLabel = "MODE", defaultValue = "EXTENDED",
            description = "for .te files: STRICT (only what upstream enforces: key view) or EXTENDED "
                    + "(also mount watch, superblock watch, notification post), in any case; default ${DEFAULT-VALUE}")
    SelinuxModule.Mode selinuxMode;

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserInputException("policy file '" + f + "' does not exist or is not a regular file; "
                        + "expected a Smack rule file (.smack) or a type-enforcement file (.te)");
            }
        }
        SecurityModule module;
        try {
            module = PolicyFiles.loadAll(files, selinuxMode);
        } catch (io.watchsim.policies.PolicySyntaxException e) {
            throw new UserInputException(e.getMessage());
        }
        List<SecurityModule> parts = module instanceof StackedModule s ? s.modules() : List.of(module);
        System.out.println("policy ok: " + module.name());
        for (int i = 0; i < parts.size(); i++) {
            System.out.println("  " + files.get(i) + ": " + describe(parts.get(i)));
        }
        return 0;
    }

    private static String describe(SecurityModule m) {
        if (m instanceof SmackModule smack) {
            return "smack, " + smack.rules().size() + " rules";
        }
        if (m instanceof SelinuxModule se) {
            return "selinux (" + se.mode().name().toLowerCase(java.util.Locale.ROOT) + "), " + se.policy().rules().size()
                    + " allow rules";
        }
        return m.name();
    }
}
