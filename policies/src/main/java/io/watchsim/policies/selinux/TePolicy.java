package io.watchsim.policies.selinux;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable type-enforcement rule set: the union of its {@code allow} rules. Checks look types
 * up straight in a label string (no substring) in an open-addressed table of type names, then the
 * (source, target, class) triple in an open-addressed table of permission masks, so they allocate
 * nothing.
 */
public final class TePolicy {
    private static final TePolicy EMPTY = builder().build();

    /** Merged rules: one per (source, target, class), in first-appearance order. */
    private final List<TeRule> rules;
    private final Set<String> declaredTypes;

    // Type names -> ids, open addressing, power-of-two capacity, null = free.
    private final String[] typeKeys;
    private final int[] typeIds;
    private final int unlabeledId;

    // (source id, target id, class) -> permission mask, open addressing, -1 = free.
    private final long[] ruleKeys;
    private final int[] ruleMasks;

    private TePolicy(List<TeRule> rules, Set<String> declaredTypes) {
        this.rules = rules;
        this.declaredTypes = declaredTypes;
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TeRule r : rules) {
            ids.putIfAbsent(r.source(), ids.size());
            ids.putIfAbsent(r.target(), ids.size());
        }
        int tcap = capacity(ids.size());
        typeKeys = new String[tcap];
        typeIds = new int[tcap];
        ids.forEach((name, id) -> {
            int i = spread(name.hashCode()) & (tcap - 1);
            while (typeKeys[i] != null) {
                i = (i + 1) & (tcap - 1);
            }
            typeKeys[i] = name;
            typeIds[i] = id;
        });
        unlabeledId = typeId(SecurityContext.UNLABELED_TYPE, 0, SecurityContext.UNLABELED_TYPE.length());
        int rcap = capacity(rules.size());
        ruleKeys = new long[rcap];
        ruleMasks = new int[rcap];
        java.util.Arrays.fill(ruleKeys, -1L);
        for (TeRule r : rules) {
            long key = ruleKey(ids.get(r.source()), ids.get(r.target()), r.cls());
            int i = spread(Long.hashCode(key * 0x9E3779B97F4A7C15L)) & (rcap - 1);
            while (ruleKeys[i] != -1L) {
                i = (i + 1) & (rcap - 1);
            }
            ruleKeys[i] = key;
            ruleMasks[i] = r.perms();
        }
    }

    public static TePolicy empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        declaredTypes.forEach(b::declareType);
        rules.forEach(b::allow);
        return b;
    }

    /** This policy with one more allow rule (added to what is allowed already). */
    public TePolicy withAllow(String source, String target, TeClass cls, String... permissions) {
        int bits = 0;
        for (String p : permissions) {
            bits |= cls.requireBit(p);
        }
        return toBuilder().allow(new TeRule(source, target, cls, bits)).build();
    }

    /** The union of this policy and {@code other}. */
    public TePolicy union(TePolicy other) {
        Builder b = toBuilder();
        other.declaredTypes.forEach(b::declareType);
        other.rules.forEach(b::allow);
        return b.build();
    }

    /**
     * Whether {@code sourceType} may use {@code perm} of class {@code cls} on {@code targetType}.
     *
     * @throws IllegalArgumentException for an unknown class or permission
     */
    public boolean allows(String sourceType, String targetType, String cls, String perm) {
        TeClass c = TeClass.require(cls);
        return allows(sourceType, targetType, c, c.requireBit(perm));
    }

    /** Whether {@code sourceType} may use every permission in {@code perms} of {@code cls} on {@code targetType}. */
    public boolean allows(String sourceType, String targetType, TeClass cls, int perms) {
        return allowsIds(typeId(sourceType, 0, sourceType.length()), typeId(targetType, 0, targetType.length()), cls, perms);
    }

    /**
     * The check on labels (contexts): the subject's and the object's types, each
     * {@code unlabeled_t} if the label is null or malformed. Allocates nothing.
     */
    public boolean allowsLabels(String subjectLabel, String objectLabel, TeClass cls, int perms) {
        return allowsIds(typeIdOfLabel(subjectLabel), typeIdOfLabel(objectLabel), cls, perms);
    }

    /** The permissions of {@code cls} that {@code sourceType} has on {@code targetType}, as bits. */
    public int permissions(String sourceType, String targetType, TeClass cls) {
        return mask(typeId(sourceType, 0, sourceType.length()), typeId(targetType, 0, targetType.length()), cls);
    }

    /** The allow rules, merged per (source, target, class), in the order they first appeared. */
    public List<TeRule> rules() {
        return rules;
    }

    /** The types named by {@code type} statements. */
    public Set<String> declaredTypes() {
        return declaredTypes;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    private boolean allowsIds(int source, int target, TeClass cls, int perms) {
        return (mask(source, target, cls) & perms) == perms && perms != 0;
    }

    private int mask(int source, int target, TeClass cls) {
        if (source < 0 || target < 0) {
            return 0;
        }
        long key = ruleKey(source, target, cls);
        int m = ruleKeys.length - 1;
        int i = spread(Long.hashCode(key * 0x9E3779B97F4A7C15L)) & m;
        while (true) {
            long k = ruleKeys[i];
            if (k == key) {
                return ruleMasks[i];
            }
            if (k == -1L) {
                return 0;
            }
            i = (i + 1) & m;
        }
    }

    private int typeIdOfLabel(String label) {
        if (label == null) {
            return unlabeledId;
        }
        long span = SecurityContext.typeSpan(label);
        return span < 0 ? unlabeledId : typeId(label, (int) (span >>> 32), (int) span);
    }

    /** The id of the type named by {@code s[from, to)}, or -1 if no rule names it. */
    private int typeId(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int len = to - from;
        int m = typeKeys.length - 1;
        int i = spread(h) & m;
        while (true) {
            String k = typeKeys[i];
            if (k == null) {
                return -1;
            }
            if (k.length() == len && k.regionMatches(0, s, from, len)) {
                return typeIds[i];
            }
            i = (i + 1) & m;
        }
    }

    private static long ruleKey(int source, int target, TeClass cls) {
        return ((long) source << 34) | ((long) target << 4) | cls.ordinal();
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** A power of two at least twice {@code n}, so a free slot always ends a probe. */
    private static int capacity(int n) {
        int c = 2;
        while (c < 2 * n) {
            c <<= 1;
        }
        return c;
    }

    /** Checks a type name: a letter or {@code _}, then letters, digits, {@code _ . -}. */
    static String requireTypeName(String name) {
        String problem = typeNameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return name;
    }

    /** What is wrong with a type name ({@code self} is a keyword, not a name), or null. */
    public static String typeNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "type name is empty";
        }
        char c0 = name.charAt(0);
        if (!(Character.isLetter(c0) && c0 < 0x80) && c0 != '_') {
            return "type name \"" + name + "\" must start with a letter or '_'";
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return "type name \"" + name + "\" has '" + name.charAt(i) + "'; expected letters, digits, '_', '.' or '-'";
            }
        }
        if (name.equals("self")) {
            return "\"self\" is a keyword, not a type name";
        }
        return null;
    }

    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TePolicy other && Set.copyOf(rules).equals(Set.copyOf(other.rules))
                && declaredTypes.equals(other.declaredTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Set.copyOf(rules), declaredTypes);
    }

    /** The policy as text the parser reads back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        declaredTypes.forEach(t -> sb.append("type ").append(t).append(";\n"));
        rules.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    /** Accumulates type declarations and allow rules; rules for the same triple are merged (union). */
    public static final class Builder {
        private final Set<String> declared = new LinkedHashSet<>();
        private final Map<List<Object>, int[]> masks = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder declareType(String name) {
            declared.add(requireTypeName(name));
            return this;
        }

        public Builder allow(TeRule rule) {
            masks.computeIfAbsent(List.of(rule.source(), rule.target(), rule.cls()), k -> new int[1])[0] |= rule.perms();
            return this;
        }

        public Builder allow(String source, String target, TeClass cls, int perms) {
            return allow(new TeRule(source, target, cls, perms));
        }

        public TePolicy build() {
            List<TeRule> merged = new ArrayList<>(masks.size());
            masks.forEach((k, m) -> merged.add(new TeRule((String) k.get(0), (String) k.get(1), (TeClass) k.get(2), m[0])));
            return new TePolicy(Collections.unmodifiableList(merged),
                    Collections.unmodifiableSet(new LinkedHashSet<>(declared)));
        }
    }
}
