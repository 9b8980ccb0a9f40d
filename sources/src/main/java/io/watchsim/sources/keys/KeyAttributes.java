package io.watchsim.sources.keys;

import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.SysResult;
import io.watchsim.policies.Capability;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.sources.keys.KeyLookup.KeyRef;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.watchsim.sources.keys.KeyArgs.asInt;
import static io.watchsim.sources.keys.KeyArgs.asUnsigned32;
import static io.watchsim.sources.keys.KeyArgs.checkTypeName;
import static io.watchsim.sources.keys.KeyLookup.CREATE;
import static io.watchsim.sources.keys.KeyLookup.DEFER;
import static io.watchsim.sources.keys.KeyLookup.PARTIAL;
import static io.watchsim.sources.keys.KeyLookup.allowed;
import static io.watchsim.sources.keys.KeyRegistry.err;

/**
 * A key's attributes: the SETATTR calls (KEYCTL_SETPERM, CHOWN, SET_TIMEOUT, RESTRICT_KEYRING)
 * and the calls that read a key out (KEYCTL_DESCRIBE, READ, GET_SECURITY), each returning its
 * result for {@link KeyTable} to wrap.
 *
 * <p>Concurrency contract: single owner (the {@link KeyTable} that creates it); not thread-safe.
 */
final class KeyAttributes {
    /** from_kgid_munged() of INVALID_GID. */
    static final int OVERFLOW_ID = 65534;
    /** (uid_t) -1 and (gid_t) -1: KEYCTL_CHOWN leaves that field as it is. */
    private static final int UNCHANGED = -1;

    private final KeyRegistry registry;
    private final KeyLookup lookup;

    KeyAttributes(KeyRegistry registry, KeyLookup lookup) {
        this.registry = registry;
        this.lookup = lookup;
    }

    /** KEYCTL_SETPERM: the mask is a key_perm_t (32 bits); the owner or CAP_SYS_ADMIN; SETATTR. */
    SysResult setPerm(KeyCaller c, int id, long permArgument) {
        long perm = asUnsigned32(permArgument);
        if ((perm & ~(long) KeyPerm.VALID) != 0) {
            throw err(Errno.EINVAL, String.format("perm 0x%x has bits outside 0x3f3f3f3f", perm));
        }
        Key k = lookup.lookup(c, id, CREATE | PARTIAL, KeyPerm.SETATTR).key();
        if (k.uid != c.creds().uid() && !c.creds().has(Capability.CAP_SYS_ADMIN)) {
            throw err(Errno.EACCES, "only the owner or CAP_SYS_ADMIN may change the permissions");
        }
        k.perm = (int) perm;
        registry.notify(k, KeyNotify.NOTIFY_KEY_SETATTR, 0);
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_CHOWN, keyctl_chown_key(): the ids arrive as uid_t and gid_t (32 bits), and
     * (uid_t) -1 leaves a field as it is; both -1 return 0 before the key is even looked up, and
     * post nothing. In the initial user namespace every other id maps, so none is EINVAL.
     * Changing the owner, or to a group one is not in, needs CAP_SYS_ADMIN; SETATTR otherwise,
     * even when nothing changes.
     */
    SysResult chown(KeyCaller c, int id, long uidArgument, long gidArgument) {
        int uid = asInt(asUnsigned32(uidArgument));
        int gid = asInt(asUnsigned32(gidArgument));
        if (uid == UNCHANGED && gid == UNCHANGED) {
            return SysResult.ok(0);
        }
        Key k = lookup.lookup(c, id, CREATE | PARTIAL, KeyPerm.SETATTR).key();
        boolean privileged = (uid != UNCHANGED && uid != k.uid)
                || (gid != UNCHANGED && gid != k.gid && !c.creds().inGroup(gid));
        if (privileged && !c.creds().has(Capability.CAP_SYS_ADMIN)) {
            throw err(Errno.EACCES, "changing the owner or to a foreign group needs CAP_SYS_ADMIN");
        }
        if (uid != UNCHANGED) {
            k.uid = uid;
        }
        if (gid != UNCHANGED) {
            k.gid = gid;
        }
        registry.notify(k, KeyNotify.NOTIFY_KEY_SETATTR, 0);
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_SET_TIMEOUT: the seconds arrive as an unsigned int (key_set_timeout()), so a wider
     * value is cut to its low 32 bits, at most about 136 years; 0 clears the timeout; SETATTR.
     */
    SysResult setTimeout(KeyCaller c, int id, long secondsArgument) {
        long seconds = asUnsigned32(secondsArgument);
        Key k = lookup.lookup(c, id, CREATE | PARTIAL, KeyPerm.SETATTR).key();
        registry.setExpiry(k, seconds == 0 ? Key.NEVER : registry.now + seconds * 1000);
        registry.notify(k, KeyNotify.NOTIFY_KEY_SETATTR, 0);
        return SysResult.ok(0);
    }

    /**
     * KEYCTL_RESTRICT_KEYRING. A null type and restriction reject every later link (EPERM);
     * user, logon and keyring have no restriction schemes (ENOENT); other types are unknown here
     * (ENOKEY).
     */
    SysResult restrict(KeyCaller c, int id, String typeName, String restriction) {
        Key ring = lookup.lookup(c, id, 0, KeyPerm.SETATTR).key();
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
        registry.notify(ring, KeyNotify.NOTIFY_KEY_SETATTR, 0);
        return SysResult.ok(0);
    }

    /** KEYCTL_DESCRIBE: "type;uid;gid;perm;description", its length counting the NUL. */
    SysResult describe(KeyCaller c, int id) {
        Key k = lookup.lookup(c, id, PARTIAL, KeyPerm.VIEW).key();
        String text = String.format("%s;%d;%d;%08x;%s", k.type.typeName(), munged(k.uid), munged(k.gid), k.perm,
                k.description == null ? "" : k.description);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SysResult.withData(bytes.length + 1, bytes);
    }

    private static long munged(int id) {
        return id == -1 ? OVERFLOW_ID : Integer.toUnsignedLong(id);
    }

    /** KEYCTL_READ: the payload, or a keyring's serials; a possessed key is readable without READ. */
    SysResult read(KeyCaller c, int id) {
        KeyRef ref;
        try {
            ref = lookup.lookup(c, id, 0, DEFER);
        } catch (ErrnoException e) {
            throw err(Errno.ENOKEY, e.detail());
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
            lookup.permissionLsm(c, k, KeyPerm.READ);
        }
        if (!k.type.readable()) {
            throw err(Errno.EOPNOTSUPP, "a " + k.type.typeName() + " key cannot be read");
        }
        lookup.validate(k);
        if (k.isKeyring()) {
            ByteBuffer b = ByteBuffer.allocate(4 * k.links.size()).order(ByteOrder.LITTLE_ENDIAN);
            k.links.forEach(l -> b.putInt(l.serial));
            return SysResult.withData(b.capacity(), b.array());
        }
        byte[] p = k.payload == null ? new byte[0] : k.payload.clone();
        return SysResult.withData(p.length, p);
    }

    /** KEYCTL_GET_SECURITY: the key's Smack label; the length counts the NUL. */
    SysResult getSecurity(KeyCaller c, int id) {
        Key k;
        try {
            k = lookup.lookup(c, id, PARTIAL, KeyPerm.VIEW).key();
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EACCES) {
                throw err(Errno.ENOKEY, "no instantiation authority for key " + id);
            }
            throw e;
        }
        byte[] label = (k.label == null ? "" : k.label).getBytes(StandardCharsets.UTF_8);
        return SysResult.withData(label.length + 1, label);
    }
}
