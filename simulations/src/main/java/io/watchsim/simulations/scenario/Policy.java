package io.watchsim.simulations.scenario;

import io.watchsim.policies.selinux.SelinuxModule;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The security policy a scenario runs under ({@code policy}): the engines, stacked in the order
 * given (every one must allow), and their rule files: {@code *.smack} for the Smack-style engine,
 * {@code *.te} for the SELinux-style one, loaded by {@code PolicyFiles} in the order given.
 *
 * @param engines     permissive alone, or smack and/or selinux in stacking order
 * @param rules       the rule files, as absolute normalised paths (a scenario file's paths are
 *                    resolved against the file that names them)
 * @param selinuxMode for .te files: strict (upstream: key view only) or extended
 */
public record Policy(List<Engine> engines, List<Path> rules, SelinuxModule.Mode selinuxMode) {
    /** No checks at all: the default. */
    public static final Policy PERMISSIVE = new Policy(List.of(Engine.PERMISSIVE), List.of(),
            SelinuxModule.Mode.EXTENDED);

    /** The policy engines a scenario can name. */
    public enum Engine {
        /** Allows everything. */
        PERMISSIVE(null),
        /** The Smack-style engine; rule files {@code *.smack}. */
        SMACK(".smack"),
        /** The SELinux-style type-enforcement engine; rule files {@code *.te}. */
        SELINUX(".te");

        private final String extension;

        Engine(String extension) {
            this.extension = extension;
        }

        /** The rule files' extension, empty for permissive. */
        public Optional<String> extension() {
            return Optional.ofNullable(extension);
        }

        /** The name in a scenario file: permissive, smack, selinux. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Engine> byKeyword(String keyword) {
            return Arrays.stream(values()).filter(e -> e.keyword().equals(keyword)).findFirst();
        }

        /** The engine whose rule files end in the extension of {@code file}. */
        public static Optional<Engine> forFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(e -> e.extension != null && name.endsWith(e.extension)).findFirst();
        }
    }

    public Policy {
        engines = List.copyOf(engines);
        rules = rules.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(selinuxMode, "selinuxMode");
    }

    /** The engines given, with these rule files (relative paths against the working folder), extended mode. */
    public static Policy of(List<Engine> engines, Path... rules) {
        return new Policy(engines, List.of(rules), SelinuxModule.Mode.EXTENDED);
    }

    public Policy withSelinuxMode(SelinuxModule.Mode mode) {
        return new Policy(engines, rules, mode);
    }

    /** {@code smack+selinux}: the engines as {@code PolicyFiles} and the CLI name a stack. */
    public String engineName() {
        return String.join("+", engines.stream().map(Engine::keyword).toList());
    }
}
