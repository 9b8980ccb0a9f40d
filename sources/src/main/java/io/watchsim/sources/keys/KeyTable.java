package io.watchsim.sources.keys;

import io.watchsim.actors.ObjectEvent;
import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.sources.KeySerialAllocator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The key subsystem of one simulated kernel as a plain single-owner model: every key and keyring,
 * the keyrings of each process and user, the permission checks and errnos of
 * {@code security/keys}, the notifications each operation posts (spec 4.1) and garbage collection
 * on simulated time. The {@code KeyService} actor owns one and carries out the {@link KeyStep}s
 * each call returns (creating key actors, posting records, destroying keys).
 *
 * <p>Concurrency contract: single owner, not thread-safe. Keyring operations that span several
 * keys (possession, cycles, moves) are decided here atomically, as the kernel decides them under
 * its key and keyring locks.
 */
public final class KeyTable {
    /** Special keyring ids. */
    public static final int THREAD = -1;
    public static final int PROCESS = -2;
    public static final int SESSION = -3;
    public static final int USER = -4;
    public static final int USER_SESSION = -5;
    public static final int GROUP = -6;

    /** /proc/sys/kernel/keys/gc_delay default: 300 s. */
    public static final long DEFAULT_GC_DELAY_MS = 300_000;
    static final int MAX_DEPTH = 6;
    private static final int MAX_PAYLOAD = 1024 * 1024 - 1;
    private static final int MAX_USER_PAYLOAD = 32767;
    private static final int MAX_DESCRIPTION = 4095;
    /** from_kgid_munged() of INVALID_GID. */
    static final int OVERFLOW_ID = 65534;

    // lookup flags
    private static final int CREATE = 1;
    private static final int PARTIAL = 2;
    // need values beyond the permission bits
    private static final int NEED_UNLINK = -1;
    private static final int DEFER = -2;

    /** The keyrings of one process. */
    private static final class ProcessKeys {
        Key thread;
        Key process;
        Key session;
    }

    private record KeyRef(Key key, boolean possessed) {
    }

    private final KeySerialAllocator serials;
    private final Map<Integer, Key> keys = new HashMap<>();
    private final Map<Long, ProcessKeys> processes = new HashMap<>();
    private final Map<Integer, Key> userKeyrings = new HashMap<>();
    private final Map<Integer, Key> userSessionKeyrings = new HashMap<>();
    private long now;
    private long gcDelay = DEFAULT_GC_DELAY_MS;
    private List<KeyStep> steps = new ArrayList<>();

    public KeyTable(RandomGenerator random) {
        this.serials = new KeySerialAllocator(random);
    }

    // =====================================================================================
    // Time and garbage collection
    // =====================================================================================

    public long now() {
        return now;
    }

    public long gcDelayMs() {
        return gcDelay;
    }

    /** /proc/sys/kernel/keys/gc_delay. */
    public void setGcDelay(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("gc delay " + seconds + " s must not be negative");
        }
        gcDelay = seconds * 1000;
    }

    /**
     * Lets {@code ms} of simulated time pass: keys expire, and the garbage collector runs at
     * every moment a key falls due (expiry or revocation plus the gc delay).
     */
    public List<KeyStep> advance(long ms) {
        steps = new ArrayList<>();
        long target = now + ms;
        for (long due = nextGcTime(); due <= target; due = nextGcTime()) {
            now = due;
            gc();
        }
        now = target;
        return takeSteps();
    }

    /** The next moment after now at which some key falls due for collection, or Long.MAX_VALUE. */
    public long nextGcTime() {
        long next = Long.MAX_VALUE;
        for (Key k : keys.values()) {
            long due = dueTime(k);
            if (due > now) {
                next = Math.min(next, due);
            }
        }
        return next;
    }

    private long dueTime(Key k) {
        if (k.expiry == Key.NEVER || k.expiry > Long.MAX_VALUE - gcDelay) {
            return Long.MAX_VALUE;
        }
        return k.expiry + gcDelay;
    }

    /** Runs a pass now if some key is due (a revocation with a gc delay of 0, say). */
    private void gcIfDue() {
        for (Key k : keys.values()) {
            if (dueTime(k) <= now || k.invalidated) {
                gc();
                return;
            }
        }
    }

    /**
     * One pass of the key garbage collector: links to dead keys are removed from live keyrings
     * (silently, as keyring_gc does), then every key nothing refers to any more is destroyed, in
     * serial order, each destroyed keyring releasing what it held.
     */
    private void gc() {
        for (Key ring : keys.values()) {
            if (!ring.isKeyring() || ring.revoked || ring.invalidated) {
                continue;
            }
            ring.links.removeIf(k -> {
                if (k.isDead(now, gcDelay)) {
                    k.refs--;
                    return true;
                }
                return false;
            });
        }
        reapUnreferenced();
    }

    private void reapUnreferenced() {
        TreeMap<Integer, Key> graveyard = new TreeMap<>();
        for (Key k : keys.values()) {
            if (k.refs <= 0) {
                graveyard.put(k.serial, k);
            }
        }
        ArrayDeque<Key> queue = new ArrayDeque<>(graveyard.values());
        while (!queue.isEmpty()) {
            Key k = queue.poll();
            if (!keys.containsKey(k.serial)) {
                continue;
            }
            keys.remove(k.serial);
            serials.release(k.serial);
            k.dead = true;
            steps.add(new KeyStep.Destroy(k.serial));
            if (k.isKeyring()) {
                TreeMap<Integer, Key> released = new TreeMap<>();
                for (Key child : k.links) {
                    if (--child.refs <= 0) {
                        released.put(child.serial, child);
                    }
                }
                k.links.clear();
                queue.addAll(released.values());
            }
        }
    }

    private List<KeyStep> takeSteps() {
        List<KeyStep> out = steps;
        steps = new ArrayList<>();
        return out;
    }

    // =====================================================================================
    // Calls
    // =====================================================================================

    /** The outcome of one call: its result and the steps to carry out, in order. */
    public record Outcome(KeyResult result, List<KeyStep> steps) {
    }

    @FunctionalInterface
    private interface Call {
        KeyResult run();
    }

    /** Runs a call: errors become results; keys left unreferenced are collected at once. */
    private Outcome call(Call c) {
        steps = new ArrayList<>();
        KeyResult r;
        try {
            r = c.run();
        } catch (KeyError e) {
            r = KeyResult.fail(e.errno, e.getMessage());
        }
        gcIfDue();
        reapUnreferenced();
        return new Outcome(r, takeSteps());
    }

    private static KeyError err(Errno errno, String detail) {
        return new KeyError(errno, detail);
    }

    private void notify(Key k, int subtype, int aux) {
        steps.add(new KeyStep.Post(ObjectEvent.of(k.serial, KeyNotify.of(subtype, k.serial, aux))));
    }

    // ------------------------------------------------------------------ creation

    private Key newKey(KeyType type, String description, Credentials c, int perm, int gid) {
        Key k = new Key(serials.allocate(), type, description, c.uid(), gid, perm, c.label());
        keys.put(k.serial, k);
        steps.add(new KeyStep.Create(securedObject(k)));
        return k;
    }

    static SecuredObject securedObject(Key k) {
        return new SecuredObject(ObjectKind.KEY, Integer.toUnsignedLong(k.serial), k.description, k.label);
    }

    private ProcessKeys processKeys(long pid) {
        return processes.computeIfAbsent(pid, p -> new ProcessKeys());
    }

    private Key userKeyring(Credentials c) {
        return userKeyrings(c, false);
    }

    private Key userSessionKeyring(Credentials c) {
        return userKeyrings(c, true);
    }

    /** _uid.N and _uid_ses.N, made together on first use; the session one links the user one. */
    private Key userKeyrings(Credentials c, boolean session) {
        Key user = userKeyrings.get(c.uid());
        if (user == null) {
            user = newKey(KeyType.KEYRING, "_uid." + c.uid(), c, KeyPerm.USER_KEYRING, -1);
            user.instantiated = true;
            user.refs++;
            userKeyrings.put(c.uid(), user);
            Key ses = newKey(KeyType.KEYRING, "_uid_ses." + c.uid(), c, KeyPerm.USER_KEYRING, -1);
            ses.instantiated = true;
            ses.refs++;
            ses.links.add(user);
            user.refs++;
            userSessionKeyrings.put(c.uid(), ses);
        }
        return session ? userSessionKeyrings.get(c.uid()) : user;
    }

    /** A keyring for a process slot; the slot's reference is taken when it is installed. */
    private Key newProcessKeyring(Credentials c, String description, int perm) {
        Key k = newKey(KeyType.KEYRING, description, c, perm, c.gid());
        k.instantiated = true;
        return k;
    }

    private void installSession(ProcessKeys pk, Key session) {
        if (pk.session != null) {
            pk.session.refs--;
        }
        pk.session = session;
        if (session != null) {
            session.refs++;
        }
    }

    // ------------------------------------------------------------------ lookup

    /** lookup_user_key(): special ids, possession, state checks, then permission. */
    private KeyRef lookup(KeyCaller c, int id, int flags, int need) {
        ProcessKeys pk = processKeys(c.pid());
        Key key;
        boolean possessed;
        switch (id) {
            case THREAD -> {
                pk.thread = processSlot(c, pk.thread, flags, "_tid", "thread");
                key = pk.thread;
                possessed = true;
            }
            case PROCESS -> {
                pk.process = processSlot(c, pk.process, flags, "_pid", "process");
                key = pk.process;
                possessed = true;
            }
            case SESSION -> {
                if (pk.session == null) {
                    if ((flags & CREATE) != 0) {
                        installSession(pk, newProcessKeyring(c.creds(), "_ses", KeyPerm.ANON_SESSION));
                    } else {
                        installSession(pk, userSessionKeyring(c.creds()));
                    }
                } else if ((flags & CREATE) != 0 && pk.session == userSessionKeyrings.get(c.creds().uid())) {
                    installSession(pk, newProcessKeyring(c.creds(), "_ses", KeyPerm.ANON_SESSION));
                }
                key = pk.session;
                possessed = true;
            }
            case USER -> {
                key = userKeyring(c.creds());
                possessed = true;
            }
            case USER_SESSION -> {
                key = userSessionKeyring(c.creds());
                possessed = true;
            }
            case GROUP -> throw err(Errno.EINVAL, "group keyrings (@g) are not supported");
            default -> {
                if (id < 1) {
                    throw err(id == -7 || id == -8 ? Errno.ENOKEY : Errno.EINVAL,
                            "key id " + id + " is not a key or a special keyring");
                }
                key = keys.get(id);
                if (key == null || key.refs <= 0) {
                    throw err(Errno.ENOKEY, "no key " + id);
                }
                possessed = isPossessed(c, key);
            }
        }
        if (need != NEED_UNLINK) {
            if ((flags & PARTIAL) == 0) {
                if (need != DEFER) {
                    if (key.rejected != null) {
                        throw err(key.rejected, "key " + key.serial + " was negatively instantiated");
                    }
                    validate(key);
                }
                if (!key.instantiated) {
                    throw err(Errno.EIO, "key " + key.serial + " is not instantiated");
                }
            } else if (need != DEFER) {
                validate(key);
            }
            if (need > 0) {
                permission(c, key, possessed, need);
            }
        }
        return new KeyRef(key, possessed);
    }

    /** The thread or process keyring: the current one, or a new one when the lookup may create it. */
    private Key processSlot(KeyCaller c, Key current, int flags, String description, String which) {
        if (current != null) {
            return current;
        }
        if ((flags & CREATE) == 0) {
            throw err(Errno.ENOKEY, "the process has no " + which + " keyring");
        }
        Key k = newProcessKeyring(c.creds(), description, KeyPerm.PROCESS_KEYRING);
        k.refs++;
        return k;
    }

    /** key_validate(). */
    private void validate(Key k) {
        if (k.invalidated) {
            throw err(Errno.ENOKEY, "key " + k.serial + " is invalidated");
        }
        if (k.revoked || k.dead) {
            throw err(Errno.EKEYREVOKED, "key " + k.serial + " is revoked");
        }
        if (k.isExpired(now)) {
            throw err(Errno.EKEYEXPIRED, "key " + k.serial + " has expired");
        }
    }

    /** key_task_permission() then the LSM's key_permission. */
    private void permission(KeyCaller c, Key k, boolean possessed, int need) {
        if (!allowed(c.creds(), k, possessed, need)) {
            throw err(Errno.EACCES, String.format("key %d (perm %08x, uid %d) does not grant 0x%02x to uid %d%s",
                    k.serial, k.perm, k.uid, need, c.creds().uid(), possessed ? " (possessed)" : ""));
        }
        Decision d = c.policy().checkKeyPermission(c.creds(), securedObject(k), need);
        if (!d.allowed()) {
            throw err(d.errno(), d.engine() + ": " + d.reason());
        }
    }

    private static boolean allowed(Credentials cred, Key k, boolean possessed, int need) {
        int kperm;
        if (k.uid == cred.uid()) {
            kperm = k.perm >>> KeyPerm.USR_SHIFT;
        } else if (k.gid != -1 && KeyPerm.groupBits(k.perm) != 0 && cred.inGroup(k.gid)) {
            kperm = k.perm >>> KeyPerm.GRP_SHIFT;
        } else {
            kperm = k.perm;
        }
        kperm &= KeyPerm.ALL;
        if (possessed) {
            kperm |= (k.perm >>> KeyPerm.POS_SHIFT) & KeyPerm.ALL;
        }
        return (kperm & need) == need;
    }

    /** The DAC part alone, as the possession search asks it (the LSM's key_permission too). */
    private boolean searchable(KeyCaller c, Key k) {
        return allowed(c.creds(), k, true, KeyPerm.SEARCH)
                && c.policy().module().keyPermission(c.creds(), securedObject(k), KeyPerm.SEARCH).allowed();
    }

    /**
     * Possession: the key is found by searching the thread, process and session keyrings (or the
     * user session keyring when there is no session keyring), through keyrings that grant search,
     * at most six levels deep; the key itself must grant search.
     */
    private boolean isPossessed(KeyCaller c, Key target) {
        for (Key top : searchRoots(c)) {
            if (top.revoked || top.invalidated || !searchable(c, top)) {
                continue;
            }
            if (top == target || searchFrom(c, top, target, 0)) {
                return true;
            }
        }
        return false;
    }

    /** The keyrings a process search starts from: thread, process, session (or else the user session). */
    private List<Key> searchRoots(KeyCaller c) {
        ProcessKeys pk = processKeys(c.pid());
        List<Key> tops = new ArrayList<>(3);
        if (pk.thread != null) {
            tops.add(pk.thread);
        }
        if (pk.process != null) {
            tops.add(pk.process);
        }
        if (pk.session != null) {
            tops.add(pk.session);
        } else if (userSessionKeyrings.containsKey(c.creds().uid())) {
            tops.add(userSessionKeyrings.get(c.creds().uid()));
        }
        return tops;
    }

    private boolean searchFrom(KeyCaller c, Key ring, Key target, int depth) {
        if (ring.revoked || ring.invalidated || !searchable(c, ring)) {
            return false;
        }
        for (Key k : ring.links) {
            if (k == target && searchable(c, k)) {
                return true;
            }
        }
        if (depth + 1 >= MAX_DEPTH) {
            return false;
        }
        for (Key k : ring.links) {
            if (k.isKeyring() && searchFrom(c, k, target, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ links

    private Key findSame(Key ring, KeyType type, String description) {
        for (Key k : ring.links) {
            if (k.type == type && Objects.equals(k.description, description)) {
                return k;
            }
        }
        return null;
    }

    /** keyring_detect_cycle(): EDEADLK if {@code ring} is reachable from {@code key}, ELOOP if too deep. */
    private void detectCycle(Key ring, Key key) {
        if (!key.isKeyring()) {
            return;
        }
        if (key == ring) {
            throw err(Errno.EDEADLK, "a keyring cannot be linked into itself");
        }
        cycleSearch(ring, key, 0);
    }

    private void cycleSearch(Key ring, Key from, int depth) {
        for (Key k : from.links) {
            if (k == ring) {
                throw err(Errno.EDEADLK, "keyring " + ring.serial + " is reachable from " + from.serial);
            }
        }
        for (Key k : from.links) {
            if (k.isKeyring()) {
                if (depth + 1 >= MAX_DEPTH) {
                    throw err(Errno.ELOOP, "keyrings nest more than " + MAX_DEPTH + " deep");
                }
                cycleSearch(ring, k, depth + 1);
            }
        }
    }

    private void checkLinkable(Key ring) {
        if (!ring.isKeyring()) {
            throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
        }
        if (ring.revoked) {
            throw err(Errno.EKEYREVOKED, "keyring " + ring.serial + " is revoked");
        }
    }

    /** __key_link(): replaces a link of the same type and description; posts LINKED only. */
    private void link(Key ring, Key key) {
        Key same = findSame(ring, key.type, key.description);
        if (same != key) {
            if (same != null) {
                ring.links.set(ring.links.indexOf(same), key);
                same.refs--;
            } else {
                ring.links.add(key);
            }
            key.refs++;
        }
        notify(ring, KeyNotify.NOTIFY_KEY_LINKED, key.serial);
    }

    // ------------------------------------------------------------------ processes

    /** KEYCTL_JOIN_SESSION_KEYRING; a null name makes a new anonymous session keyring. */
    public Outcome joinSession(KeyCaller c, String name) {
        return call(() -> {
            ProcessKeys pk = processKeys(c.pid());
            if (name == null) {
                Key ses = newProcessKeyring(c.creds(), "_ses", KeyPerm.ANON_SESSION);
                installSession(pk, ses);
                return KeyResult.ok(ses.serial);
            }
            if (name.startsWith(".")) {
                throw err(Errno.EPERM, "session keyring names may not start with '.'");
            }
            Key found = null;
            for (Key k : new TreeMap<>(keys).values()) {
                if (k.isKeyring() && name.equals(k.description) && !k.revoked && !k.invalidated
                        && allowed(c.creds(), k, false, KeyPerm.SEARCH)) {
                    found = k;
                    break;
                }
            }
            if (found == null) {
                found = newProcessKeyring(c.creds(), name, KeyPerm.NAMED_SESSION);
                installSession(pk, found);
                return KeyResult.ok(found.serial);
            }
            if (pk.session == found) {
                return KeyResult.ok(0);
            }
            installSession(pk, found);
            return KeyResult.ok(found.serial);
        });
    }

    /** The serial a special keyring id stands for now, creating it as KEYCTL_GET_KEYRING_ID with create does. */
    public Outcome keyringId(KeyCaller c, int id, boolean create) {
        return call(() -> KeyResult.ok(lookup(c, id, create ? CREATE : 0, DEFER).key().serial));
    }

    /** The serial of a special keyring if the process has it, else 0 (never creates). */
    public int specialSerial(long pid, int uid, int id) {
        ProcessKeys pk = processKeys(pid);
        Key k = switch (id) {
            case THREAD -> pk.thread;
            case PROCESS -> pk.process;
            case SESSION -> pk.session;
            case USER -> userKeyrings.get(uid);
            case USER_SESSION -> userSessionKeyrings.get(uid);
            default -> null;
        };
        return k == null ? 0 : k.serial;
    }

    // ------------------------------------------------------------------ add_key

    /** add_key(2): a new key linked into {@code ringId}, or an update of the one already there. */
    public Outcome add(KeyCaller c, String typeName, String description, byte[] payload, int ringId) {
        return call(() -> {
            int plen = payload == null ? 0 : payload.length;
            if (plen > MAX_PAYLOAD) {
                throw err(Errno.EINVAL, "payload of " + plen + " bytes exceeds " + MAX_PAYLOAD);
            }
            checkTypeName(typeName);
            String desc = checkDescription(description);
            if (desc != null && desc.startsWith(".") && typeName.startsWith("keyring")) {
                throw err(Errno.EPERM, "keyring descriptions may not start with '.'");
            }
            KeyRef ring = lookup(c, ringId, CREATE, KeyPerm.WRITE);
            KeyType type = KeyType.byName(typeName)
                    .orElseThrow(() -> err(Errno.ENODEV, "unknown key type '" + typeName + "'"));
            Key r = ring.key();
            if (!r.isKeyring()) {
                throw err(Errno.ENOTDIR, "key " + r.serial + " is not a keyring");
            }
            checkPayload(type, payload);
            if (desc == null) {
                throw err(Errno.EINVAL, "a " + typeName + " key needs a description");
            }
            checkLinkable(r);
            if (r.restricted) {
                throw err(Errno.EPERM, "keyring " + r.serial + " is restricted");
            }
            if (type.updatable()) {
                Key existing = findSame(r, type, desc);
                if (existing != null && !existing.revoked && !existing.invalidated) {
                    if (!allowed(c.creds(), existing, ring.possessed(), KeyPerm.WRITE)) {
                        throw err(Errno.EACCES, "key " + existing.serial + " does not grant write");
                    }
                    permissionLsm(c, existing, KeyPerm.WRITE);
                    existing.payload = payload.clone();
                    existing.rejected = null;
                    existing.instantiated = true;
                    existing.expiry = Key.NEVER;
                    notify(existing, KeyNotify.NOTIFY_KEY_UPDATED, 0);
                    return KeyResult.ok(existing.serial);
                }
            }
            if (type == KeyType.LOGON) {
                int colon = desc.indexOf(':');
                if (colon <= 0) {
                    throw err(Errno.EINVAL, "logon description '" + desc + "' needs a ':' after a service name");
                }
            }
            Key k = newKey(type, desc, c.creds(), type.defaultPerm(), c.creds().gid());
            k.payload = type == KeyType.KEYRING ? null : payload.clone();
            k.instantiated = true;
            notify(k, KeyNotify.NOTIFY_KEY_INSTANTIATED, 0);
            link(r, k);
            return KeyResult.ok(k.serial);
        });
    }

    private void permissionLsm(KeyCaller c, Key k, int need) {
        Decision d = c.policy().checkKeyPermission(c.creds(), securedObject(k), need);
        if (!d.allowed()) {
            throw err(d.errno(), d.engine() + ": " + d.reason());
        }
    }

    private static void checkTypeName(String typeName) {
        if (typeName.isEmpty() || typeName.length() >= 32) {
            throw err(Errno.EINVAL, "key type name '" + typeName + "' must be 1..31 characters");
        }
        if (typeName.startsWith(".")) {
            throw err(Errno.EPERM, "key type names starting with '.' are the kernel's");
        }
    }

    private static String checkDescription(String description) {
        if (description == null || description.isEmpty()) {
            return null;
        }
        if (description.getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION) {
            throw err(Errno.EINVAL, "description longer than " + MAX_DESCRIPTION + " bytes");
        }
        return description;
    }

    private static void checkPayload(KeyType type, byte[] payload) {
        int plen = payload == null ? 0 : payload.length;
        if (type == KeyType.KEYRING) {
            if (plen != 0) {
                throw err(Errno.EINVAL, "a keyring takes no payload");
            }
        } else if (plen == 0 || plen > MAX_USER_PAYLOAD) {
            throw err(Errno.EINVAL, "a " + type.typeName() + " key needs a payload of 1.." + MAX_USER_PAYLOAD + " bytes");
        }
    }

    // ------------------------------------------------------------------ keyctl

    /** KEYCTL_UPDATE. */
    public Outcome update(KeyCaller c, int id, byte[] payload) {
        return call(() -> {
            if (payload != null && payload.length > 4096) {
                throw err(Errno.EINVAL, "update payload longer than a page");
            }
            Key k = lookup(c, id, 0, KeyPerm.WRITE).key();
            if (!k.type.updatable()) {
                throw err(Errno.EOPNOTSUPP, "a " + k.type.typeName() + " cannot be updated");
            }
            checkPayload(k.type, payload);
            k.payload = payload.clone();
            // user_update() takes the new payload's expiry: none.
            k.expiry = Key.NEVER;
            notify(k, KeyNotify.NOTIFY_KEY_UPDATED, 0);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_LINK. */
    public Outcome link(KeyCaller c, int keyId, int ringId) {
        return call(() -> {
            Key ring = lookup(c, ringId, CREATE, KeyPerm.WRITE).key();
            Key key = lookup(c, keyId, CREATE, KeyPerm.LINK).key();
            checkLinkable(ring);
            if (ring.restricted) {
                throw err(Errno.EPERM, "keyring " + ring.serial + " is restricted");
            }
            detectCycle(ring, key);
            link(ring, key);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_UNLINK: works on keys in any state; UNLINKED on the keyring. */
    public Outcome unlink(KeyCaller c, int keyId, int ringId) {
        return call(() -> {
            Key ring = lookup(c, ringId, 0, KeyPerm.WRITE).key();
            Key key = lookup(c, keyId, PARTIAL, NEED_UNLINK).key();
            if (!ring.isKeyring()) {
                throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
            }
            if (!ring.links.remove(key)) {
                throw err(Errno.ENOENT, "key " + key.serial + " is not linked in " + ring.serial);
            }
            key.refs--;
            notify(ring, KeyNotify.NOTIFY_KEY_UNLINKED, key.serial);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_MOVE (flags 1 = KEYCTL_MOVE_EXCL): UNLINKED on the source, then LINKED on the destination. */
    public Outcome move(KeyCaller c, int keyId, int fromId, int toId, long flags) {
        return call(() -> {
            if ((flags & ~1L) != 0) {
                throw err(Errno.EINVAL, "move flags 0x" + Long.toHexString(flags) + "; only 1 (exclusive) is defined");
            }
            Key key = lookup(c, keyId, CREATE, KeyPerm.LINK).key();
            Key from = lookup(c, fromId, 0, KeyPerm.WRITE).key();
            Key to = lookup(c, toId, CREATE, KeyPerm.WRITE).key();
            if (from == to) {
                return KeyResult.ok(0);
            }
            if (!from.isKeyring() || !to.isKeyring()) {
                throw err(Errno.ENOTDIR, "both ends of a move must be keyrings");
            }
            if (!from.links.contains(key)) {
                throw err(Errno.ENOENT, "key " + key.serial + " is not linked in " + from.serial);
            }
            checkLinkable(to);
            Key same = findSame(to, key.type, key.description);
            if (same != null && (flags & 1) != 0) {
                throw err(Errno.EEXIST, "keyring " + to.serial + " already holds a key like " + key.serial);
            }
            if (to.restricted) {
                throw err(Errno.EPERM, "keyring " + to.serial + " is restricted");
            }
            detectCycle(to, key);
            from.links.remove(key);
            key.refs--;
            notify(from, KeyNotify.NOTIFY_KEY_UNLINKED, key.serial);
            link(to, key);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_REVOKE: REVOKED once; a keyring is emptied silently; collected after the gc delay. */
    public Outcome revoke(KeyCaller c, int id) {
        return call(() -> {
            Key k;
            try {
                k = lookup(c, id, 0, KeyPerm.WRITE).key();
            } catch (KeyError e) {
                if (e.errno != Errno.EACCES) {
                    throw e;
                }
                k = lookup(c, id, 0, KeyPerm.SETATTR).key();
            }
            if (!k.revoked) {
                notify(k, KeyNotify.NOTIFY_KEY_REVOKED, 0);
                k.revoked = true;
                k.payload = null;
                k.expiry = now;
                if (k.isKeyring()) {
                    for (Key child : k.links) {
                        child.refs--;
                    }
                    k.links.clear();
                }
            }
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_INVALIDATE: INVALIDATED, then an immediate garbage collection pass. */
    public Outcome invalidate(KeyCaller c, int id) {
        return call(() -> {
            Key k = lookup(c, id, 0, KeyPerm.SEARCH).key();
            if (!k.invalidated) {
                notify(k, KeyNotify.NOTIFY_KEY_INVALIDATED, 0);
                k.invalidated = true;
            }
            gc();
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_CLEAR: CLEARED even when already empty; no per-key UNLINKED. */
    public Outcome clear(KeyCaller c, int id) {
        return call(() -> {
            Key ring = lookup(c, id, CREATE, KeyPerm.WRITE).key();
            if (!ring.isKeyring()) {
                throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
            }
            notify(ring, KeyNotify.NOTIFY_KEY_CLEARED, 0);
            for (Key child : ring.links) {
                child.refs--;
            }
            ring.links.clear();
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_SETPERM: the owner or CAP_SYS_ADMIN; SETATTR. */
    public Outcome setPerm(KeyCaller c, int id, long perm) {
        return call(() -> {
            if ((perm & ~(long) KeyPerm.VALID) != 0) {
                throw err(Errno.EINVAL, String.format("perm 0x%x has bits outside 0x3f3f3f3f", perm));
            }
            Key k = lookup(c, id, CREATE | PARTIAL, KeyPerm.SETATTR).key();
            if (k.uid != c.creds().uid() && !c.creds().has(Capability.CAP_SYS_ADMIN)) {
                throw err(Errno.EACCES, "only the owner or CAP_SYS_ADMIN may change the permissions");
            }
            k.perm = (int) perm;
            notify(k, KeyNotify.NOTIFY_KEY_SETATTR, 0);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_CHOWN (-1 leaves a field): changing the owner, or a group one is not in, needs CAP_SYS_ADMIN. */
    public Outcome chown(KeyCaller c, int id, long uid, long gid) {
        return call(() -> {
            if (uid == -1 && gid == -1) {
                return KeyResult.ok(0);
            }
            if (uid < -1 || uid > 0xFFFF_FFFEL || gid < -1 || gid > 0xFFFF_FFFEL) {
                throw err(Errno.EINVAL, "uid " + uid + " or gid " + gid + " is not a valid id");
            }
            Key k = lookup(c, id, CREATE | PARTIAL, KeyPerm.SETATTR).key();
            boolean privileged = (uid != -1 && (int) uid != k.uid)
                    || (gid != -1 && (int) gid != k.gid && !c.creds().inGroup((int) gid));
            if (privileged && !c.creds().has(Capability.CAP_SYS_ADMIN)) {
                throw err(Errno.EACCES, "changing the owner or to a foreign group needs CAP_SYS_ADMIN");
            }
            if (uid != -1) {
                k.uid = (int) uid;
            }
            if (gid != -1) {
                k.gid = (int) gid;
            }
            notify(k, KeyNotify.NOTIFY_KEY_SETATTR, 0);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_SET_TIMEOUT (0 clears it); SETATTR. */
    public Outcome setTimeout(KeyCaller c, int id, long seconds) {
        return call(() -> {
            Key k = lookup(c, id, CREATE | PARTIAL, KeyPerm.SETATTR).key();
            k.expiry = seconds == 0 ? Key.NEVER : now + seconds * 1000;
            notify(k, KeyNotify.NOTIFY_KEY_SETATTR, 0);
            return KeyResult.ok(0);
        });
    }

    /**
     * KEYCTL_RESTRICT_KEYRING. A null type and restriction reject every later link (EPERM);
     * user, logon and keyring have no restriction schemes (ENOENT); other types are unknown here
     * (ENOKEY).
     */
    public Outcome restrict(KeyCaller c, int id, String typeName, String restriction) {
        return call(() -> {
            Key ring = lookup(c, id, 0, KeyPerm.SETATTR).key();
            if ((typeName == null) != (restriction == null)) {
                throw err(Errno.EINVAL, "a restriction needs both a type and a restriction, or neither");
            }
            if (typeName != null) {
                checkTypeName(typeName);
            }
            if (!ring.isKeyring()) {
                throw err(Errno.ENOTDIR, "key " + ring.serial + " is not a keyring");
            }
            if (typeName != null) {
                KeyType.byName(typeName).orElseThrow(() -> err(Errno.ENOKEY, "unknown key type '" + typeName + "'"));
                // None of the simulated types (user, logon, keyring) has a lookup_restriction.
                throw err(Errno.ENOENT, "type " + typeName + " has no restriction schemes");
            }
            if (ring.restricted) {
                throw err(Errno.EEXIST, "keyring " + ring.serial + " is already restricted");
            }
            ring.restricted = true;
            notify(ring, KeyNotify.NOTIFY_KEY_SETATTR, 0);
            return KeyResult.ok(0);
        });
    }

    /** KEYCTL_DESCRIBE: "type;uid;gid;perm;description", its length counting the NUL. */
    public Outcome describe(KeyCaller c, int id) {
        return call(() -> {
            Key k = lookup(c, id, PARTIAL, KeyPerm.VIEW).key();
            String text = String.format("%s;%d;%d;%08x;%s", k.type.typeName(), munged(k.uid), munged(k.gid), k.perm,
                    k.description == null ? "" : k.description);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return KeyResult.withData(bytes.length + 1, bytes);
        });
    }

    private static long munged(int id) {
        return id == -1 ? OVERFLOW_ID : Integer.toUnsignedLong(id);
    }

    /** KEYCTL_READ: the payload, or a keyring's serials; a possessed key is readable without READ. */
    public Outcome read(KeyCaller c, int id) {
        return call(() -> {
            KeyRef ref;
            try {
                ref = lookup(c, id, 0, DEFER);
            } catch (KeyError e) {
                throw err(Errno.ENOKEY, e.getMessage());
            }
            Key k = ref.key();
            if (k.rejected != null) {
                throw err(k.rejected, "key " + k.serial + " was negatively instantiated");
            }
            if (!allowed(c.creds(), k, ref.possessed(), KeyPerm.READ)) {
                if (!ref.possessed()) {
                    throw err(Errno.EACCES, "key " + k.serial + " does not grant read");
                }
            } else {
                permissionLsm(c, k, KeyPerm.READ);
            }
            if (!k.type.readable()) {
                throw err(Errno.EOPNOTSUPP, "a " + k.type.typeName() + " key cannot be read");
            }
            validate(k);
            if (k.isKeyring()) {
                ByteBuffer b = ByteBuffer.allocate(4 * k.links.size()).order(ByteOrder.LITTLE_ENDIAN);
                k.links.forEach(l -> b.putInt(l.serial));
                return KeyResult.withData(b.capacity(), b.array());
            }
            byte[] p = k.payload == null ? new byte[0] : k.payload.clone();
            return KeyResult.withData(p.length, p);
        });
    }

    /** KEYCTL_GET_SECURITY: the key's Smack label; the length counts the NUL. */
    public Outcome getSecurity(KeyCaller c, int id) {
        return call(() -> {
            Key k;
            try {
                k = lookup(c, id, PARTIAL, KeyPerm.VIEW).key();
            } catch (KeyError e) {
                if (e.errno == Errno.EACCES) {
                    throw err(Errno.ENOKEY, "no instantiation authority for key " + id);
                }
                throw e;
            }
            byte[] label = (k.label == null ? "" : k.label).getBytes(StandardCharsets.UTF_8);
            return KeyResult.withData(label.length + 1, label);
        });
    }

    /**
     * The checks KEYCTL_WATCH_KEY makes before the watch itself is added: the tag, then the
     * key with VIEW (creating a special keyring if named). The queue, LSM hook and duplicate
     * checks follow in the key's actor.
     */
    public Outcome checkWatch(KeyCaller c, int id, long tag) {
        return call(() -> {
            if (tag < -1 || tag > 255) {
                throw err(Errno.EINVAL, "tag " + tag + " is out of range; allowed -1..255");
            }
            Key k = lookup(c, id, CREATE, KeyPerm.VIEW).key();
            return KeyResult.ok(k.serial);
        });
    }

    // ------------------------------------------------------------------ request_key

    /** How the callout of a request constructs a key it did not find. */
    public sealed interface Construction {
        /** KEYCTL_INSTANTIATE with this payload. */
        record Instantiate(byte[] payload) implements Construction {
        }

        /** KEYCTL_REJECT with a timeout and an errno (KEYCTL_NEGATE is ENOKEY). */
        record Reject(long timeoutSeconds, Errno errno) implements Construction {
        }
    }

    /**
     * The first half of request_key(2): look for the key; when it is found, link it into the
     * destination. When it is not, allocate it uninstantiated and link it into the destination
     * at once (LINKED); {@link #construct} finishes it. The result's value is the serial;
     * {@link #isUnderConstruction} tells which case it was.
     */
    public Outcome requestBegin(KeyCaller c, String typeName, String description, int destId) {
        return requestBegin(c, typeName, description, destId, true);
    }

    /** The same; without a callout a key that is not found is ENOKEY and nothing is allocated. */
    public Outcome requestBegin(KeyCaller c, String typeName, String description, int destId, boolean callout) {
        return call(() -> {
            checkTypeName(typeName);
            String desc = checkDescription(description);
            Key dest = destId != 0 ? lookup(c, destId, CREATE, KeyPerm.WRITE).key() : null;
            KeyType type = KeyType.byName(typeName).orElseThrow(() -> err(Errno.ENOKEY, "unknown key type " + typeName));
            Key found = searchProcessKeyrings(c, type, desc);
            if (found != null) {
                if (found.rejected != null) {
                    throw err(found.rejected, "key " + found.serial + " is negative");
                }
                if (found.revoked || found.invalidated) {
                    throw err(Errno.EKEYREVOKED, "key " + found.serial + " is revoked");
                }
                if (dest != null) {
                    if (!allowed(c.creds(), found, true, KeyPerm.LINK)) {
                        throw err(Errno.EACCES, "key " + found.serial + " does not grant link");
                    }
                    checkLinkable(dest);
                    link(dest, found);
                }
                return KeyResult.ok(found.serial);
            }
            if (!callout) {
                throw err(Errno.ENOKEY, "no " + typeName + " key '" + desc + "' and no callout to make one");
            }
            if (type == KeyType.KEYRING) {
                throw err(Errno.EPERM, "keyrings cannot be constructed by request_key");
            }
            if (dest == null) {
                ProcessKeys pk = processKeys(c.pid());
                dest = pk.thread != null ? pk.thread : pk.process != null ? pk.process
                        : pk.session != null ? pk.session : userSessionKeyring(c.creds());
                permission(c, dest, true, KeyPerm.WRITE);
            }
            checkLinkable(dest);
            Key k = newKey(type, desc, c.creds(), type.defaultPerm(), c.creds().gid());
            link(dest, k);
            return KeyResult.ok(k.serial);
        });
    }

    /** The callout's KEYCTL_INSTANTIATE or KEYCTL_REJECT of a key under construction (no destination). */
    public Outcome construct(int serial, Construction how) {
        return call(() -> {
            Key k = keys.get(serial);
            if (k == null || k.instantiated || k.rejected != null) {
                throw err(Errno.EBUSY, "key " + serial + " is not under construction");
            }
            if (how instanceof Construction.Instantiate inst) {
                checkPayload(k.type, inst.payload());
                k.payload = inst.payload().clone();
                k.instantiated = true;
                notify(k, KeyNotify.NOTIFY_KEY_INSTANTIATED, 0);
                return KeyResult.ok(serial);
            }
            Construction.Reject rej = (Construction.Reject) how;
            k.rejected = rej.errno();
            k.instantiated = true;
            k.expiry = now + rej.timeoutSeconds() * 1000;
            notify(k, KeyNotify.NOTIFY_KEY_INSTANTIATED, rej.errno().negated());
            throw err(rej.errno(), "the key was rejected by its constructor");
        });
    }

    private Key searchProcessKeyrings(KeyCaller c, KeyType type, String desc) {
        for (Key top : searchRoots(c)) {
            Key k = searchType(c, top, type, desc, 0);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private Key searchType(KeyCaller c, Key ring, KeyType type, String desc, int depth) {
        if (ring.revoked || ring.invalidated || !searchable(c, ring)) {
            return null;
        }
        for (Key k : ring.links) {
            if (k.type == type && Objects.equals(k.description, desc) && searchable(c, k) && !k.isExpired(now)) {
                return k;
            }
        }
        if (depth + 1 >= MAX_DEPTH) {
            return null;
        }
        for (Key k : ring.links) {
            if (k.isKeyring()) {
                Key found = searchType(c, k, type, desc, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ inspection

    /**
     * The first key, in serial order, of that type and description that the caller may view:
     * what keyutils finds by reading /proc/keys for a {@code %type:description} argument.
     */
    public Outcome find(KeyCaller c, String typeName, String description) {
        return call(() -> {
            for (Key k : new TreeMap<>(keys).values()) {
                if (k.type.typeName().equals(typeName) && Objects.equals(k.description, description)
                        && allowed(c.creds(), k, isPossessed(c, k), KeyPerm.VIEW)
                        && c.policy().module().keyPermission(c.creds(), securedObject(k), KeyPerm.VIEW).allowed()) {
                    return KeyResult.ok(k.serial);
                }
            }
            throw err(Errno.ENOKEY, "no visible " + typeName + " key '" + description + "'");
        });
    }

    /** Whether a key was allocated by a request and is not yet instantiated or rejected. */
    public boolean isUnderConstruction(int serial) {
        Key k = keys.get(serial);
        return k != null && !k.instantiated && k.rejected == null;
    }

    /** Whether a serial names a live key. */
    public boolean exists(int serial) {
        return keys.containsKey(serial);
    }

    public int keyCount() {
        return keys.size();
    }

    /** The serials linked in a keyring, in link order (empty for other keys). */
    public List<Integer> linksOf(int serial) {
        Key k = keys.get(serial);
        return k == null ? List.of() : k.links.stream().map(l -> l.serial).toList();
    }
}
