package io.watchsim.sources.keys;

import io.watchsim.actors.WatchList;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.Errno;
import io.watchsim.sources.keys.KeyRegistry.ProcessKeys;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import static io.watchsim.sources.keys.KeyLookup.CREATE;
import static io.watchsim.sources.keys.KeyLookup.DEFER;
import static io.watchsim.sources.keys.KeyLookup.allowed;
import static io.watchsim.sources.keys.KeyRegistry.err;
import static io.watchsim.sources.keys.KeyRegistry.securedObject;

/**
 * The key subsystem of one simulated kernel as a plain single-owner model: every key and keyring,
 * the keyrings of each process and user, the permission checks and errnos of
 * {@code security/keys}, the notifications each operation posts ({@code notify_key()} in
 * security/keys) and garbage collection on simulated time. The {@code KeyService} actor owns one and carries out the {@link KeyStep}s
 * each call returns (creating key actors, posting records, destroying keys).
 *
 * <p>This class is the public face; the work is shared among package-private parts over one
 * {@link KeyRegistry} of state: {@link KeyLookup} (lookup, possession, permission),
 * {@link KeyLifecycle} (add, update, revoke, invalidate), {@link KeyLinks} (links and the calls
 * that change them), {@link KeyAttributes} (SETATTR and read calls), {@link KeyRequests}
 * (request_key), {@link KeyCollector} (garbage collection and time) and {@link KeyArgs}
 * (argument checks). Each call runs here, in {@code call}; the process calls and inspection are
 * answered here too.
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
    /** KEY_SPEC_REQKEY_AUTH_KEY ({@code @a}): the authorisation key of a request being constructed. */
    public static final int REQKEY_AUTH_KEY = -7;
    /** KEY_SPEC_REQUESTOR_KEYRING: the keyring of the process that asked for the key being constructed. */
    public static final int REQUESTOR_KEYRING = -8;

    /** /proc/sys/kernel/keys/gc_delay default: 300 s. */
    public static final long DEFAULT_GC_DELAY_MS = 300_000;
    /**
     * /proc/sys/kernel/keys/gc_delay takes 0..INT_MAX seconds (proc_dointvec_minmax with
     * SYSCTL_ZERO and SYSCTL_INT_MAX, security/keys/sysctl.c).
     */
    public static final long MAX_GC_DELAY_SECONDS = Integer.MAX_VALUE;
    /**
     * Simulated time stops here (in ms, about 146 million years): far beyond anything a script
     * can wait for, and low enough that a moment plus the longest key timeout and gc delay never
     * overflows, so that Long.MAX_VALUE keeps meaning "nothing due".
     */
    public static final long END_OF_TIME = Long.MAX_VALUE / 2;
    static final int MAX_DEPTH = 6;

    private final KeyRegistry registry;
    private final KeyLookup lookup;
    private final KeyLinks links;
    private final KeyAttributes attributes;
    private final KeyRequests requests;
    private final KeyCollector collector;
    private final KeyLifecycle lifecycle;

    public KeyTable(RandomGenerator random) {
        this.registry = new KeyRegistry(random);
        this.lookup = new KeyLookup(registry);
        this.links = new KeyLinks(registry, lookup);
        this.attributes = new KeyAttributes(registry, lookup);
        this.requests = new KeyRequests(registry, lookup, links);
        this.collector = new KeyCollector(registry);
        this.lifecycle = new KeyLifecycle(registry, lookup, links);
    }

    // =====================================================================================
    // Time and garbage collection
    // =====================================================================================

    public long now() {
        return registry.now;
    }

    public long gcDelayMs() {
        return registry.gcDelay;
    }

    /** /proc/sys/kernel/keys/gc_delay: 0..{@link #MAX_GC_DELAY_SECONDS}, else IllegalArgumentException. */
    public void setGcDelay(long seconds) {
        if (seconds < 0 || seconds > MAX_GC_DELAY_SECONDS) {
            throw new IllegalArgumentException("gc delay " + seconds + " s is out of range; allowed 0.."
                    + MAX_GC_DELAY_SECONDS);
        }
        registry.gcDelay = seconds * 1000;
    }

    /**
     * Lets {@code ms} (0 or more) of simulated time pass: the garbage collector's pending work
     * runs at once, keys expire, and a pass runs at every moment a key falls due (expiry or
     * revocation plus the gc delay). Time stops at {@link #END_OF_TIME}. See {@link KeyCollector}.
     */
    public List<KeyStep> advance(long ms) {
        return collector.advance(ms);
    }

    /**
     * The next moment the garbage collector has work: now when work is pending (it runs at the
     * next key call or when time passes), else the moment the next key falls due, else
     * Long.MAX_VALUE.
     */
    public long nextGcTime() {
        return collector.nextGcTime();
    }

    /** Keyrings the possession checks have looked at so far: a measure of their work, for tests. */
    long possessionWork() {
        return lookup.possessionSteps();
    }

    /** The lookups (possession, permission), for tests. */
    KeyLookup lookup() {
        return lookup;
    }

    /** The key with that serial, or null: for tests. */
    Key find(int serial) {
        return registry.keys.get(serial);
    }

    /** The garbage collector's steps so far (timers, links, reaping): a measure of its work, for tests. */
    long gcWork() {
        return collector.work();
    }

    // =====================================================================================
    // Calls
    // =====================================================================================

    /** The outcome of one call: its result and the steps to carry out, in order. */
    public record Outcome(SysResult result, List<KeyStep> steps) {
    }

    @FunctionalInterface
    private interface Call {
        SysResult run();
    }

    /**
     * Runs a call: first the garbage collector's pending work (a deferred work item runs before
     * the next key system call, see {@link KeyCollector}), then the call; errors become results.
     * The work the call itself gives the collector waits for the next call or for time to pass.
     */
    private Outcome call(Call c) {
        registry.beginSteps();
        collector.runPending();
        SysResult r;
        try {
            r = c.run();
        } catch (ErrnoException e) {
            r = SysResult.of(e);
        }
        return new Outcome(r, registry.takeSteps());
    }

    // ------------------------------------------------------------------ processes

    /** KEYCTL_JOIN_SESSION_KEYRING; a null name makes a new anonymous session keyring. */
    public Outcome joinSession(KeyCaller c, String name) {
        return call(() -> {
            ProcessKeys pk = registry.processKeys(c.pid());
            if (name == null) {
                Key ses = registry.newProcessKeyring(c.creds(), "_ses", KeyPerm.ANON_SESSION);
                registry.installSession(pk, ses);
                return SysResult.ok(ses.serial);
            }
            if (name.startsWith(".")) {
                throw err(Errno.EPERM, "session keyring names may not start with '.'");
            }
            Key found = null;
            for (Key k : new TreeMap<>(registry.keys).values()) {
                if (k.isKeyring() && name.equals(k.description) && !k.revoked && !k.invalidated
                        && allowed(c.creds(), k, false, KeyPerm.SEARCH)) {
                    found = k;
                    break;
                }
            }
            if (found == null) {
                found = registry.newProcessKeyring(c.creds(), name, KeyPerm.NAMED_SESSION);
                registry.installSession(pk, found);
                return SysResult.ok(found.serial);
            }
            if (pk.session == found) {
                return SysResult.ok(0);
            }
            registry.installSession(pk, found);
            return SysResult.ok(found.serial);
        });
    }

    /** The serial a special keyring id stands for now, creating it as KEYCTL_GET_KEYRING_ID with create does. */
    public Outcome keyringId(KeyCaller c, int id, boolean create) {
        return call(() -> SysResult.ok(lookup.lookup(c, id, create ? CREATE : 0, DEFER).key().serial));
    }

    /** The serial of a special keyring if the process has it, else 0 (never creates). */
    public int specialSerial(long pid, int uid, int id) {
        ProcessKeys pk = registry.processKeys(pid);
        Key k = switch (id) {
            case THREAD -> pk.thread;
            case PROCESS -> pk.process;
            case SESSION -> pk.session;
            case USER -> registry.userKeyrings.get(uid);
            case USER_SESSION -> registry.userSessionKeyrings.get(uid);
            default -> null;
        };
        return k == null ? 0 : k.serial;
    }

    // ------------------------------------------------------------------ add_key

    /** add_key(2): a new key linked into {@code ringId}, or an update of the one already there. */
    public Outcome add(KeyCaller c, String typeName, String description, byte[] payload, int ringId) {
        return call(() -> lifecycle.add(c, typeName, description, payload, ringId));
    }

    // ------------------------------------------------------------------ keyctl

    /** KEYCTL_UPDATE. */
    public Outcome update(KeyCaller c, int id, byte[] payload) {
        return call(() -> lifecycle.update(c, id, payload));
    }

    /** KEYCTL_LINK. */
    public Outcome link(KeyCaller c, int keyId, int ringId) {
        return call(() -> links.link(c, keyId, ringId));
    }

    /** KEYCTL_UNLINK: works on keys in any state; UNLINKED on the keyring. */
    public Outcome unlink(KeyCaller c, int keyId, int ringId) {
        return call(() -> links.unlink(c, keyId, ringId));
    }

    /**
     * KEYCTL_MOVE (flags cut to unsigned int; 1 = KEYCTL_MOVE_EXCL): UNLINKED on the source, then
     * LINKED on the destination; a like key displaced there gets no UNLINKED.
     */
    public Outcome move(KeyCaller c, int keyId, int fromId, int toId, long flags) {
        return call(() -> links.move(c, keyId, fromId, toId, flags));
    }

    /** KEYCTL_REVOKE: REVOKED once; a keyring is emptied silently; collected once the gc delay has passed. */
    public Outcome revoke(KeyCaller c, int id) {
        return call(() -> lifecycle.revoke(c, id));
    }

    /** KEYCTL_INVALIDATE: INVALIDATED; the garbage collector's next pass takes the key. */
    public Outcome invalidate(KeyCaller c, int id) {
        return call(() -> lifecycle.invalidate(c, id));
    }

    /** KEYCTL_CLEAR: CLEARED even when already empty; no per-key UNLINKED. */
    public Outcome clear(KeyCaller c, int id) {
        return call(() -> links.clear(c, id));
    }

    /** KEYCTL_SETPERM: the mask cut to key_perm_t (32 bits); the owner or CAP_SYS_ADMIN; SETATTR. */
    public Outcome setPerm(KeyCaller c, int id, long perm) {
        return call(() -> attributes.setPerm(c, id, perm));
    }

    /**
     * KEYCTL_CHOWN: the ids are the syscall's uid_t and gid_t, cut to 32 bits; (uid_t) -1 leaves a
     * field. Changing the owner, or to a group one is not in, needs CAP_SYS_ADMIN.
     */
    public Outcome chown(KeyCaller c, int id, long uid, long gid) {
        return call(() -> attributes.chown(c, id, uid, gid));
    }

    /** KEYCTL_SET_TIMEOUT: seconds cut to the syscall's unsigned int (0 clears it); SETATTR. */
    public Outcome setTimeout(KeyCaller c, int id, long seconds) {
        return call(() -> attributes.setTimeout(c, id, seconds));
    }

    /**
     * KEYCTL_RESTRICT_KEYRING. A null type and restriction reject every later link (EPERM);
     * user, logon and keyring have no restriction schemes (ENOENT); other types are unknown here
     * (ENOKEY).
     */
    public Outcome restrict(KeyCaller c, int id, String typeName, String restriction) {
        return call(() -> attributes.restrict(c, id, typeName, restriction));
    }

    /** KEYCTL_DESCRIBE: "type;uid;gid;perm;description", its length counting the NUL. */
    public Outcome describe(KeyCaller c, int id) {
        return call(() -> attributes.describe(c, id));
    }

    /** KEYCTL_READ: the payload, or a keyring's serials; a possessed key is readable without READ. */
    public Outcome read(KeyCaller c, int id) {
        return call(() -> attributes.read(c, id));
    }

    /** KEYCTL_GET_SECURITY: the key's Smack label; the length counts the NUL. */
    public Outcome getSecurity(KeyCaller c, int id) {
        return call(() -> attributes.getSecurity(c, id));
    }

    /**
     * The checks KEYCTL_WATCH_KEY makes before the watch itself is added: the tag (the syscall's
     * int, see {@link #watchTag}), then the key with VIEW (creating a special keyring if named;
     * a negative key gives its error). The queue, LSM hook and duplicate checks follow in the
     * key's actor.
     */
    public Outcome checkWatch(KeyCaller c, int id, long tagArgument) {
        return call(() -> {
            int tag = watchTag(tagArgument);
            if (tag < WatchList.REMOVE_TAG || tag > WatchList.MAX_TAG) {
                throw err(Errno.EINVAL, "tag " + tag + " is out of range; allowed " + WatchList.REMOVE_TAG + ".."
                        + WatchList.MAX_TAG);
            }
            Key k = lookup.lookup(c, id, CREATE, KeyPerm.VIEW).key();
            return SysResult.ok(k.serial);
        });
    }

    /** KEYCTL_WATCH_KEY's watch_id as the syscall takes it: {@code (int) arg4}. */
    public static int watchTag(long argument) {
        return KeyArgs.asInt(argument);
    }

    // ------------------------------------------------------------------ request_key

    /** How the callout of a request constructs a key it did not find. */
    public sealed interface Construction {
        /** KEYCTL_INSTANTIATE with this payload. */
        record Instantiate(byte[] payload) implements Construction {
        }

        /** KEYCTL_REJECT with a timeout (cut to unsigned int) and an errno (KEYCTL_NEGATE is ENOKEY). */
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
        return call(() -> requests.requestBegin(c, typeName, description, destId, callout));
    }

    /** The callout's KEYCTL_INSTANTIATE or KEYCTL_REJECT of a key under construction (no destination). */
    public Outcome construct(int serial, Construction how) {
        return call(() -> requests.construct(serial, how));
    }

    // ------------------------------------------------------------------ inspection

    /**
     * The first key, in serial order, of that type and description that the caller may view:
     * what keyutils finds by reading /proc/keys for a {@code %type:description} argument.
     */
    public Outcome find(KeyCaller c, String typeName, String description) {
        return call(() -> {
            for (Key k : new TreeMap<>(registry.keys).values()) {
                if (k.type.typeName().equals(typeName) && Objects.equals(k.description, description)
                        && allowed(c.creds(), k, lookup.isPossessed(c, k), KeyPerm.VIEW)
                        && c.policy().module().keyPermission(c.creds(), securedObject(k), KeyPerm.VIEW).allowed()) {
                    return SysResult.ok(k.serial);
                }
            }
            throw err(Errno.ENOKEY, "no visible " + typeName + " key '" + description + "'");
        });
    }

    /** Whether a key was allocated by a request and is not yet instantiated or rejected. */
    public boolean isUnderConstruction(int serial) {
        Key k = registry.keys.get(serial);
        return k != null && !k.instantiated && k.rejected == null;
    }

    /** Whether a serial names a key the collector has not destroyed yet (it may have no reference left). */
    public boolean exists(int serial) {
        return registry.keys.containsKey(serial);
    }

    public int keyCount() {
        return registry.keys.size();
    }

    /** The serials linked in a keyring, in link order (empty for other keys). */
    public List<Integer> linksOf(int serial) {
        Key k = registry.keys.get(serial);
        if (k == null) {
            return List.of();
        }
        List<Integer> out = new java.util.ArrayList<>(k.links.size());
        k.links.forEach(l -> out.add(l.serial));
        return out;
    }
}
