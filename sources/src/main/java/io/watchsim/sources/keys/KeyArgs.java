package io.watchsim.sources.keys;

import io.watchsim.queues.Errno;

import java.nio.charset.StandardCharsets;

import static io.watchsim.sources.keys.KeyRegistry.err;

/**
 * The argument checks add_key, request_key and keyctl make before they touch any key: the type
 * name, the description and the payload sizes.
 *
 * <p>Concurrency contract: stateless (static checks only); safe from any thread.
 */
final class KeyArgs {
    static final int MAX_PAYLOAD = 1024 * 1024 - 1;
    private static final int MAX_USER_PAYLOAD = 32767;
    private static final int MAX_DESCRIPTION = 4095;

    private KeyArgs() {
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
