package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;
import io.watchsim.sources.keys.KeyType;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A named group of keys or keyrings in the scenario's world ({@code world.groups.NAME}).
 *
 * @param name       the group's name, which watch rules, generators and faults refer to
 * @param type       the key type of the group's objects: user, logon or keyring
 * @param count      how many objects (for a tree: how many leaves); 1 for a hot object
 * @param payload    each key's payload in bytes (user, logon: 1..32767); 0 for keyrings
 * @param shape      flat, a tree of keyrings, or one hot object
 * @param linkedInto the keyring group the objects (a tree's root) are linked into, object i into
 *                   keyring i mod N of it; empty: the creating process's session keyring
 * @param owner      the credentials the objects are created with; a key takes its creator's label
 * @param perm       the permission mask set on each object after creation; empty: the type's default
 */
public record ObjectGroup(String name, KeyType type, int count, int payload, Shape shape, Optional<String> linkedInto,
                          Credentials owner, OptionalInt perm) {
    /** A user or logon key's default payload, in bytes. */
    public static final int DEFAULT_PAYLOAD = 32;
    /** The largest user or logon payload ({@code user_preparse()}, security/keys/user_defined.c). */
    public static final int MAX_PAYLOAD = 32767;
    /** How deep keyrings nest (KEYRING_SEARCH_MAX_DEPTH, security/keys/internal.h). */
    public static final int MAX_TREE_DEPTH = 6;

    public ObjectGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(linkedInto, "linkedInto");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(perm, "perm");
    }

    /** {@code count} objects of {@code type}, flat, with the type's default payload, made by root. */
    public static ObjectGroup of(String name, KeyType type, int count) {
        return new ObjectGroup(name, type, count, defaultPayload(type), Shape.FLAT, Optional.empty(), Credentials.root(),
                OptionalInt.empty());
    }

    /** {@code count} user keys. */
    public static ObjectGroup keys(String name, int count) {
        return of(name, KeyType.USER, count);
    }

    /** {@code count} keyrings. */
    public static ObjectGroup keyrings(String name, int count) {
        return of(name, KeyType.KEYRING, count);
    }

    /** One hot user key. */
    public static ObjectGroup hot(String name) {
        return keys(name, 1).withShape(Shape.HOT);
    }

    /** The payload a group of {@code type} has unless one is given: 32 bytes, none for keyrings. */
    public static int defaultPayload(KeyType type) {
        return type == KeyType.KEYRING ? 0 : DEFAULT_PAYLOAD;
    }

    public ObjectGroup withCount(int newCount) {
        return new ObjectGroup(name, type, newCount, payload, shape, linkedInto, owner, perm);
    }

    public ObjectGroup withPayload(int bytes) {
        return new ObjectGroup(name, type, count, bytes, shape, linkedInto, owner, perm);
    }

    public ObjectGroup withShape(Shape newShape) {
        return new ObjectGroup(name, type, count, payload, newShape, linkedInto, owner, perm);
    }

    public ObjectGroup withLinkedInto(String keyringGroup) {
        return new ObjectGroup(name, type, count, payload, shape, Optional.of(keyringGroup), owner, perm);
    }

    public ObjectGroup withOwner(Credentials newOwner) {
        return new ObjectGroup(name, type, count, payload, shape, linkedInto, newOwner, perm);
    }

    public ObjectGroup withPerm(int mask) {
        return new ObjectGroup(name, type, count, payload, shape, linkedInto, owner, OptionalInt.of(mask));
    }

    /** The objects the world makes for this group: its count, plus a tree's inner keyrings. */
    public long objectCount() {
        return count + (shape instanceof Shape.Tree t ? t.innerKeyrings(count) : 0);
    }
}
