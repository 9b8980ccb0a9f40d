package io.watchsim.policies.selinux;

import java.util.Objects;
import java.util.Optional;

/**
 * An SELinux security context {@code user:role:type[:level]}. The level is everything after the
 * third colon, so an MLS range such as {@code s0-s0:c0.c1023} stays whole.
 *
 * <p>A label is malformed if it has fewer than three fields or an empty field. The engine treats a
 * malformed label, or a missing one (null), as {@link #UNLABELED}
 * ({@code system_u:object_r:unlabeled_t:s0}), as the kernel maps a context it cannot use to the
 * unlabeled SID. This applies to subjects too: a task whose label is no context (such as Smack's
 * {@code _}) acts as {@code unlabeled_t}.
 *
 * @param level the MLS level, or null if the context has none
 */
public record SecurityContext(String user, String role, String type, String level) {
    /** The type given to objects with no usable label. */
    public static final String UNLABELED_TYPE = "unlabeled_t";
    /** The context of an object with no usable label. */
    public static final SecurityContext UNLABELED = new SecurityContext("system_u", "object_r", UNLABELED_TYPE, "s0");

    public SecurityContext {
        Objects.requireNonNull(user);
        Objects.requireNonNull(role);
        Objects.requireNonNull(type);
        if (user.isEmpty() || role.isEmpty() || type.isEmpty() || (level != null && level.isEmpty())) {
            throw new IllegalArgumentException("a context field is empty: " + user + ":" + role + ":" + type
                    + (level == null ? "" : ":" + level));
        }
    }

    /**
     * Parses {@code user:role:type[:level]}.
     *
     * @throws IllegalArgumentException if the label is malformed
     */
    public static SecurityContext parse(String label) {
        return tryParse(label).orElseThrow(() -> new IllegalArgumentException("malformed security context \"" + label
                + "\"; expected user:role:type[:level] with no empty field"));
    }

    /** The context of {@code label}, or empty if it is null or malformed. */
    public static Optional<SecurityContext> tryParse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        long span = typeSpan(label);
        if (span < 0) {
            return Optional.empty();
        }
        int typeStart = (int) (span >>> 32);
        int typeEnd = (int) span;
        int c1 = label.indexOf(':');
        return Optional.of(new SecurityContext(label.substring(0, c1), label.substring(c1 + 1, typeStart - 1),
                label.substring(typeStart, typeEnd), typeEnd < label.length() ? label.substring(typeEnd + 1) : null));
    }

    /** The context an object with this label is checked as: {@link #UNLABELED} if null or malformed. */
    public static SecurityContext ofObjectLabel(String label) {
        return tryParse(label).orElse(UNLABELED);
    }

    /** The type an engine checks {@code label} as, {@value #UNLABELED_TYPE} if null or malformed. */
    public static String typeOf(String label) {
        long span = label == null ? -1 : typeSpan(label);
        return span < 0 ? UNLABELED_TYPE : label.substring((int) (span >>> 32), (int) span);
    }

    /**
     * Where the type of {@code label} is, without allocating: {@code start << 32 | end}, or -1 if
     * the label is malformed.
     */
    static long typeSpan(String label) {
        int c1 = label.indexOf(':');
        if (c1 <= 0) {
            return -1;
        }
        int c2 = label.indexOf(':', c1 + 1);
        if (c2 < 0 || c2 == c1 + 1) {
            return -1;
        }
        int c3 = label.indexOf(':', c2 + 1);
        int end = c3 < 0 ? label.length() : c3;
        if (end == c2 + 1 || (c3 >= 0 && c3 == label.length() - 1)) {
            return -1;
        }
        return ((long) (c2 + 1) << 32) | end;
    }

    @Override
    public String toString() {
        return user + ":" + role + ":" + type + (level == null ? "" : ":" + level);
    }
}
