package io.watchsim.sources.keys;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static io.watchsim.sources.keys.KeyTableFixture.caller;
import static io.watchsim.sources.keys.KeyTableFixture.errno;
import static io.watchsim.sources.keys.KeyTableFixture.events;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static io.watchsim.sources.keys.KeyTableFixture.setattr;
import static io.watchsim.sources.keys.KeyTableFixture.unlinked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * key_task_permission(): the owner's byte for the owner, the group byte for members of the key's
 * group when the group byte is not empty, else the other byte; the possessor byte added when the
 * key is reachable from the process's keyrings through keyrings (and a key) that grant search.
 * Then the ownership and CAP_SYS_ADMIN rules of setperm and chown.
 */
class KeyPermissionTest {
    private final KeyTableFixture fx = new KeyTableFixture();
    private final KeyTable t = fx.table;
    private final KeyCaller root = fx.root;

    /** Root's own process, as uid 1000 (a setuid-like change of credentials): same keyrings, so same possession. */
    private KeyCaller rootProcessAs(Credentials creds) {
        return caller(KeyTableFixture.ROOT_PID, creds);
    }

    /** Another process with its own session keyring. */
    private KeyCaller otherProcess(long pid, Credentials creds) {
        KeyCaller c = caller(pid, creds);
        fx.join(c);
        return c;
    }

    // ------------------------------------------------------------------ defaults

    static Stream<Arguments> defaultPerms() {
        return Stream.of(
                arguments("user", "u", bytes("x"), "3f010000"),
                arguments("logon", "svc:u", bytes("x"), "3d010000"),
                arguments("keyring", "ring", null, "3f010000"));
    }

    @ParameterizedTest(name = "a new {0} key gets 0x{3}")
    @MethodSource("defaultPerms")
    void defaultPermissions(String type, String desc, byte[] payload, String perm) {
        int k = ok(t.add(root, type, desc, payload, fx.ses));
        assertThat(fx.describe(root, k)).isEqualTo(type + ";0;0;" + perm + ";" + desc);
    }

    @Test
    void defaultPermConstantsMatchTheKernel() {
        assertThat(KeyType.USER.defaultPerm()).isEqualTo(0x3f010000);
        assertThat(KeyType.KEYRING.defaultPerm()).isEqualTo(0x3f010000);
        assertThat(KeyType.LOGON.defaultPerm()).isEqualTo(0x3d010000);
    }

    @Test
    void aRequestedKeyGetsTheDefaultPermissionsToo() {
        int k = ok(t.requestBegin(root, "user", "req", fx.ses));
        ok(t.construct(k, new KeyTable.Construction.Instantiate(bytes("x"))));
        assertThat(fx.describe(root, k)).isEqualTo("user;0;0;3f010000;req");
    }

    // ------------------------------------------------------------------ possession

    @Test
    void aKeyInTheSessionKeyringIsPossessedSoItsOwnerCanDoEverything() {
        int k = fx.addUser("k", fx.ses);
        ok(t.read(root, k));
        ok(t.update(root, k, bytes("v2")));
        ok(t.setPerm(root, k, KeyPerm.DEFAULT_KEY));
        ok(t.describe(root, k));
    }

    /** (a) A non-root process, its own pid and session, and a root key it does not possess. */
    @Test
    void anotherUsersProcessCannotReadOrSeeARootKeyItDoesNotPossess() {
        int k = fx.addUser("k", fx.ses);
        KeyCaller user = otherProcess(200, Credentials.user(1000, 1000));
        assertThat(errno(t.read(user, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.describe(user, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.update(user, k, bytes("x")))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.link(user, k, KeyTable.SESSION))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.revoke(user, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.invalidate(user, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.checkWatch(user, k, 0))).as("watching needs VIEW").isEqualTo(Errno.EACCES);
    }

    @Test
    void theOtherByteLetsAnotherUserIn() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, 0x3f010003L)); // other: view, read
        KeyCaller user = otherProcess(200, Credentials.user(1000, 1000));
        assertThat(t.read(user, k).result().data()).isEqualTo(bytes("payload-k"));
        ok(t.describe(user, k));
        assertThat(errno(t.update(user, k, bytes("x")))).isEqualTo(Errno.EACCES);
    }

    @Test
    void rootIsNotSpecialForKeyPermissions() {
        KeyCaller user = otherProcess(200, Credentials.user(1000, 1000));
        int k = fx.addUser(user, "mine", "x", KeyTable.SESSION);
        assertThat(errno(t.read(root, k))).as("root does not possess uid 1000's key").isEqualTo(Errno.EACCES);
        assertThat(errno(t.describe(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.setPerm(root, k, 0x3f3f3f3fL))).as("CAP_SYS_ADMIN does not bypass the SETATTR check")
                .isEqualTo(Errno.EACCES);
    }

    @Test
    void aRootKeyNotPossessedGivesRootOnlyTheUserByte() {
        // k is only in root's user keyring (@u), which the session keyring does not link
        int k = fx.addUser("k", KeyTable.USER);
        assertThat(fx.describe(root, k)).as("user byte: view").startsWith("user;0;0;3f010000");
        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.update(root, k, bytes("x")))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.link(root, k, KeyTable.SESSION))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.setPerm(root, k, 0x3f3f0000L))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.invalidate(root, k))).isEqualTo(Errno.EACCES);
    }

    @Test
    void unlinkingAKeyFromTheSessionKeyringWhileItStaysInAnUnpossessedKeyringLosesPossession() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        ok(t.link(root, r, KeyTable.USER));
        ok(t.unlink(root, r, fx.ses));
        ok(t.read(root, k)); // still possessed straight from S

        KeyTable.Outcome o = t.unlink(root, k, fx.ses);
        assertThat(events(o)).as("k lives on in r").containsExactly(unlinked(fx.ses, k));

        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EACCES);
        assertThat(fx.describe(root, k)).startsWith("user;0;0;");
        assertThat(errno(t.update(root, k, bytes("x")))).isEqualTo(Errno.EACCES);
    }

    @Test
    void aKeyInANestedKeyringThatGrantsSearchIsPossessed() {
        int a = fx.addKeyring("a", fx.ses);
        int b = fx.addKeyring("b", a);
        int k = fx.addUser("k", b);
        ok(t.read(root, k));
        ok(t.update(root, k, bytes("v2")));
    }

    @Test
    void aKeyringThatDeniesSearchHidesWhatItHolds() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", r);
        ok(t.setPerm(root, r, 0x37010000L)); // possessor: everything but search
        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EACCES);
        ok(t.describe(root, k)); // the user byte still gives view
    }

    @Test
    void aKeyThatDeniesSearchIsNotPossessed() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, 0x37010000L)); // possessor: everything but search
        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.update(root, k, bytes("x")))).isEqualTo(Errno.EACCES);
        ok(t.describe(root, k));
    }

    @Test
    void aPossessedKeyIsReadableWithoutTheReadBit() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, 0x08000000L)); // possessor search only: possessed, nothing else
        assertThat(t.read(root, k).result().data()).isEqualTo(bytes("payload-k"));
        assertThat(errno(t.describe(root, k))).isEqualTo(Errno.EACCES);
    }

    @Test
    void anotherProcessOfTheSameUserDoesNotPossessKeysOfThisSession() {
        KeyCaller sibling = otherProcess(101, Credentials.root());
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.read(sibling, k))).isEqualTo(Errno.EACCES);
        ok(t.describe(sibling, k)); // the owner's byte: view
        assertThat(errno(t.link(sibling, k, KeyTable.SESSION))).as("no link bit without possession")
                .isEqualTo(Errno.EACCES);
    }

    @Test
    void aProcessWithoutASessionKeyringSearchesTheUserSessionKeyring() {
        KeyCaller fresh = caller(300, Credentials.root());
        int k = fx.addUser("k", KeyTable.USER); // @u, which @us links
        assertThat(errno(t.read(root, k))).as("root's process has a session keyring, not linking @u")
                .isEqualTo(Errno.EACCES);
        ok(t.read(fresh, k));
    }

    @Test
    void theSessionKeyringBySerialIsNotPossessedWhenItDeniesPossessorSearch() {
        ok(t.setPerm(root, KeyTable.SESSION, 0x37030000L)); // possessor: all but search; user: view, read
        // by its special id it is possessed; by serial, only the user byte (view, read) applies
        assertThat(errno(t.setPerm(root, fx.ses, 0x3f030000L))).isEqualTo(Errno.EACCES);
    }

    // ------------------------------------------------------------------ perm 0

    /** (c) setperm 0: even the possessing owner is refused. */
    @Test
    void afterSetperm0TheOwnerCanDoNothingButUnlink() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, 0));
        assertThat(errno(t.describe(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.update(root, k, bytes("x")))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.setPerm(root, k, KeyPerm.DEFAULT_KEY))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.chown(root, k, 0, 0))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.setTimeout(root, k, 5))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.revoke(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.invalidate(root, k))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.link(root, k, fx.addKeyring("r", fx.ses)))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.checkWatch(root, k, 0))).isEqualTo(Errno.EACCES);
        // unlink needs only write on the keyring
        ok(t.unlink(root, k, fx.ses));
    }

    // ------------------------------------------------------------------ which byte applies

    /**
     * A key of root's (uid 0, gid 100 after chown) in root's session keyring, given {@code perm},
     * then checked by a caller in another process (so nothing is possessed).
     */
    static Stream<Arguments> byteRows() {
        Credentials member = Credentials.user(1000, 100);
        Credentials supplementary = Credentials.user(1000, 1000).withGroups(Set.of(100));
        Credentials stranger = Credentials.user(1000, 1000);
        Credentials rootCreds = Credentials.root();
        return Stream.of(
                // (d) group bits for members of the key's gid
                arguments("group view+read, primary-group member", 0x00000300, member, true, true),
                arguments("group view+read, supplementary member", 0x00000300, supplementary, true, true),
                arguments("group view+read, non-member", 0x00000300, stranger, false, false),
                arguments("group view only, other view+read: member gets the group byte only", 0x00000103, member,
                        true, false),
                arguments("group view only, other view+read: non-member gets the other byte", 0x00000103, stranger,
                        true, true),
                arguments("no group bits: a member falls back to the other byte", 0x00000003, member, true, true),
                arguments("no group bits, no other bits: member gets nothing", 0x3f3f0000, member, false, false),
                // owner
                arguments("owner byte only, not possessed: owner view+read", 0x00030000, rootCreds, true, true),
                arguments("the owner uses the user byte even if other grants more", 0x00000003, rootCreds, false,
                        false),
                arguments("the owner uses the user byte even if group grants more (owner in group)", 0x00000300,
                        rootCreds.withGroups(Set.of(100)), false, false),
                arguments("possessor byte alone gives a non-possessor nothing", 0x3f000000, stranger, false, false),
                arguments("other view only: describe yes, read no", 0x00000001, stranger, true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("byteRows")
    void theRightPermissionByteApplies(String name, int perm, Credentials creds, boolean canView, boolean canRead) {
        int k = fx.addUser("k", fx.ses);
        ok(t.chown(root, k, -1, 100));
        ok(t.setPerm(root, k, perm));
        KeyCaller other = otherProcess(200, creds);
        assertThat(errno(t.describe(other, k))).as("describe").isEqualTo(canView ? null : Errno.EACCES);
        assertThat(errno(t.read(other, k))).as("read").isEqualTo(canRead ? null : Errno.EACCES);
    }

    // ------------------------------------------------------------------ ownership rules

    /** (b) setperm: the key's owner or CAP_SYS_ADMIN; SETATTR permission alone is not enough. */
    @Test
    void setpermByANonOwnerWithoutCapSysAdminIsEaccesEvenWithSetattr() {
        int k = fx.addUser("k", fx.ses); // owned by uid 0, possessed by the root process
        KeyCaller asUser = rootProcessAs(Credentials.user(1000, 1000));
        ok(t.describe(asUser, k)); // possessed: the possessor byte applies
        KeyTable.Outcome o = t.setPerm(asUser, k, 0x3f3f0000L);
        assertThat(errno(o)).isEqualTo(Errno.EACCES);
        assertThat(events(o)).isEmpty();
        assertThat(fx.describe(root, k)).contains(";3f010000;");
    }

    @Test
    void setpermByANonOwnerWithCapSysAdminWorks() {
        int k = fx.addUser("k", fx.ses);
        KeyCaller admin = rootProcessAs(Credentials.user(1000, 1000).with(Capability.CAP_SYS_ADMIN));
        KeyTable.Outcome o = t.setPerm(admin, k, 0x3f3f0000L);
        ok(o);
        assertThat(events(o)).containsExactly(setattr(k));
    }

    @Test
    void setpermByTheOwnerWithoutCapabilitiesWorks() {
        int k = fx.addUser("k", fx.ses);
        KeyCaller owner = rootProcessAs(Credentials.root().without(Capability.CAP_SYS_ADMIN));
        ok(t.setPerm(owner, k, 0x3f3f0000L));
    }

    static Stream<Arguments> chownRows() {
        Credentials user = Credentials.user(1000, 1000);
        Credentials rootNoAdmin = Credentials.root().without(Capability.CAP_SYS_ADMIN);
        return Stream.of(
                arguments("non-owner to its own uid, no CAP_SYS_ADMIN", user, 1000L, -1L, Errno.EACCES),
                arguments("non-owner to the uid the key has, no CAP_SYS_ADMIN", user, 0L, -1L, null),
                arguments("non-owner to a group it is in", user, -1L, 1000L, null),
                arguments("non-owner to a group it is not in", user, -1L, 2000L, Errno.EACCES),
                arguments("non-owner to a supplementary group", user.withGroups(Set.of(3000)), -1L, 3000L, null),
                arguments("non-owner to the gid the key has", user, -1L, 0L, null),
                arguments("non-owner with CAP_SYS_ADMIN to another uid", user.with(Capability.CAP_SYS_ADMIN), 2000L,
                        2000L, null),
                arguments("owner without CAP_SYS_ADMIN giving the key away", rootNoAdmin, 1000L, -1L, Errno.EACCES),
                arguments("owner without CAP_SYS_ADMIN to a group it is not in", rootNoAdmin, -1L, 2000L,
                        Errno.EACCES),
                arguments("owner with CAP_SYS_ADMIN giving the key away", Credentials.root(), 1000L, 1000L, null),
                arguments("owner with CAP_SYS_ADMIN to uid 4294967294 (the largest valid id)", Credentials.root(),
                        0xFFFF_FFFEL, -1L, null));
    }

    /** (b) chown: changing the owner, or to a group one is not in, needs CAP_SYS_ADMIN. */
    @ParameterizedTest(name = "chown, {0}: {4}")
    @MethodSource("chownRows")
    void chownRules(String name, Credentials creds, long uid, long gid, Errno expected) {
        int k = fx.addUser("k", fx.ses); // owned by 0:0, possessed by the root process
        KeyTable.Outcome o = t.chown(rootProcessAs(creds), k, uid, gid);
        assertThat(errno(o)).isEqualTo(expected);
        if (expected == null) {
            assertThat(events(o)).containsExactly(setattr(k));
            String[] fields = fx.describe(root, k).split(";");
            assertThat(fields[1]).isEqualTo(String.valueOf(uid == -1 ? 0 : uid));
            assertThat(fields[2]).isEqualTo(String.valueOf(gid == -1 ? 0 : gid));
        } else {
            assertThat(events(o)).isEmpty();
            assertThat(fx.describe(root, k)).startsWith("user;0;0;");
        }
    }

    @Test
    void chownGivingAKeyAwayMakesTheNewOwnerUseTheUserByte() {
        int k = fx.addUser("k", fx.ses);
        ok(t.chown(root, k, 1000, -1));
        ok(t.setPerm(root, k, 0x00030000L)); // user byte: view, read; nothing else (root: CAP_SYS_ADMIN)
        assertThat(errno(t.read(root, k))).as("root is no longer the owner").isEqualTo(Errno.EACCES);
        KeyCaller user = otherProcess(200, Credentials.user(1000, 1000));
        ok(t.read(user, k));
    }

    // ------------------------------------------------------------------ other needs

    @Test
    void revokeNeedsWriteOrSetattr() {
        int a = fx.addUser("a", fx.ses);
        int b = fx.addUser("b", fx.ses);
        int c = fx.addUser("c", fx.ses);
        ok(t.setPerm(root, a, 0x0c000000L)); // possessor: write + search
        ok(t.setPerm(root, b, 0x28000000L)); // possessor: setattr + search
        ok(t.setPerm(root, c, 0x0b000000L)); // possessor: view, read, search
        ok(t.revoke(root, a));
        ok(t.revoke(root, b));
        assertThat(errno(t.revoke(root, c))).isEqualTo(Errno.EACCES);
    }

    @Test
    void invalidateNeedsSearch() {
        int a = fx.addUser("a", fx.ses);
        ok(t.setPerm(root, a, 0x37010000L)); // everything but search
        assertThat(errno(t.invalidate(root, a))).isEqualTo(Errno.EACCES);
    }

    @Test
    void linkNeedsLinkOnTheKeyAndWriteOnTheKeyring() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, 0x2f010000L)); // possessor: all but link
        assertThat(errno(t.link(root, k, r))).isEqualTo(Errno.EACCES);
        ok(t.setPerm(root, k, KeyPerm.DEFAULT_KEY));
        ok(t.setPerm(root, r, 0x3b010000L)); // possessor: all but write
        assertThat(errno(t.link(root, k, r))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.add(root, "user", "x", bytes("x"), r))).isEqualTo(Errno.EACCES);
        assertThat(errno(t.unlink(root, k, fx.ses))).as("control: S grants write").isNull();
    }

    @Test
    void addKeyUpdatingAKeyNeedsWriteOnThatKey() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, 0x3b010000L)); // possessor: all but write
        KeyTable.Outcome o = t.add(root, "user", "k", bytes("v2"), fx.ses);
        assertThat(errno(o)).isEqualTo(Errno.EACCES);
        assertThat(events(o)).isEmpty();
    }
}
