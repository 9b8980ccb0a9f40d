package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.watchsim.sources.keys.KeyTableFixture.bytes;
import static io.watchsim.sources.keys.KeyTableFixture.errno;
import static io.watchsim.sources.keys.KeyTableFixture.events;
import static io.watchsim.sources.keys.KeyTableFixture.ok;
import static io.watchsim.sources.keys.KeyTableFixture.unlinked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The errnos of add_key and keyctl: argument checks, special and unknown ids, key states
 * (revoked, expired) and the data describe and read copy out.
 */
class KeyErrnoTest {
    private final KeyTableFixture fx = new KeyTableFixture();
    private final KeyTable t = fx.table;
    private final KeyCaller root = fx.root;

    private static final byte[] P = bytes("payload");

    // ------------------------------------------------------------------ add_key arguments

    /** Where add_key puts the key: the session keyring, or (for ENOTDIR) a user key. */
    enum Dest { SESSION, USER_KEY }

    static Stream<Arguments> addKeyArguments() {
        return Stream.of(
                arguments("empty type", "", "d", P, Dest.SESSION, Errno.EINVAL),
                arguments("type of 32 characters", "u".repeat(32), "d", P, Dest.SESSION, Errno.EINVAL),
                arguments("type of 31 characters (valid length, unknown)", "u".repeat(31), "d", P, Dest.SESSION,
                        Errno.ENODEV),
                arguments("type starting with '.'", ".user", "d", P, Dest.SESSION, Errno.EPERM),
                arguments("unknown type", "nosuchtype", "d", P, Dest.SESSION, Errno.ENODEV),
                arguments("keyring description starting with '.'", "keyring", ".ring", null, Dest.SESSION,
                        Errno.EPERM),
                arguments("user key with empty payload", "user", "d", new byte[0], Dest.SESSION, Errno.EINVAL),
                arguments("user key with no payload", "user", "d", null, Dest.SESSION, Errno.EINVAL),
                arguments("user key with a 32768-byte payload", "user", "d", new byte[32768], Dest.SESSION,
                        Errno.EINVAL),
                arguments("user key with an empty description", "user", "", P, Dest.SESSION, Errno.EINVAL),
                arguments("keyring with a payload", "keyring", "ring", P, Dest.SESSION, Errno.EINVAL),
                arguments("destination not a keyring", "user", "d", P, Dest.USER_KEY, Errno.ENOTDIR),
                arguments("logon description without ':'", "logon", "nocolon", P, Dest.SESSION, Errno.EINVAL),
                arguments("logon description starting with ':'", "logon", ":svc", P, Dest.SESSION, Errno.EINVAL));
    }

    @ParameterizedTest(name = "add_key, {0}: {5}")
    @MethodSource("addKeyArguments")
    void addKeyRefusesBadArguments(String name, String type, String desc, byte[] payload, Dest dest, Errno expected) {
        int ring = dest == Dest.SESSION ? fx.ses : fx.addUser("notaring", fx.ses);
        int before = t.keyCount();
        KeyTable.Outcome o = t.add(root, type, desc, payload, ring);
        assertThat(errno(o)).as(name).isEqualTo(expected);
        assertThat(events(o)).as("nothing is created or posted").isEmpty();
        assertThat(t.keyCount()).isEqualTo(before);
    }

    static Stream<Arguments> addKeyAccepts() {
        return Stream.of(
                arguments("user key with a 32767-byte payload", "user", "d", new byte[32767]),
                arguments("user key with a 1-byte payload", "user", "d", new byte[1]),
                arguments("logon key 'svc:x'", "logon", "svc:x", P),
                arguments("logon key 'svc:' (the colon need not be followed)", "logon", "svc:", P),
                arguments("keyring with no payload", "keyring", "ring", null),
                arguments("keyring with an empty payload", "keyring", "ring", new byte[0]),
                arguments("user key whose description starts with '.'", "user", ".dot", P));
    }

    @ParameterizedTest(name = "add_key accepts a {0}")
    @MethodSource("addKeyAccepts")
    void addKeyAcceptsValidArguments(String name, String type, String desc, byte[] payload) {
        int key = ok(t.add(root, type, desc, payload, fx.ses));
        assertThat(t.linksOf(fx.ses)).contains(key);
    }

    @Test
    void addKeyWithAnEmptyDescriptionIntoANonKeyringIsEnotdir() {
        int userKey = fx.addUser("notaring", fx.ses);
        assertThat(errno(t.add(root, "user", "", P, userKey))).isEqualTo(Errno.ENOTDIR);
    }

    // ------------------------------------------------------------------ ids

    static Stream<Arguments> badIds() {
        return Stream.of(
                arguments("@g (-6): group keyrings are not supported", KeyTable.GROUP, Errno.EINVAL),
                arguments("0", 0, Errno.EINVAL),
                arguments("-7 (@a) with no instantiation authority", -7, Errno.ENOKEY),
                arguments("-8 (requestor keyring) with no authority", -8, Errno.ENOKEY),
                arguments("-9: not a special id", -9, Errno.EINVAL),
                arguments("-100", -100, Errno.EINVAL),
                arguments("an unknown serial", 123_456_789, Errno.ENOKEY));
    }

    @ParameterizedTest(name = "id {0}: {2}")
    @MethodSource("badIds")
    void describeOfABadIdFails(String name, int id, Errno expected) {
        assertThat(t.exists(id)).isFalse();
        assertThat(errno(t.describe(root, id))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "id {0}: {2} from KEYCTL_UPDATE, LINK, SETPERM and CLEAR too")
    @MethodSource("badIds")
    void otherCallsGiveTheSameLookupErrno(String name, int id, Errno expected) {
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.update(root, id, P))).isEqualTo(expected);
        assertThat(errno(t.link(root, id, fx.ses))).isEqualTo(expected);
        assertThat(errno(t.link(root, k, id))).isEqualTo(expected);
        assertThat(errno(t.setPerm(root, id, 0))).isEqualTo(expected);
        assertThat(errno(t.clear(root, id))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "special id {0} names a keyring the process has")
    @ValueSource(ints = {KeyTable.THREAD, KeyTable.PROCESS, KeyTable.SESSION, KeyTable.USER, KeyTable.USER_SESSION})
    void specialKeyringIdsAreCreatedOnDemandByCallsThatCreate(int id) {
        int serial = ok(t.keyringId(root, id, true));
        assertThat(t.exists(serial)).isTrue();
        assertThat(t.specialSerial(root.pid(), root.creds().uid(), id)).isEqualTo(serial);
        int k = ok(t.add(root, "user", "in-special", P, id));
        assertThat(t.linksOf(serial)).contains(k);
    }

    @ParameterizedTest(name = "special id {0} that the process lacks: ENOKEY without create")
    @ValueSource(ints = {KeyTable.THREAD, KeyTable.PROCESS})
    void missingThreadOrProcessKeyringIsEnokeyWithoutCreate(int id) {
        assertThat(errno(t.keyringId(root, id, false))).isEqualTo(Errno.ENOKEY);
        assertThat(errno(t.describe(root, id))).isEqualTo(Errno.ENOKEY);
    }

    // ------------------------------------------------------------------ keyctl argument errors

    @Test
    void updateOfAKeyringIsEopnotsupp() {
        int r = fx.addKeyring("r", fx.ses);
        assertThat(errno(t.update(root, r, P))).isEqualTo(Errno.EOPNOTSUPP);
        assertThat(errno(t.update(root, KeyTable.SESSION, P))).isEqualTo(Errno.EOPNOTSUPP);
    }

    @ParameterizedTest(name = "KEYCTL_UPDATE of a user key with a payload of {0} bytes: EINVAL")
    @ValueSource(ints = {0, 4097})
    void updateWithABadPayloadIsEinval(int length) {
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.update(root, k, new byte[length]))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void unlinkOfAKeyNotLinkedIsEnoent() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.unlink(root, k, r))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void unlinkFromAKeyThatIsNotAKeyringIsEnotdir() {
        int k = fx.addUser("k", fx.ses);
        int m = fx.addUser("m", fx.ses);
        assertThat(errno(t.unlink(root, m, k))).isEqualTo(Errno.ENOTDIR);
    }

    @Test
    void clearOfAKeyThatIsNotAKeyringIsEnotdir() {
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.clear(root, k))).isEqualTo(Errno.ENOTDIR);
    }

    @Test
    void linkIntoAKeyThatIsNotAKeyringIsEnotdir() {
        int k = fx.addUser("k", fx.ses);
        int m = fx.addUser("m", fx.ses);
        assertThat(errno(t.link(root, m, k))).isEqualTo(Errno.ENOTDIR);
    }

    @Test
    void linkingAKeyringIntoItselfIsEdeadlk() {
        int r = fx.addKeyring("r", fx.ses);
        assertThat(errno(t.link(root, r, r))).isEqualTo(Errno.EDEADLK);
        assertThat(errno(t.link(root, KeyTable.SESSION, KeyTable.SESSION))).isEqualTo(Errno.EDEADLK);
    }

    @Test
    void linkingAKeyringUnderOneItReachesIsEdeadlk() {
        int a = fx.addKeyring("a", fx.ses);
        int b = fx.addKeyring("b", a);
        int c = fx.addKeyring("c", b);
        assertThat(errno(t.link(root, a, c))).as("a -> b -> c -> a").isEqualTo(Errno.EDEADLK);
        assertThat(errno(t.link(root, fx.ses, b))).as("S -> a -> b -> S").isEqualTo(Errno.EDEADLK);
        assertThat(errno(t.move(root, a, fx.ses, c, 0))).as("a move checks cycles too").isEqualTo(Errno.EDEADLK);
        assertThat(t.linksOf(fx.ses)).as("the failed move left a in S").contains(a);
    }

    @Test
    void linkingAKeyringAlreadyReachableButNotCyclicIsFine() {
        int a = fx.addKeyring("a", fx.ses);
        int b = fx.addKeyring("b", a);
        ok(t.link(root, b, fx.ses));
        assertThat(t.linksOf(fx.ses)).contains(a, b);
    }

    @ParameterizedTest(name = "KEYCTL_SETPERM 0x{0}: EINVAL")
    @ValueSource(longs = {0x40000000L, 0x00400000L, 0x00004000L, 0x00000040L, 0xC0C0C0C0L, 0xFFFFFFFFL})
    void setPermWithBitsOutsideTheMaskIsEinval(long perm) {
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.setPerm(root, k, perm))).isEqualTo(Errno.EINVAL);
        assertThat(fx.describe(root, k)).contains(";3f010000;");
    }

    @ParameterizedTest(name = "KEYCTL_SETPERM 0x{0} is accepted")
    @ValueSource(longs = {0x3f3f3f3fL, 0L, 0x01000000L})
    void setPermWithinTheMaskIsAccepted(long perm) {
        int k = fx.addUser("k", fx.ses);
        ok(t.setPerm(root, k, perm));
    }

    @Test
    void moveWithUnknownFlagsIsEinval() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.move(root, k, fx.ses, r, 2))).isEqualTo(Errno.EINVAL);
    }

    @ParameterizedTest(name = "KEYCTL_WATCH_KEY tag {0}: EINVAL")
    @ValueSource(longs = {-2, 256, Integer.MAX_VALUE})
    void watchTagOutOfRangeIsEinval(long tag) {
        int k = fx.addUser("k", fx.ses);
        assertThat(errno(t.checkWatch(root, k, tag))).isEqualTo(Errno.EINVAL);
    }

    @ParameterizedTest(name = "KEYCTL_WATCH_KEY tag {0} passes the checks and names the key")
    @ValueSource(longs = {-1, 0, 255})
    void watchTagInRangeReturnsTheSerial(long tag) {
        int k = fx.addUser("k", fx.ses);
        assertThat(ok(t.checkWatch(root, k, tag))).isEqualTo(k);
        assertThat(ok(t.checkWatch(root, KeyTable.SESSION, tag))).isEqualTo(fx.ses);
    }

    // ------------------------------------------------------------------ revoked keys

    /** An operation on key {@code k} (with the session keyring S and a spare keyring r). */
    interface KeyCall extends BiFunction<KeyErrnoTest, Integer, KeyTable.Outcome> {
    }

    static Stream<Arguments> operationsOnADeadKey() {
        return Stream.of(
                arguments("KEYCTL_UPDATE", (KeyCall) (x, k) -> x.t.update(x.root, k, P)),
                arguments("KEYCTL_LINK", (KeyCall) (x, k) -> x.t.link(x.root, k, x.spare())),
                arguments("KEYCTL_DESCRIBE", (KeyCall) (x, k) -> x.t.describe(x.root, k)),
                arguments("KEYCTL_SETPERM", (KeyCall) (x, k) -> x.t.setPerm(x.root, k, 0x3f3f0000L)),
                arguments("KEYCTL_CHOWN", (KeyCall) (x, k) -> x.t.chown(x.root, k, 1000, -1)),
                arguments("KEYCTL_SET_TIMEOUT", (KeyCall) (x, k) -> x.t.setTimeout(x.root, k, 5)),
                arguments("KEYCTL_READ", (KeyCall) (x, k) -> x.t.read(x.root, k)),
                arguments("KEYCTL_INVALIDATE", (KeyCall) (x, k) -> x.t.invalidate(x.root, k)),
                arguments("KEYCTL_REVOKE", (KeyCall) (x, k) -> x.t.revoke(x.root, k)),
                arguments("KEYCTL_MOVE", (KeyCall) (x, k) -> x.t.move(x.root, k, x.fx.ses, x.spare(), 0)),
                arguments("KEYCTL_WATCH_KEY", (KeyCall) (x, k) -> x.t.checkWatch(x.root, k, 0)));
    }

    private int spare;

    private int spare() {
        if (spare == 0) {
            spare = fx.addKeyring("spare", fx.ses);
        }
        return spare;
    }

    @ParameterizedTest(name = "{0} on a revoked key: EKEYREVOKED")
    @MethodSource("operationsOnADeadKey")
    void operationsOnARevokedKeyAreEkeyrevoked(String name, KeyCall call) {
        spare();
        int k = fx.addUser("k", fx.ses);
        ok(t.revoke(root, k));
        KeyTable.Outcome o = call.apply(this, k);
        assertThat(errno(o)).as(name).isEqualTo(Errno.EKEYREVOKED);
        assertThat(events(o)).isEmpty();
    }

    @Test
    void unlinkOfARevokedKeyStillWorks() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.link(root, k, r));
        ok(t.revoke(root, k));
        KeyTable.Outcome o = t.unlink(root, k, r);
        ok(o);
        assertThat(events(o)).containsExactly(unlinked(r, k));
    }

    @Test
    void revokedKeyringCannotBeLinkedIntoOrAddedTo() {
        int r = fx.addKeyring("r", fx.ses);
        int k = fx.addUser("k", fx.ses);
        ok(t.revoke(root, r));
        assertThat(errno(t.link(root, k, r))).isEqualTo(Errno.EKEYREVOKED);
        assertThat(errno(t.add(root, "user", "x", P, r))).isEqualTo(Errno.EKEYREVOKED);
        assertThat(errno(t.clear(root, r))).isEqualTo(Errno.EKEYREVOKED);
    }

    // ------------------------------------------------------------------ expired keys

    @ParameterizedTest(name = "{0} on an expired key: EKEYEXPIRED")
    @MethodSource("operationsOnADeadKey")
    void operationsOnAnExpiredKeyAreEkeyexpired(String name, KeyCall call) {
        spare();
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        t.advance(10_000);
        KeyTable.Outcome o = call.apply(this, k);
        assertThat(errno(o)).as(name).isEqualTo(Errno.EKEYEXPIRED);
        assertThat(events(o)).isEmpty();
    }

    @ParameterizedTest(name = "{0} on a key 1 ms before it expires works")
    @MethodSource("operationsOnADeadKey")
    void operationsJustBeforeExpiryWork(String name, KeyCall call) {
        spare();
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        t.advance(9_999);
        ok(call.apply(this, k));
    }

    @Test
    void unlinkOfAnExpiredKeyStillWorks() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        t.advance(10_000);
        KeyTable.Outcome o = t.unlink(root, k, fx.ses);
        ok(o);
        assertThat(events(o)).startsWith(unlinked(fx.ses, k));
    }

    @Test
    void setTimeoutZeroClearsAnEarlierTimeout() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        ok(t.setTimeout(root, k, 0));
        t.advance(1_000_000);
        ok(t.describe(root, k));
    }

    @Test
    void addKeyUpdatingAKeyClearsItsTimeout() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        assertThat(ok(t.add(root, "user", "k", bytes("v2"), fx.ses))).isEqualTo(k);
        t.advance(10_000);
        ok(t.describe(root, k));
    }

    @Test
    void keyctlUpdateClearsTheTimeout() {
        int k = fx.addUser("k", fx.ses);
        ok(t.setTimeout(root, k, 10));
        ok(t.update(root, k, bytes("v2")));
        t.advance(10_000);
        assertThat(errno(t.describe(root, k))).isNull();
    }

    // ------------------------------------------------------------------ describe and read

    @Test
    void describeGivesTypeUidGidPermDescriptionAndCountsTheNul() {
        int k = fx.addUser("k", fx.ses);
        KeyTable.Outcome o = t.describe(root, k);
        String text = new String(o.result().data(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("user;0;0;3f010000;k");
        assertThat(o.result().value()).isEqualTo(text.length() + 1);
    }

    /** Makes a key for a describe row and returns its serial. */
    interface Make {
        int make(KeyErrnoTest x);
    }

    static Stream<Arguments> describedKeys() {
        return Stream.of(
                arguments("user key", (Make) x -> ok(x.t.add(x.root, "user", "desc", P, x.fx.ses)),
                        "user;0;0;3f010000;desc"),
                arguments("logon key", (Make) x -> ok(x.t.add(x.root, "logon", "svc:name", P, x.fx.ses)),
                        "logon;0;0;3d010000;svc:name"),
                arguments("keyring", (Make) x -> ok(x.t.add(x.root, "keyring", "ring", null, x.fx.ses)),
                        "keyring;0;0;3f010000;ring"),
                arguments("anonymous session keyring", (Make) x -> x.fx.ses, "keyring;0;0;3f030000;_ses"),
                arguments("user keyring (gid INVALID_GID shows as 65534)",
                        (Make) x -> ok(x.t.keyringId(x.root, KeyTable.USER, true)), "keyring;0;65534;1f3f0000;_uid.0"),
                arguments("user session keyring",
                        (Make) x -> ok(x.t.keyringId(x.root, KeyTable.USER_SESSION, true)),
                        "keyring;0;65534;1f3f0000;_uid_ses.0"),
                arguments("key chowned to 1000:100", (Make) x -> {
                    int key = x.fx.addUser("c", x.fx.ses);
                    ok(x.t.chown(x.root, key, 1000, 100));
                    return key;
                }, "user;1000;100;3f010000;c"),
                arguments("key after setperm 0x3f3f0b01", (Make) x -> {
                    int key = x.fx.addUser("p", x.fx.ses);
                    ok(x.t.setPerm(x.root, key, 0x3f3f0b01L));
                    return key;
                }, "user;0;0;3f3f0b01;p"));
    }

    @ParameterizedTest(name = "describe of a {0}: {2}")
    @MethodSource("describedKeys")
    void describeText(String name, Make make, String expected) {
        int key = make.make(this);
        KeyTable.Outcome o = t.describe(root, key);
        assertThat(new String(o.result().data(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(o.result().value()).isEqualTo(expected.length() + 1L);
    }

    @Test
    void describeOfAnotherUsersOwnKey() {
        KeyCaller user = KeyTableFixture.caller(200, io.watchsim.policies.Credentials.user(1000, 1000));
        fx.join(user);
        int k = fx.addUser(user, "mine", "x", KeyTable.SESSION);
        assertThat(fx.describe(user, k)).isEqualTo("user;1000;1000;3f010000;mine");
    }

    @Test
    void readReturnsThePayload() {
        int k = fx.addUser(root, "k", "secret value", fx.ses);
        KeyTable.Outcome o = t.read(root, k);
        assertThat(o.result().data()).isEqualTo(bytes("secret value"));
        assertThat(o.result().value()).isEqualTo("secret value".length());
    }

    @Test
    void readOfALogonKeyIsEopnotsupp() {
        int k = ok(t.add(root, "logon", "svc:x", P, fx.ses));
        assertThat(errno(t.read(root, k))).isEqualTo(Errno.EOPNOTSUPP);
    }

    @Test
    void readOfAKeyringGivesItsSerialsAsLittleEndianInts() {
        int r = fx.addKeyring("r", fx.ses);
        int a = fx.addUser("a", r);
        int b = fx.addKeyring("b", r);
        int c = fx.addUser("c", r);
        KeyTable.Outcome o = t.read(root, r);
        ByteBuffer expected = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(a).putInt(b).putInt(c);
        assertThat(o.result().data()).isEqualTo(expected.array());
        assertThat(o.result().value()).isEqualTo(12);
    }

    @Test
    void readOfAnEmptyKeyringGivesNothing() {
        int r = fx.addKeyring("r", fx.ses);
        KeyTable.Outcome o = t.read(root, r);
        ok(o);
        assertThat(o.result().data()).isEmpty();
        assertThat(o.result().value()).isZero();
    }

    @Test
    void readOfAnUnknownKeyIsEnokeyWhateverTheLookupError() {
        assertThat(errno(t.read(root, 123_456_789))).isEqualTo(Errno.ENOKEY);
        assertThat(errno(t.read(root, 0))).as("lookup's EINVAL becomes ENOKEY").isEqualTo(Errno.ENOKEY);
    }
}
