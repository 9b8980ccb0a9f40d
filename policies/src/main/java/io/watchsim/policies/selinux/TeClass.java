package io.watchsim.policies.selinux;

import java.util.List;
import java.util.Optional;

/**
 * The object classes the engine knows, with their permissions. {@code key} is upstream's class
 * (its permissions in upstream's order); {@code mount}, {@code superblock} and
 * {@code notification} are WatchSim's own, for the EXTENDED mode. A permission's bit is
 * {@code 1 << its index}.
 */
public enum TeClass {
    KEY("key", List.of("view", "read", "write", "search", "link", "setattr", "create")),
    MOUNT("mount", List.of("watch")),
    SUPERBLOCK("superblock", List.of("watch")),
    NOTIFICATION("notification", List.of("post"));

    private final String className;
    private final List<String> permissions;

    TeClass(String className, List<String> permissions) {
        this.className = className;
        this.permissions = permissions;
    }

    /** The class as policy text names it. */
    public String className() {
        return className;
    }

    public List<String> permissions() {
        return permissions;
    }

    /** The bit of {@code permission}, or 0 if the class has no such permission. */
    public int bit(String permission) {
        int i = permissions.indexOf(permission);
        return i < 0 ? 0 : 1 << i;
    }

    /** The bit of {@code permission}, or IllegalArgumentException naming the allowed ones. */
    public int requireBit(String permission) {
        int b = bit(permission);
        if (b == 0) {
            throw new IllegalArgumentException("unknown permission \"" + permission + "\" for class " + className
                    + "; expected one of " + String.join(", ", permissions));
        }
        return b;
    }

    /** Every permission of the class. */
    public int allBits() {
        return (1 << permissions.size()) - 1;
    }

    /** A permission set as policy text writes it: {@code view} or {@code { view read }}. */
    public String format(int bits) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int i = 0; i < permissions.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                sb.append(n++ == 0 ? "" : " ").append(permissions.get(i));
            }
        }
        return n == 1 ? sb.toString() : "{ " + sb + " }";
    }

    public static Optional<TeClass> byName(String name) {
        for (TeClass c : values()) {
            if (c.className.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The class of {@code name}, or IllegalArgumentException naming the known ones. */
    public static TeClass require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown class \"" + name
                + "\"; expected one of " + names()));
    }

    /** The class names, comma-separated, for messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (TeClass c : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.className);
        }
        return sb.toString();
    }
}
