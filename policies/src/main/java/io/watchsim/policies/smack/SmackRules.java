package io.watchsim.policies.smack;

import io.watchsim.policies.Decision;
import io.watchsim.queues.Errno;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable Smack rule set and {@code smk_access()} over it. Rules are kept per subject and
 * then per object (as the kernel keeps them on the subject's {@code smk_rules} list), in two hash
 * maps keyed by label, so a check costs two lookups and allocates nothing unless it denies.
 *
 * <p>Loading a rule for a pair that already has one replaces its access, as a write to
 * {@code load2} does; a {@code -} access leaves an entry that grants nothing.
 */
public final class SmackRules {
    /** The engine name in decisions. */
    static final String ENGINE = "smack";

    private static final SmackRules EMPTY = new SmackRules(Map.of(), 0);

    private static final Decision WEB_OBJECT = explained("web object");
    private static final Decision WEB_SUBJECT = explained("web subject");
    private static final Decision STAR_OBJECT = explained("star object");
    private static final Decision SAME_LABEL = explained("same label");
    private static final Decision FLOOR_OBJECT = explained("floor object");
    private static final Decision HAT_SUBJECT = explained("hat subject");

    /** subject -> object -> rule; every map unmodifiable. */
    private final Map<String, Map<String, SmackRule>> bySubject;
    private final int size;

    private SmackRules(Map<String, Map<String, SmackRule>> bySubject, int size) {
        this.bySubject = bySubject;
        this.size = size;
    }

    public static SmackRules empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder that starts with these rules. */
    public Builder toBuilder() {
        return new Builder(bySubject);
    }

    /**
     * These rules with {@code subject object access} loaded: it replaces the access of an
     * existing rule for the pair. This rule set is left as it is.
     *
     * @throws IllegalArgumentException if a label or the access string is invalid
     */
    public SmackRules with(String subject, String object, String access) {
        return with(new SmackRule(subject, object, SmackAccess.parse(access)));
    }

    public SmackRules with(SmackRule rule) {
        Map<String, Map<String, SmackRule>> outer = new LinkedHashMap<>(bySubject);
        Map<String, SmackRule> row = new LinkedHashMap<>(bySubject.getOrDefault(rule.subject(), Map.of()));
        boolean added = row.put(rule.object(), rule) == null;
        outer.put(rule.subject(), Collections.unmodifiableMap(row));
        return new SmackRules(Collections.unmodifiableMap(outer), added ? size + 1 : size);
    }

    /** The access of the rule {@code subject -> object}, or -1 if there is none. */
    public int access(String subject, String object) {
        SmackRule r = rule(subject, object);
        return r == null ? -1 : r.access();
    }

    /** The rule {@code subject -> object}, or null. */
    public SmackRule rule(String subject, String object) {
        Map<String, SmackRule> row = bySubject.get(subject);
        return row == null ? null : row.get(object);
    }

    /** Every rule, in load order (a replaced rule keeps its place). */
    public List<SmackRule> rules() {
        List<SmackRule> all = new ArrayList<>(size);
        for (Map<String, SmackRule> row : bySubject.values()) {
            all.addAll(row.values());
        }
        return Collections.unmodifiableList(all);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * {@code smk_access(subject, object, request)}: {@link Decision#allow()} or an EACCES denial
     * whose reason names the rule, or the missing rule, that decided. Allocates only to deny.
     */
    public Decision check(String subject, String object, int request) {
        return decide(subject, object, request, false);
    }

    /** As {@link #check}, but an allowing decision too says why (for tools and tests; allocates). */
    public Decision explain(String subject, String object, int request) {
        return decide(subject, object, request, true);
    }

    /** Whether {@code smk_access(subject, object, request)} allows. */
    public boolean allows(String subject, String object, int request) {
        return decide(subject, object, request, false).allowed();
    }

    /** {@code smk_access()}: the hard-coded label comparisons in the kernel's order, then the rules. */
    Decision decide(String subject, String object, int request, boolean explain) {
        // A star subject can't access any object.
        if (SmackLabel.STAR.equals(subject)) {
            return deny("star subject");
        }
        // An internet object can be accessed by any subject; an internet subject can access any object.
        if (SmackLabel.WEB.equals(object)) {
            return explain ? WEB_OBJECT : Decision.allow();
        }
        if (SmackLabel.WEB.equals(subject)) {
            return explain ? WEB_SUBJECT : Decision.allow();
        }
        // A star object can be accessed by any subject.
        if (SmackLabel.STAR.equals(object)) {
            return explain ? STAR_OBJECT : Decision.allow();
        }
        // An object can be accessed in any way by a subject with the same label.
        if (subject.equals(object)) {
            return explain ? SAME_LABEL : Decision.allow();
        }
        // A floor object can be read or locked by any subject; a hat subject can read or lock any object.
        if ((request & SmackAccess.ANYREAD) == request || (request & SmackAccess.LOCK) == request) {
            if (SmackLabel.FLOOR.equals(object)) {
                return explain ? FLOOR_OBJECT : Decision.allow();
            }
            if (SmackLabel.HAT.equals(subject)) {
                return explain ? HAT_SUBJECT : Decision.allow();
            }
        }
        // Beyond here an explicit rule is required, holding every requested bit.
        SmackRule rule = rule(subject, object);
        if (rule == null) {
            return deny("no rule " + subject + " -> " + object);
        }
        int may = rule.access();
        if (may == 0 || (request & may) != request) {
            int missing = request & ~may;
            return deny("rule \"" + rule + "\" " + (missing == 0 ? "grants nothing" : "lacks " + SmackAccess.format(missing)));
        }
        if (!explain) {
            return Decision.allow();
        }
        return explained("rule \"" + rule + "\" grants " + SmackAccess.format(request)
                + ((may & SmackAccess.BRINGUP) != 0 ? " (bringup)" : ""));
    }

    private static Decision deny(String reason) {
        return Decision.deny(Errno.EACCES, ENGINE, reason);
    }

    private static Decision explained(String reason) {
        return Decision.allowBecause(ENGINE, reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmackRules other && bySubject.equals(other.bySubject);
    }

    @Override
    public int hashCode() {
        return bySubject.hashCode();
    }

    /** The rules as a {@code load2} file would list them, one per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (SmackRule r : rules()) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    /** Accumulates rules (later ones for the same pair replace earlier ones) without copying per rule. */
    public static final class Builder {
        private final Map<String, Map<String, SmackRule>> rows = new LinkedHashMap<>();

        private Builder(Map<String, Map<String, SmackRule>> start) {
            start.forEach((s, row) -> rows.put(s, new LinkedHashMap<>(row)));
        }

        public Builder add(String subject, String object, String access) {
            return add(new SmackRule(subject, object, SmackAccess.parse(access)));
        }

        public Builder add(SmackRule rule) {
            rows.computeIfAbsent(rule.subject(), s -> new LinkedHashMap<>()).put(rule.object(), rule);
            return this;
        }

        public SmackRules build() {
            Map<String, Map<String, SmackRule>> outer = new LinkedHashMap<>();
            int n = 0;
            for (Map.Entry<String, Map<String, SmackRule>> e : rows.entrySet()) {
                outer.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
                n += e.getValue().size();
            }
            return n == 0 ? EMPTY : new SmackRules(Collections.unmodifiableMap(outer), n);
        }
    }
}
