package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;
import io.watchsim.sources.keys.KeyTableFixture.Created;
import io.watchsim.sources.keys.KeyTableFixture.Ev;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static io.watchsim.sources.keys.KeyTableFixture.cleared;
import static io.watchsim.sources.keys.KeyTableFixture.destroyed;
import static io.watchsim.sources.keys.KeyTableFixture.errno;
import static io.watchsim.sources.keys.KeyTableFixture.events;
import static io.watchsim.sources.keys.KeyTableFixture.instantiated;
import static io.watchsim.sources.keys.KeyTableFixture.invalidated;
import static io.watchsim.sources.keys.KeyTableFixture.linked;
import static io.watchsim.sources.keys.KeyTableFixture.negative;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static io.watchsim.sources.keys.KeyTableFixture.revoked;
import static io.watchsim.sources.keys.KeyTableFixture.setattr;
import static io.watchsim.sources.keys.KeyTableFixture.unlinked;
import static io.watchsim.sources.keys.KeyTableFixture.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Which records each key operation posts (the {@code notify_key()} call sites of security/keys,
 * as docs/KERNEL-BEHAVIOUR.md lists them), on which object, with which aux, and in which order
 * within one operation: the steps of one call are compared whole, so a record on the wrong
 * object, an extra record or a wrong order all fail. What the call leaves to the garbage
 * collector (a key whose last reference went, an invalidated key) is not in the call's steps:
 * the collector is a deferred work item, and each row names what its next pass destroys.
 */
class KeyNotificationTableTest {

    /**
     * The keys every row starts from, all made by root in its session keyring S:
     * <pre>
     *  S ─┬─ r  (keyring) ── k
     *     ├─ r2 (keyring) ── twin  (user "k", a different key with k's description)
     *     ├─ e  (keyring, empty)
     *     ├─ k  (user "k": in S and in r)
     *     └─ m  (user "m": only in S)
     * </pre>
     */
    static final class Scene {
        final KeyTableFixture fx = new KeyTableFixture();
        final KeyTable t = fx.table;
        final KeyCaller c = fx.root;
        final int s = fx.ses;
        final int r = fx.addKeyring("r", s);
        final int r2 = fx.addKeyring("r2", s);
        final int e = fx.addKeyring("e", s);
        final int k = fx.addUser(c, "k", "v1", s);
        final int m = fx.addUser(c, "m", "vm", s);
        final int twin = fx.addUser(c, "k", "twin", r2);
        /** A key a row makes before its operation, for the row's expectation. */
        int made;

        Scene() {
            ok(t.link(c, k, r));
        }
    }

    @FunctionalInterface
    interface Op {
        KeyTable.Outcome run(Scene s);
    }

    @FunctionalInterface
    interface Expect {
        /** The expected steps; {@code v} is the call's return value (a new serial for add_key). */
        List<Ev> of(Scene s, int v);
    }

    /** Nothing for the garbage collector. */
    private static final Expect NOTHING_COLLECTED = (s, v) -> List.of();

    static Stream<Arguments> successfulOperations() {
        return Stream.of(
                // INSTANTIATED (positive), then LINKED on the keyring, for add_key creating a key
                row("add_key new user key: INSTANTIATED(key, 0) then LINKED(ring, key)",
                        s -> s.t.add(s.c, "user", "new", bytes("x"), s.r),
                        (s, v) -> List.of(new Created(v), instantiated(v), linked(s.r, v))),
                row("add_key new logon key: INSTANTIATED then LINKED",
                        s -> s.t.add(s.c, "logon", "svc:new", bytes("x"), s.s),
                        (s, v) -> List.of(new Created(v), instantiated(v), linked(s.s, v))),
                row("add_key new keyring: INSTANTIATED then LINKED",
                        s -> s.t.add(s.c, "keyring", "newring", null, s.e),
                        (s, v) -> List.of(new Created(v), instantiated(v), linked(s.e, v))),
                row("add_key of a user key linked under another keyring with that description creates a new key",
                        s -> s.t.add(s.c, "user", "m", bytes("x"), s.r),
                        (s, v) -> List.of(new Created(v), instantiated(v), linked(s.r, v))),
                row("add_key of a keyring with the description of one already there: a new keyring replaces"
                                + " the link (keyrings are not updated), the old one is collected",
                        s -> s.t.add(s.c, "keyring", "e", null, s.s),
                        (s, v) -> List.of(new Created(v), instantiated(v), linked(s.s, v)),
                        (s, v) -> List.of(destroyed(s.e))),
                // UPDATED
                row("add_key updating the same-description user key in that keyring: UPDATED(existing) only",
                        s -> s.t.add(s.c, "user", "k", bytes("v2"), s.s),
                        (s, v) -> List.of(updated(s.k))),
                row("add_key updating through another keyring that holds the key: UPDATED only",
                        s -> s.t.add(s.c, "user", "k", bytes("v2"), s.r2),
                        (s, v) -> List.of(updated(s.twin))),
                row("add_key updating a logon key: UPDATED only, same serial",
                        s -> {
                            int l = ok(s.t.add(s.c, "logon", "svc:l", bytes("1"), s.s));
                            KeyTable.Outcome o = s.t.add(s.c, "logon", "svc:l", bytes("2"), s.s);
                            assertThat(ok(o)).isEqualTo(l);
                            return o;
                        },
                        (s, v) -> List.of(updated(v))),
                row("add_key updating an expired key (not yet collected): UPDATED, same serial",
                        s -> {
                            ok(s.t.setTimeout(s.c, s.m, 1));
                            s.t.advance(1_000);
                            KeyTable.Outcome o = s.t.add(s.c, "user", "m", bytes("again"), s.s);
                            assertThat(ok(o)).isEqualTo(s.m);
                            return o;
                        },
                        (s, v) -> List.of(updated(s.m))),
                row("add_key over a revoked same-description key: a new key replaces its link (LINKED only),"
                                + " and the revoked key, now unreferenced, is collected",
                        s -> {
                            ok(s.t.revoke(s.c, s.m));
                            return s.t.add(s.c, "user", "m", bytes("new"), s.s);
                        },
                        (s, v) -> List.of(new Created(v), instantiated(v), linked(s.s, v)),
                        (s, v) -> List.of(destroyed(s.m))),
                row("KEYCTL_UPDATE of a logon key: UPDATED(key)",
                        s -> {
                            s.made = ok(s.t.add(s.c, "logon", "svc:l", bytes("1"), s.s));
                            return s.t.update(s.c, s.made, bytes("2"));
                        },
                        (s, v) -> List.of(updated(s.made))),
                row("KEYCTL_UPDATE: UPDATED(key)",
                        s -> s.t.update(s.c, s.k, bytes("v2")),
                        (s, v) -> List.of(updated(s.k))),
                // LINKED
                row("KEYCTL_LINK: LINKED(ring, key)",
                        s -> s.t.link(s.c, s.m, s.e),
                        (s, v) -> List.of(linked(s.e, s.m))),
                row("KEYCTL_LINK of a key already linked there: LINKED again",
                        s -> s.t.link(s.c, s.k, s.r),
                        (s, v) -> List.of(linked(s.r, s.k))),
                row("KEYCTL_LINK of a keyring into a keyring: LINKED(ring, keyring)",
                        s -> s.t.link(s.c, s.e, s.r),
                        (s, v) -> List.of(linked(s.r, s.e))),
                row("KEYCTL_LINK replacing a same type+description key: LINKED only, no UNLINKED (the displaced"
                                + " key, unreferenced, is collected)",
                        s -> s.t.link(s.c, s.k, s.r2),
                        (s, v) -> List.of(linked(s.r2, s.k)),
                        (s, v) -> List.of(destroyed(s.twin))),
                // UNLINKED
                row("KEYCTL_UNLINK: UNLINKED(ring, key)",
                        s -> s.t.unlink(s.c, s.k, s.r),
                        (s, v) -> List.of(unlinked(s.r, s.k))),
                row("KEYCTL_UNLINK of a key's last link: UNLINKED; the collector's next pass destroys the key",
                        s -> s.t.unlink(s.c, s.m, s.s),
                        (s, v) -> List.of(unlinked(s.s, s.m)),
                        (s, v) -> List.of(destroyed(s.m))),
                // move: UNLINKED on the source, then LINKED on the destination
                row("KEYCTL_MOVE: UNLINKED(from) then LINKED(to)",
                        s -> s.t.move(s.c, s.m, s.s, s.e, 0),
                        (s, v) -> List.of(unlinked(s.s, s.m), linked(s.e, s.m))),
                row("KEYCTL_MOVE with flag 1 and no clash: UNLINKED(from) then LINKED(to)",
                        s -> s.t.move(s.c, s.k, s.r, s.e, 1),
                        (s, v) -> List.of(unlinked(s.r, s.k), linked(s.e, s.k))),
                row("KEYCTL_MOVE without flag 1 over a same-description key: UNLINKED, LINKED, no UNLINKED of the"
                                + " displaced key",
                        s -> s.t.move(s.c, s.k, s.r, s.r2, 0),
                        (s, v) -> List.of(unlinked(s.r, s.k), linked(s.r2, s.k)),
                        (s, v) -> List.of(destroyed(s.twin))),
                row("KEYCTL_MOVE with from == to: 0 and no record",
                        s -> s.t.move(s.c, s.k, s.r, s.r, 0),
                        (s, v) -> List.of()),
                row("KEYCTL_MOVE with from == to and flag 1: 0 and no record",
                        s -> s.t.move(s.c, s.k, s.r, s.r, 1),
                        (s, v) -> List.of()),
                // CLEARED
                row("KEYCTL_CLEAR: CLEARED(ring) and no per-key UNLINKED",
                        s -> s.t.clear(s.c, s.r),
                        (s, v) -> List.of(cleared(s.r))),
                row("KEYCTL_CLEAR of an empty keyring: CLEARED all the same",
                        s -> s.t.clear(s.c, s.e),
                        (s, v) -> List.of(cleared(s.e))),
                row("KEYCTL_CLEAR releasing a key only it held: CLEARED; the collector's next pass destroys that key",
                        s -> s.t.clear(s.c, s.r2),
                        (s, v) -> List.of(cleared(s.r2)),
                        (s, v) -> List.of(destroyed(s.twin))),
                // REVOKED
                row("KEYCTL_REVOKE: REVOKED(key)",
                        s -> s.t.revoke(s.c, s.k),
                        (s, v) -> List.of(revoked(s.k))),
                row("KEYCTL_REVOKE of a keyring: REVOKED only; its links go silently",
                        s -> s.t.revoke(s.c, s.r),
                        (s, v) -> List.of(revoked(s.r))),
                row("KEYCTL_REVOKE of a keyring that alone held a key: REVOKED; the collector's next pass destroys"
                                + " that key (the keyring itself waits for the gc delay)",
                        s -> s.t.revoke(s.c, s.r2),
                        (s, v) -> List.of(revoked(s.r2)),
                        (s, v) -> List.of(destroyed(s.twin))),
                // INVALIDATED
                row("KEYCTL_INVALIDATE: INVALIDATED(key); the collector's next pass destroys the key",
                        s -> s.t.invalidate(s.c, s.m),
                        (s, v) -> List.of(invalidated(s.m)),
                        (s, v) -> List.of(destroyed(s.m))),
                row("KEYCTL_INVALIDATE of a key linked twice: INVALIDATED; the next pass drops both links silently"
                                + " and destroys it",
                        s -> s.t.invalidate(s.c, s.k),
                        (s, v) -> List.of(invalidated(s.k)),
                        (s, v) -> List.of(destroyed(s.k))),
                // SETATTR
                row("KEYCTL_SETPERM: SETATTR(key)",
                        s -> s.t.setPerm(s.c, s.k, 0x3f3f0000L),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_SETPERM to the same mask: SETATTR all the same",
                        s -> s.t.setPerm(s.c, s.k, KeyPerm.DEFAULT_KEY),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_CHOWN of the uid: SETATTR(key)",
                        s -> s.t.chown(s.c, s.k, 1000, -1),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_CHOWN of the gid: SETATTR(key)",
                        s -> s.t.chown(s.c, s.k, -1, 100),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_CHOWN to the uid it already has: SETATTR (the kernel posts unless both are -1)",
                        s -> s.t.chown(s.c, s.k, 0, 0),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_CHOWN with uid and gid both -1: 0 and no record",
                        s -> s.t.chown(s.c, s.k, -1, -1),
                        (s, v) -> List.of()),
                row("KEYCTL_SET_TIMEOUT: SETATTR(key)",
                        s -> s.t.setTimeout(s.c, s.k, 10),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_SET_TIMEOUT 0 (clear): SETATTR(key)",
                        s -> s.t.setTimeout(s.c, s.k, 0),
                        (s, v) -> List.of(setattr(s.k))),
                row("KEYCTL_RESTRICT_KEYRING: SETATTR(ring)",
                        s -> s.t.restrict(s.c, s.e, null, null),
                        (s, v) -> List.of(setattr(s.e))),
                // read-only calls post nothing
                row("KEYCTL_DESCRIBE posts nothing", s -> s.t.describe(s.c, s.k), (s, v) -> List.of()),
                row("KEYCTL_READ posts nothing", s -> s.t.read(s.c, s.r), (s, v) -> List.of()),
                row("KEYCTL_WATCH_KEY's checks post nothing", s -> s.t.checkWatch(s.c, s.k, 1), (s, v) -> List.of()));
    }

    private static Arguments row(String name, Op op, Expect expect) {
        return row(name, op, expect, NOTHING_COLLECTED);
    }

    private static Arguments row(String name, Op op, Expect expect, Expect collected) {
        return arguments(name, op, expect, collected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successfulOperations")
    void eachOperationPostsExactlyItsRecordsInOrder(String name, Op op, Expect expect, Expect collected) {
        Scene s = new Scene();
        KeyTable.Outcome o = op.run(s);
        int v = ok(o);
        assertThat(events(o)).as(name).containsExactlyElementsOf(expect.of(s, v));
        assertThat(events(s.t.advance(0))).as(name + ": the garbage collector's next pass")
                .containsExactlyElementsOf(collected.of(s, v));
    }

    static Stream<Arguments> failingOperations() {
        return Stream.of(
                arguments("second KEYCTL_REVOKE: EKEYREVOKED from the lookup, no second REVOKED",
                        (Op) s -> {
                            ok(s.t.revoke(s.c, s.k));
                            return s.t.revoke(s.c, s.k);
                        }, Errno.EKEYREVOKED),
                arguments("second KEYCTL_INVALIDATE: the key is gone (ENOKEY), no second INVALIDATED",
                        (Op) s -> {
                            ok(s.t.invalidate(s.c, s.k));
                            s.t.advance(0); // the collector's pass, not the second call, destroys the key
                            return s.t.invalidate(s.c, s.k);
                        }, Errno.ENOKEY),
                arguments("KEYCTL_MOVE with flag 1 onto a same type+description key: EEXIST",
                        (Op) s -> s.t.move(s.c, s.k, s.r, s.r2, 1), Errno.EEXIST),
                arguments("KEYCTL_MOVE of a key not in the source: ENOENT",
                        (Op) s -> s.t.move(s.c, s.m, s.r, s.e, 0), Errno.ENOENT),
                arguments("KEYCTL_UPDATE of a keyring: EOPNOTSUPP", (Op) s -> s.t.update(s.c, s.r, bytes("x")),
                        Errno.EOPNOTSUPP),
                arguments("KEYCTL_UNLINK of a key not linked: ENOENT", (Op) s -> s.t.unlink(s.c, s.m, s.r),
                        Errno.ENOENT),
                arguments("KEYCTL_LINK making a cycle: EDEADLK", (Op) s -> s.t.link(s.c, s.s, s.r), Errno.EDEADLK),
                arguments("KEYCTL_SETPERM with bits outside 0x3f3f3f3f: EINVAL",
                        (Op) s -> s.t.setPerm(s.c, s.k, 0x40000000L), Errno.EINVAL),
                arguments("KEYCTL_RESTRICT_KEYRING twice: EEXIST", (Op) s -> {
                    ok(s.t.restrict(s.c, s.e, null, null));
                    return s.t.restrict(s.c, s.e, null, null);
                }, Errno.EEXIST),
                arguments("KEYCTL_LINK into a restricted keyring: EPERM", (Op) s -> {
                    ok(s.t.restrict(s.c, s.e, null, null));
                    return s.t.link(s.c, s.m, s.e);
                }, Errno.EPERM),
                arguments("add_key with an empty payload: EINVAL",
                        (Op) s -> s.t.add(s.c, "user", "z", new byte[0], s.s), Errno.EINVAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingOperations")
    void aFailingOperationPostsNothing(String name, Op op, Errno expected) {
        Scene s = new Scene();
        KeyTable.Outcome o = op.run(s);
        assertThat(errno(o)).as(name).isEqualTo(expected);
        assertThat(events(o)).as(name).isEmpty();
    }

    // ------------------------------------------------------------------ state after the posts

    @Test
    void addKeyUpdatingReturnsTheSameSerialAndReplacesThePayloadInPlace() {
        Scene s = new Scene();
        int before = s.t.keyCount();
        KeyTable.Outcome o = s.t.add(s.c, "user", "k", bytes("v2"), s.s);
        assertAll(
                () -> assertThat(ok(o)).isEqualTo(s.k),
                () -> assertThat(s.t.keyCount()).isEqualTo(before),
                () -> assertThat(s.t.read(s.c, s.k).result().data()).isEqualTo(bytes("v2")),
                () -> assertThat(s.t.linksOf(s.s)).containsExactly(s.r, s.r2, s.e, s.k, s.m));
    }

    @Test
    void linkReplacingAKeyPutsTheNewKeyInTheOldOnesPlace() {
        Scene s = new Scene();
        ok(s.t.link(s.c, s.k, s.r2));
        assertThat(s.t.linksOf(s.r2)).containsExactly(s.k);
        assertThat(s.t.exists(s.twin)).as("unreferenced, waiting for the collector").isTrue();
        s.t.advance(0);
        assertThat(s.t.exists(s.twin)).isFalse();
        assertThat(errno(s.t.describe(s.c, s.twin))).isEqualTo(Errno.ENOKEY);
    }

    @Test
    void relinkingTheSameKeyKeepsOneLink() {
        Scene s = new Scene();
        ok(s.t.link(s.c, s.k, s.r));
        ok(s.t.link(s.c, s.k, s.r));
        assertThat(s.t.linksOf(s.r)).containsExactly(s.k);
    }

    @Test
    void moveTakesTheKeyOutOfTheSourceAndIntoTheDestination() {
        Scene s = new Scene();
        ok(s.t.move(s.c, s.m, s.s, s.e, 0));
        assertThat(s.t.linksOf(s.s)).doesNotContain(s.m);
        assertThat(s.t.linksOf(s.e)).containsExactly(s.m);
    }

    @Test
    void moveWithFlag1OntoASameDescriptionKeyChangesNothing() {
        Scene s = new Scene();
        assertThat(errno(s.t.move(s.c, s.k, s.r, s.r2, 1))).isEqualTo(Errno.EEXIST);
        assertThat(s.t.linksOf(s.r)).containsExactly(s.k);
        assertThat(s.t.linksOf(s.r2)).containsExactly(s.twin);
    }

    @Test
    void clearEmptiesTheKeyringButKeysLinkedElsewhereLive() {
        Scene s = new Scene();
        ok(s.t.clear(s.c, s.r));
        assertThat(s.t.linksOf(s.r)).isEmpty();
        assertThat(s.t.exists(s.k)).isTrue();
        assertThat(s.t.linksOf(s.s)).contains(s.k);
    }

    @Test
    void revokedKeyringIsEmptiedButStillExistsUntilCollected() {
        Scene s = new Scene();
        ok(s.t.revoke(s.c, s.r));
        assertThat(s.t.exists(s.r)).isTrue();
        assertThat(s.t.linksOf(s.r)).isEmpty();
        assertThat(s.t.exists(s.k)).as("k is still linked in S").isTrue();
    }

    @Test
    void restrictedKeyringRefusesAddKeyWithEperm() {
        Scene s = new Scene();
        ok(s.t.restrict(s.c, s.e, null, null));
        KeyTable.Outcome o = s.t.add(s.c, "user", "z", bytes("z"), s.e);
        assertThat(errno(o)).isEqualTo(Errno.EPERM);
        assertThat(events(o)).as("no key is created").isEmpty();
    }

    // ------------------------------------------------------------------ request_key construction

    @Test
    void requestWithInstantiateLinksAtAllocationThenInstantiates() {
        Scene s = new Scene();
        KeyTable.Outcome begin = s.t.requestBegin(s.c, "user", "req", s.e);
        int key = ok(begin);
        assertThat(events(begin)).containsExactly(new Created(key), linked(s.e, key));
        assertThat(s.t.isUnderConstruction(key)).isTrue();
        assertThat(s.t.linksOf(s.e)).containsExactly(key);

        KeyTable.Outcome done = s.t.construct(key, new KeyTable.Construction.Instantiate(bytes("payload")));
        assertThat(ok(done)).isEqualTo(key);
        assertThat(events(done)).containsExactly(instantiated(key));
        assertThat(s.t.isUnderConstruction(key)).isFalse();
        assertThat(s.t.read(s.c, key).result().data()).isEqualTo(bytes("payload"));
    }

    @Test
    void requestWithoutDestinationLinksIntoTheSessionKeyringWhenThereIsNoThreadOrProcessKeyring() {
        Scene s = new Scene();
        KeyTable.Outcome begin = s.t.requestBegin(s.c, "user", "req", 0);
        int key = ok(begin);
        assertThat(events(begin)).containsExactly(new Created(key), linked(s.s, key));
    }

    @Test
    void requestFindingAnExistingKeyLinksItIntoTheDestinationAndCreatesNothing() {
        Scene s = new Scene();
        KeyTable.Outcome o = s.t.requestBegin(s.c, "user", "m", s.e);
        assertThat(ok(o)).isEqualTo(s.m);
        assertThat(s.t.isUnderConstruction(s.m)).isFalse();
        assertThat(events(o)).containsExactly(linked(s.e, s.m));
    }

    @ParameterizedTest(name = "reject with {0}: INSTANTIATED(key, aux -{0}) and the call fails with it")
    @EnumSource(value = Errno.class, names = {"ENOKEY", "EKEYREJECTED", "EKEYREVOKED", "EKEYEXPIRED"})
    void requestWithRejectPostsANegativeInstantiationAndFails(Errno errno) {
        Scene s = new Scene();
        int key = ok(s.t.requestBegin(s.c, "user", "req", s.e));
        KeyTable.Outcome done = s.t.construct(key, new KeyTable.Construction.Reject(60, errno));
        assertThat(errno(done)).isEqualTo(errno);
        assertThat(events(done)).containsExactly(negative(key, errno));
        assertThat(s.t.isUnderConstruction(key)).isFalse();
        assertThat(errno(s.t.describe(s.c, key))).as("describe (a partial lookup) works on a negative key").isNull();
        assertThat(errno(s.t.read(s.c, key))).as("read gives the rejection errno").isEqualTo(errno);
    }

    @Test
    void negateIsEnokeyWhoseAuxIsTheU32_0xFFFFFF82() {
        Scene s = new Scene();
        int key = ok(s.t.requestBegin(s.c, "user", "req", s.e));
        KeyTable.Outcome done = s.t.construct(key, new KeyTable.Construction.Reject(60, Errno.ENOKEY));
        assertThat(errno(done)).isEqualTo(Errno.ENOKEY);
        int aux = KeyTableFixture.posts(done).get(0).aux();
        assertThat(aux).isEqualTo(-126);
        assertThat(Integer.toUnsignedLong(aux)).isEqualTo(0xFFFFFF82L);
    }

    @Test
    void addKeyOverANegativeKeyPostsUpdatedAndMakesItPositive() {
        Scene s = new Scene();
        int key = ok(s.t.requestBegin(s.c, "user", "req", s.e));
        s.t.construct(key, new KeyTable.Construction.Reject(60, Errno.ENOKEY));
        KeyTable.Outcome o = s.t.add(s.c, "user", "req", bytes("now"), s.e);
        assertThat(ok(o)).isEqualTo(key);
        assertThat(events(o)).containsExactly(updated(key));
        assertThat(s.t.read(s.c, key).result().data()).isEqualTo(bytes("now"));
    }

    @Test
    void constructingAKeyNotUnderConstructionIsEbusyAndPostsNothing() {
        Scene s = new Scene();
        KeyTable.Outcome o = s.t.construct(s.k, new KeyTable.Construction.Instantiate(bytes("x")));
        assertThat(errno(o)).isEqualTo(Errno.EBUSY);
        assertThat(events(o)).isEmpty();
    }
}
