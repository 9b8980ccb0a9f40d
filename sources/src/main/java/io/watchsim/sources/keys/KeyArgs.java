package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;

import java.nio.charset.StandardCharsets;

import static io.watchsim.sources.keys.KeyRegistry.err;

/**
 * The argument checks add_key, request_key and keyctl make before they touch any key: the type
 * name, the description and the payload sizes; and the C conversions the keyctl syscall applies
 * to its {@code unsigned long} arguments ({@code SYSCALL_DEFINE5(keyctl, ...)} in
 * security/keys/keyctl.c), so that a value too wide for its field is cut as Linux cuts it.
 *
 * <p>Concurrency contract: stateless (static checks only); safe from any thread.
 */
final class KeyArgs {
    static final int MAX_PAYLOAD = 1024 * 1024 - 1;
    private static final int MAX_USER_PAYLOAD = 32767;
    private static final int MAX_DESCRIPTION = 4095;

    private KeyArgs() {
    }

    /** {@code (unsigned) arg}, {@code (uid_t) arg}, {@code (key_perm_t) arg}: the low 32 bits, unsigned. */
    static long asUnsigned32(long argument) {
        return argument & 0xFFFF_FFFFL;
    }

    /** {@code (int) arg}, {@code (key_serial_t) arg}: the low 32 bits, signed. */
    static int asInt(long argument) {
        return (int) argument;
    }

    static void checkTypeName(String typeName) {
        if (typeName.isEmpty() || typeName.length() >= 32) {
            throw err(Errno.EINVAL, "key type name '" + typeName + "' must be 1..31 characters");
        }
        if (typeName.startsWith(".")) {
            throw err(Errno.EPERM, "key type names starting with '.' are the kernel's");
        }
    }

    static String checkDescription(String description) {
        if (description == null || description.isEmpty()) {
            return null;
        }
        if (description.getBytes(StandardCharsets.UTF_8).length > MAX_DESCRIPTION) {
            throw err(Errno.EINVAL, "description longer than " + MAX_DESCRIPTION + " bytes");
        }
        return description;
    }

    static void checkPayload(KeyType type, byte[] payload) {
        int plen = payload == null ? 0 : payload.length;
        if (type == KeyType.KEYRING) {
            if (plen != 0) {
                throw err(Errno.EINVAL, "a keyring takes no payload");
            }
        } else if (plen == 0 || plen > MAX_USER_PAYLOAD) {
            throw err(Errno.EINVAL, "a " + type.typeName() + " key needs a payload of 1.." + MAX_USER_PAYLOAD + " bytes");
        }
    }
}
