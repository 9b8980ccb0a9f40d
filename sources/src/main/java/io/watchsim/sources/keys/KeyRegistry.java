package io.watchsim.sources.keys;

import io.watchsim.queues.ErrnoException;
import io.watchsim.actors.ObjectEvent;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The shared state of the key table: every live key by serial, the keyrings of each process and
 * user, the simulated clock and gc delay, the serial allocator and the {@link KeyStep}s the call
 * in progress has produced; plus the helpers every part uses to create keys, post notifications
 * and fail with an errno.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it, which shares it
 * with its other parts); not thread-safe.
 */
final class KeyRegistry {
    /** The keyrings of one process. */
    static final class ProcessKeys {
        Key thread;
        Key process;
        Key session;
    }

    final KeySerialAllocator serials;
    final Map<Integer, Key> keys = new HashMap<>();
    final Map<Long, ProcessKeys> processes = new HashMap<>();
    final Map<Integer, Key> userKeyrings = new HashMap<>();
    final Map<Integer, Key> userSessionKeyrings = new HashMap<>();
    /** Simulated ms since the kernel started; never above {@link KeyTable#END_OF_TIME}. */
    long now;
    long gcDelay = KeyTable.DEFAULT_GC_DELAY_MS;
    /** What the garbage collector has been given to do: each call adds O(what it changed). */
    final KeyGcWork gcWork = new KeyGcWork();
    private List<KeyStep> steps = new ArrayList<>();

    KeyRegistry(RandomGenerator random) {
        this.serials = new KeySerialAllocator(random);
    }

    // ------------------------------------------------------------------ steps

    /** Starts collecting the steps of a new call (or time advance). */
    void beginSteps() {
        steps = new ArrayList<>();
    }

    void addStep(KeyStep step) {
        steps.add(step);
    }

    List<KeyStep> takeSteps() {
        List<KeyStep> out = steps;
        steps = new ArrayList<>();
        return out;
    }

    static ErrnoException err(Errno errno, String detail) {
        return new ErrnoException(errno, detail);
    }

    void notify(Key k, int subtype, int aux) {
        steps.add(new KeyStep.Post(ObjectEvent.of(k.serial, KeyNotify.of(subtype, k.serial, aux))));
    }

    // ------------------------------------------------------------------ creation

    Key newKey(KeyType type, String description, Credentials c, int perm, int gid) {
        Key k = new Key(serials.allocate(keys::containsKey), type, description, c.uid(), gid, perm, c.label());
        keys.put(k.serial, k);
        gcWork.unreferenced.add(k);
        steps.add(new KeyStep.Create(securedObject(k)));
        return k;
    }

    /**
     * Drops one reference to {@code k}; at zero it becomes work for the collector, which reaps it
     * at its next pass (key_put() scheduling the gc work item), not now.
     */
    void dropRef(Key k) {
        if (--k.refs <= 0) {
            gcWork.unreferenced.add(k);
        }
    }

    /**
     * key_set_expiry(): sets a key's expiry (or revocation time); a finite one arms the gc timer
     * for the moment the key falls due, that expiry plus the gc delay.
     */
    void setExpiry(Key k, long expiry) {
        k.expiry = expiry;
        if (expiry != Key.NEVER) {
            gcWork.timers.add(new KeyGcWork.Timer(expiry, k));
        }
    }

    /** key_invalidate(): marks a key invalidated and asks for a pass over the links (key_schedule_gc_links()). */
    void invalidate(Key k) {
        k.invalidated = true;
        gcWork.invalidated.add(k);
        gcWork.linksPassWanted = true;
    }

    static SecuredObject securedObject(Key k) {
        return new SecuredObject(ObjectKind.KEY, Integer.toUnsignedLong(k.serial), k.description, k.label);
    }

    ProcessKeys processKeys(long pid) {
        return processes.computeIfAbsent(pid, p -> new ProcessKeys());
    }

    Key userKeyring(Credentials c) {
        return userKeyrings(c, false);
    }

    Key userSessionKeyring(Credentials c) {
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
    Key newProcessKeyring(Credentials c, String description, int perm) {
        Key k = newKey(KeyType.KEYRING, description, c, perm, c.gid());
        k.instantiated = true;
        return k;
    }

    void installSession(ProcessKeys pk, Key session) {
        if (pk.session != null) {
            dropRef(pk.session);
        }
        pk.session = session;
        if (session != null) {
            session.refs++;
        }
    }
}
