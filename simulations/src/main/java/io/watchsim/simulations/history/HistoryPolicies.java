package io.watchsim.simulations.history;

import io.watchsim.policies.PolicySyntaxException;
import io.watchsim.policies.SecurityModule;
import io.watchsim.simulations.runner.PolicyLoader;
import io.watchsim.simulations.scenario.Policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Policies in a history: what a run writes about each policy it puts in force (its engines, its
 * SELinux mode, its rule files' names and texts), and the modules rebuilt from that when a written
 * history is checked again, so that the check needs none of the run's files.
 */
public final class HistoryPolicies {
    private HistoryPolicies() {
    }

    /** Tells {@code recorder} what {@code module}, loaded from {@code policy}, holds. Reads the rule files. */
    public static void describe(HistoryRecorder recorder, Policy policy, SecurityModule module) {
        List<HistoryEvent.RuleFile> files = new ArrayList<>();
        for (Path f : policy.rules()) {
            try {
                files.add(new HistoryEvent.RuleFile(f.getFileName().toString(), Files.readString(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(f + ": " + e.getMessage(), e);
            }
        }
        recorder.describe(module, policy.engines().stream().map(Policy.Engine::keyword).toList(),
                policy.selinuxMode().name().toLowerCase(Locale.ROOT), files);
    }

    /**
     * The modules of a written history, by version, rebuilt as the run's loader built them: each
     * policy's rule files are written to a scratch folder and loaded from there.
     */
    public static final class Rebuilt implements HistoryChecker.PolicyJudge {
        private final Map<Long, SecurityModule> modules = new HashMap<>();
        private final Map<Long, String> refusals = new HashMap<>();

        /** Rebuilds the module of one policy event; a policy that cannot be rebuilt is remembered with why. */
        public void add(HistoryEvent.PolicyInForce p) {
            if (p.engines().isEmpty()) {
                refusals.put(p.version(), "the run did not describe this policy");
                return;
            }
            try {
                Path dir = Files.createTempDirectory("watchsim-history-policy");
                List<Path> rules = new ArrayList<>();
                for (HistoryEvent.RuleFile f : p.files()) {
                    Path file = dir.resolve(rules.size() + "-" + Path.of(f.name()).getFileName());
                    Files.writeString(file, f.text());
                    rules.add(file);
                }
                List<Policy.Engine> engines = p.engines().stream().map(HistoryPolicies::engine).toList();
                modules.put(p.version(), PolicyLoader.load(new Policy(engines, rules, selinuxMode(p.selinuxMode()))));
                for (Path r : rules) {
                    Files.deleteIfExists(r);
                }
                Files.deleteIfExists(dir);
            } catch (IOException | PolicySyntaxException | IllegalArgumentException e) {
                refusals.put(p.version(), e.getMessage());
            }
        }

        @Override
        public SecurityModule module(long version) {
            return modules.get(version);
        }

        /** Versions that could not be rebuilt, with why. */
        public Map<Long, String> refusals() {
            return Map.copyOf(refusals);
        }
    }

    private static Policy.Engine engine(String keyword) {
        return Policy.Engine.byKeyword(keyword).orElseThrow(() -> new IllegalArgumentException("engine \"" + keyword
                + "\" is none of WatchSim's"));
    }

    private static io.watchsim.policies.selinux.SelinuxModule.Mode selinuxMode(String mode) {
        return io.watchsim.policies.selinux.SelinuxModule.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    }
}
