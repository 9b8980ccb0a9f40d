package io.watchsim.policies.selinux;

import java.util.Objects;

/**
 * One allow rule: a subject of type {@code source} may use the permissions {@code perms} (bits of
 * {@link TeClass}) on objects of class {@code cls} and type {@code target}. {@code self} has been
 * resolved: the target is a type name.
 */
public record TeRule(String source, String target, TeClass cls, int perms) {
    public TeRule {
        TePolicy.requireTypeName(source);
        TePolicy.requireTypeName(target);
        Objects.requireNonNull(cls);
        if (perms == 0 || (perms & ~cls.allBits()) != 0) {
            throw new IllegalArgumentException(String.format("permission bits 0x%x are not a non-empty set of class %s",
                    perms, cls.className()));
        }
    }

    /** The rule as policy text writes it: {@code allow a_t b_t:key { view read };}. */
    @Override
    public String toString() {
        return "allow " + source + " " + target + ":" + cls.className() + " " + cls.format(perms) + ";";
    }
}
