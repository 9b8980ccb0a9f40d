package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event generator ({@code workload.NAME}): key operations drawn from a weighted mix, issued on
 * an injection profile, with the credentials of the process that makes them (the event source
 * the post hook judges). Its random stream is {@link RandomStreams#generator}.
 *
 * @param name        the generator's name
 * @param objects     the object group the operations on keys act on
 * @param keyrings    the keyring group that link, unlink, add and clear act on; empty: the keyring
 *                    group {@code objects} is linked into
 * @param mix         each operation's weight (not negative, some positive); an operation's share
 *                    is its weight over the sum
 * @param injection   when operations are issued
 * @param credentials the process's credentials
 * @param keyTimeout  the timeout the {@code timeout} operation sets, whole seconds
 * @param maxInFlight operations issued and not yet answered, at most; past it an open-model
 *                    generator counts what it could not send instead of queueing it
 * @param maxBacklog  the kernel's backlog (deliveries its objects handed on that no queue has given
 *                    a fate yet) at which the generator holds back: an open model counts what it
 *                    holds back as unsent, a closed model's clients wait. A call answers once its
 *                    records are handed on, so the backlog stays under about this plus
 *                    max-in-flight times the largest fan-out
 * @param mountMix    for a generator whose {@code objects} is a mount tree: each mount operation's
 *                    weight (a generator draws key operations or mount operations, never both)
 */
public record Generator(String name, String objects, Optional<String> keyrings, Map<KeyOperation, Double> mix,
                        Injection injection, Credentials credentials, Duration keyTimeout, int maxInFlight,
                        int maxBacklog, Map<MountOperation, Double> mountMix) {
    public static final Duration DEFAULT_KEY_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
    public static final int DEFAULT_MAX_BACKLOG = 1_000_000;

    public Generator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(keyrings, "keyrings");
        Objects.requireNonNull(injection, "injection");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(keyTimeout, "keyTimeout");
        EnumMap<KeyOperation, Double> copy = new EnumMap<>(KeyOperation.class);
        copy.putAll(mix);
        mix = Collections.unmodifiableMap(copy);
        EnumMap<MountOperation, Double> mounts = new EnumMap<>(MountOperation.class);
        mounts.putAll(mountMix);
        mountMix = Collections.unmodifiableMap(mounts);
    }

    /** A generator of key operations. */
    public Generator(String name, String objects, Optional<String> keyrings, Map<KeyOperation, Double> mix,
                     Injection injection, Credentials credentials, Duration keyTimeout, int maxInFlight,
                     int maxBacklog) {
        this(name, objects, keyrings, mix, injection, credentials, keyTimeout, maxInFlight, maxBacklog, Map.of());
    }

    /** Whether it draws mount operations (on a mount tree) rather than key operations. */
    public boolean onMounts() {
        return !mountMix.isEmpty();
    }

    /** The same generator with the mount operation {@code op} at {@code weight} in its mix. */
    public Generator with(MountOperation op, double weight) {
        EnumMap<MountOperation, Double> more = new EnumMap<>(MountOperation.class);
        more.putAll(mountMix);
        more.put(op, weight);
        return new Generator(name, objects, keyrings, mix, injection, credentials, keyTimeout, maxInFlight,
                maxBacklog, more);
    }

    /** A generator on {@code objects} with an empty mix (add operations with {@link #with}), as root. */
    public static Generator of(String name, String objects, Injection injection) {
        return new Generator(name, objects, Optional.empty(), Map.of(), injection, Credentials.root(),
                DEFAULT_KEY_TIMEOUT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_BACKLOG);
    }

    /** The same generator with {@code op} at {@code weight} in its mix. */
    public Generator with(KeyOperation op, double weight) {
        EnumMap<KeyOperation, Double> more = new EnumMap<>(KeyOperation.class);
        more.putAll(mix);
        more.put(op, weight);
        return new Generator(name, objects, keyrings, more, injection, credentials, keyTimeout, maxInFlight,
                maxBacklog, mountMix);
    }

    public Generator withInjection(Injection newInjection) {
        return new Generator(name, objects, keyrings, mix, newInjection, credentials, keyTimeout, maxInFlight,
                maxBacklog, mountMix);
    }

    public Generator withKeyrings(String keyringGroup) {
        return new Generator(name, objects, Optional.of(keyringGroup), mix, injection, credentials, keyTimeout,
                maxInFlight, maxBacklog, mountMix);
    }

    public Generator withCredentials(Credentials newCredentials) {
        return new Generator(name, objects, keyrings, mix, injection, newCredentials, keyTimeout, maxInFlight,
                maxBacklog, mountMix);
    }

    public Generator withKeyTimeout(Duration timeout) {
        return new Generator(name, objects, keyrings, mix, injection, credentials, timeout, maxInFlight,
                maxBacklog, mountMix);
    }

    public Generator withMaxInFlight(int max) {
        return new Generator(name, objects, keyrings, mix, injection, credentials, keyTimeout, max,
                maxBacklog, mountMix);
    }

    public Generator withMaxBacklog(int max) {
        return new Generator(name, objects, keyrings, mix, injection, credentials, keyTimeout, maxInFlight, max,
                mountMix);
    }
}
