package io.watchsim.sources.keys;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.queues.Errno;
import io.watchsim.sources.keys.KeyRegistry.ProcessKeys;

import java.util.ArrayList;
import java.util.List;

import static io.watchsim.sources.keys.KeyRegistry.err;
import static io.watchsim.sources.keys.KeyRegistry.securedObject;
import static io.watchsim.sources.keys.KeyTable.GROUP;
import static io.watchsim.sources.keys.KeyTable.MAX_DEPTH;
import static io.watchsim.sources.keys.KeyTable.PROCESS;
import static io.watchsim.sources.keys.KeyTable.SESSION;
import static io.watchsim.sources.keys.KeyTable.THREAD;
import static io.watchsim.sources.keys.KeyTable.USER;
import static io.watchsim.sources.keys.KeyTable.USER_SESSION;

/**
 * Finding keys for a caller: lookup_user_key() of ids and special keyrings (creating those on
 * demand), possession by searching the process keyrings, key_validate(), and the permission
 * checks (the key's own bits, then the LSM's key_permission).
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyLookup {
    // lookup flags
    static final int CREATE = 1;
    static final int PARTIAL = 2;
    // need values beyond the permission bits
    static final int NEED_UNLINK = -1;
    static final int DEFER = -2;

    /** A key found by a lookup, and whether the caller possesses it. */
    record KeyRef(Key key, boolean possessed) {
    }

    private final KeyRegistry registry;

    KeyLookup(KeyRegistry registry) {
        this.registry = registry;
    }

    /** lookup_user_key(): special ids, possession, state checks, then permission. */
    KeyRef lookup(KeyCaller c, int id, int flags, int need) {
        ProcessKeys pk = registry.processKeys(c.pid());
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
                        registry.installSession(pk, registry.newProcessKeyring(c.creds(), "_ses", KeyPerm.ANON_SESSION));
                    } else {
                        registry.installSession(pk, registry.userSessionKeyring(c.creds()));
                    }
                } else if ((flags & CREATE) != 0 && pk.session == registry.userSessionKeyrings.get(c.creds().uid())) {
                    registry.installSession(pk, registry.newProcessKeyring(c.creds(), "_ses", KeyPerm.ANON_SESSION));
                }
                key = pk.session;
                possessed = true;
            }
            case USER -> {
                key = registry.userKeyring(c.creds());
                possessed = true;
            }
            case USER_SESSION -> {
                key = registry.userSessionKeyring(c.creds());
                possessed = true;
            }
            case GROUP -> throw err(Errno.EINVAL, "group keyrings (@g) are not supported");
            default -> {
                if (id < 1) {
                    // @a and the requestor's keyring exist only inside a request's construction.
                    throw err(id == KeyTable.REQKEY_AUTH_KEY || id == KeyTable.REQUESTOR_KEYRING ? Errno.ENOKEY : Errno.EINVAL,
                            "key id " + id + " is not a key or a special keyring");
                }
                key = registry.keys.get(id);
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
        Key k = registry.newProcessKeyring(c.creds(), description, KeyPerm.PROCESS_KEYRING);
        k.refs++;
        return k;
    }

    /** key_validate(). */
    void validate(Key k) {
        if (k.invalidated) {
            throw err(Errno.ENOKEY, "key " + k.serial + " is invalidated");
        }
        if (k.revoked || k.dead) {
            throw err(Errno.EKEYREVOKED, "key " + k.serial + " is revoked");
        }
        if (k.isExpired(registry.now)) {
            throw err(Errno.EKEYEXPIRED, "key " + k.serial + " has expired");
        }
    }

    /** key_task_permission() then the LSM's key_permission. */
    void permission(KeyCaller c, Key k, boolean possessed, int need) {
        if (!allowed(c.creds(), k, possessed, need)) {
            throw err(Errno.EACCES, String.format("key %d (perm %08x, uid %d) does not grant 0x%02x to uid %d%s",
                    k.serial, k.perm, k.uid, need, c.creds().uid(), possessed ? " (possessed)" : ""));
        }
        Decision d = c.policy().checkKeyPermission(c.creds(), securedObject(k), need);
        if (!d.allowed()) {
            throw err(d.errno(), d.engine() + ": " + d.reason());
        }
    }

    /** The LSM's key_permission alone, after a DAC check the caller made itself. */
    void permissionLsm(KeyCaller c, Key k, int need) {
        Decision d = c.policy().checkKeyPermission(c.creds(), securedObject(k), need);
        if (!d.allowed()) {
            throw err(d.errno(), d.engine() + ": " + d.reason());
        }
    }

    static boolean allowed(Credentials cred, Key k, boolean possessed, int need) {
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
    boolean searchable(KeyCaller c, Key k) {
        return allowed(c.creds(), k, true, KeyPerm.SEARCH)
                && c.policy().module().keyPermission(c.creds(), securedObject(k), KeyPerm.SEARCH).allowed();
    }

    /**
     * Possession: the key is found by searching the thread, process and session keyrings (or the
     * user session keyring when there is no session keyring), through keyrings that grant search,
     * at most six levels deep; the key itself must grant search. Linux answers it by searching down
     * from those keyrings ({@code search_process_keyrings_rcu()} with
     * {@code KEYRING_SEARCH_LOOKUP_DIRECT}); the answer is whether such a path exists, and here
     * it is found from the other end: up from the keyrings that link the key, through the keyrings
     * that link those, level by level, until one of the process's keyrings is reached. Each
     * keyring on the way must be neither revoked nor invalidated and grant search, as on the way
     * down, and the levels are bounded alike, so the answer is the same; but it costs the
     * keyrings above the key (3 in a tree of depth 3) rather than every keyring under the
     * process's (10,101 there). Nothing is counted or audited on the way, as before.
     */
    boolean isPossessed(KeyCaller c, Key target) {
        ProcessKeys pk = registry.processKeys(c.pid());
        Key userSession = pk.session == null ? registry.userSessionKeyrings.get(c.creds().uid()) : null;
        if (isSearchRoot(pk, userSession, target) && usable(c, target)) {
            return true;
        }
        if (!searchable(c, target)) {
            return false;
        }
        // Level d: the usable keyrings from which a search at depth d finds the key among their
        // links; each keyring is looked at once per check (marked with the check's number).
        long check = ++possessionChecks;
        List<Key> level = levelA;
        List<Key> up = levelB;
        level.clear();
        up.clear();
        try {
            visit(c, target.firstLinker(), check, level);
            for (Key ring : target.otherLinkers()) {
                visit(c, ring, check, level);
            }
            for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
                for (Key ring : level) {
                    if (isSearchRoot(pk, userSession, ring)) {
                        return true;
                    }
                }
                if (depth + 1 == MAX_DEPTH) {
                    break;
                }
                for (Key ring : level) {
                    visit(c, ring.firstLinker(), check, up);
                    for (Key parent : ring.otherLinkers()) {
                        visit(c, parent, check, up);
                    }
                }
                List<Key> next = up;
                up = level;
                level = next;
                up.clear();
            }
            return false;
        } finally {
            levelA.clear();
            levelB.clear();
        }
    }

    /** Adds {@code ring} to {@code level} if it is there, not yet looked at by this check, and usable. */
    private void visit(KeyCaller c, Key ring, long check, List<Key> level) {
        if (ring == null || ring.possessionCheck == check) {
            return;
        }
        ring.possessionCheck = check;
        possessionSteps++;
        if (usable(c, ring)) {
            level.add(ring);
        }
    }

    /** Whether a search for this process starts at {@code k}: its thread, process or session keyring (or else its user session keyring). */
    private static boolean isSearchRoot(ProcessKeys pk, Key userSession, Key k) {
        return k == pk.thread || k == pk.process || (pk.session != null ? k == pk.session : k == userSession);
    }

    /** A keyring a search may pass through: neither revoked nor invalidated, and it grants search. */
    private boolean usable(KeyCaller c, Key ring) {
        return !ring.revoked && !ring.invalidated && searchable(c, ring);
    }

    /** Keyrings the possession checks have looked at so far: a measure of their work, for tests. */
    long possessionSteps() {
        return possessionSteps;
    }

    private long possessionSteps;
    /** Possession checks made so far: each marks the keyrings it looked at with its number. */
    private long possessionChecks;
    /** The levels of a possession check, kept between checks so that a check allocates nothing. */
    private final List<Key> levelA = new ArrayList<>();
    private final List<Key> levelB = new ArrayList<>();

    /** The keyrings a process search starts from: thread, process, session (or else the user session). */
    List<Key> searchRoots(KeyCaller c) {
        ProcessKeys pk = registry.processKeys(c.pid());
        List<Key> tops = new ArrayList<>(3);
        if (pk.thread != null) {
            tops.add(pk.thread);
        }
        if (pk.process != null) {
            tops.add(pk.process);
        }
        if (pk.session != null) {
            tops.add(pk.session);
        } else if (registry.userSessionKeyrings.containsKey(c.creds().uid())) {
            tops.add(registry.userSessionKeyrings.get(c.creds().uid()));
        }
        return tops;
    }
}
