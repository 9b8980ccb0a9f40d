package io.watchsim.simulations.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an explore found: every seed's outcome in seed order, and the failing seeds grouped by signature (in
 * the order their first seed came).
 */
public record ExploreReport(SeedRange seeds, List<SeedOutcome> outcomes) {
    public ExploreReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<SeedOutcome> failures() {
        return outcomes.stream().filter(o -> !o.passed()).toList();
    }

    /** Failing seeds by signature. */
    public Map<String, List<SeedOutcome>> bySignature() {
        Map<String, List<SeedOutcome>> out = new LinkedHashMap<>();
        for (SeedOutcome o : failures()) {
            out.computeIfAbsent(o.signature(), k -> new ArrayList<>()).add(o);
        }
        return out;
    }

    /** The lines {@code watchsim explore} prints for it. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        long failed = failures().size();
        lines.add(String.format("explored seeds %s: %d passed, %d failed", seeds, outcomes.size() - failed, failed));
        bySignature().forEach((signature, list) -> {
            StringBuilder sb = new StringBuilder("  ").append(signature).append(": ").append(list.size())
                    .append(list.size() == 1 ? " seed (" : " seeds (");
            for (int i = 0; i < Math.min(list.size(), 20); i++) {
                sb.append(i == 0 ? "" : ", ").append(list.get(i).seed());
            }
            sb.append(list.size() > 20 ? ", ...)" : ")");
            lines.add(sb.toString());
            lines.add("    first: seed " + list.get(0).seed() + ": " + list.get(0).detail());
        });
        return lines;
    }
}
