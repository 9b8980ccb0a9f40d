package io.watchsim.actors;

import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.NanoClock;

import java.time.Duration;
import java.util.Objects;

/**
 * How a kernel is built: the policy it starts with, how many hosts spread its actors, and how
 * long a call waits before it is reported as a {@link KernelFault}. Waits inside the kernel (a
 * synchronous delivery's collector, a defunct queue waiting for its watches) are bounded by
 * {@link #innerBound()}, shorter than the caller's, so that the part that knows what it was waiting
 * for answers first. {@code history} is told every watch, post and fate when a run asks for a
 * history ({@link KernelHistory#OFF} otherwise). {@code clock} is where objects and watches read the
 * time they stamp on each post ({@link NanoClock#SYSTEM} unless a run supplies its own). {@code delivery} is
 * which actors a record passes on its way to a queue ({@link DeliveryPath#DIRECT}; the earlier path through the
 * watch actors only for the test that compares the two).
 */
public record KernelSettings(SecurityModule initialPolicy, int hosts, Duration askTimeout, KernelHistory history,
                             PlantedFault planted, NanoClock clock, DeliveryPath delivery) {
    public static final KernelSettings DEFAULT = new KernelSettings(PermissiveModule.INSTANCE, 32, Duration.ofSeconds(30));

    public KernelSettings(SecurityModule initialPolicy, int hosts, Duration askTimeout) {
        this(initialPolicy, hosts, askTimeout, KernelHistory.OFF, PlantedFault.NONE, NanoClock.SYSTEM, DeliveryPath.DIRECT);
    }

    public KernelSettings {
        Objects.requireNonNull(initialPolicy);
        Objects.requireNonNull(askTimeout);
        Objects.requireNonNull(history);
        Objects.requireNonNull(planted);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(delivery);
        if (askTimeout.isNegative() || askTimeout.isZero()) {
            throw new IllegalArgumentException("ask timeout " + askTimeout + " must be positive");
        }
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts " + hosts + " must be at least 1");
        }
    }

    /** The bound of waits inside the kernel: two thirds of {@link #askTimeout()}. */
    public Duration innerBound() {
        return askTimeout.multipliedBy(2).dividedBy(3);
    }

    public KernelSettings withAskTimeout(Duration timeout) {
        return new KernelSettings(initialPolicy, hosts, timeout, history, planted, clock, delivery);
    }

    public KernelSettings withPolicy(SecurityModule policy) {
        return new KernelSettings(policy, hosts, askTimeout, history, planted, clock, delivery);
    }

    public KernelSettings withHosts(int n) {
        return new KernelSettings(initialPolicy, n, askTimeout, history, planted, clock, delivery);
    }

    /** For tests only: the same kernel with a bug planted in it, so that a checker can be shown to catch it. */
    public KernelSettings withPlantedFault(PlantedFault fault) {
        return new KernelSettings(initialPolicy, hosts, askTimeout, history, fault, clock, delivery);
    }

    /** The same kernel, telling {@code log} what its objects and queues do (a run's history). */
    public KernelSettings withHistory(KernelHistory log) {
        return new KernelSettings(initialPolicy, hosts, askTimeout, log, planted, clock, delivery);
    }

    /**
     * For tests only: the same kernel with records passing {@code path} between objects and queues
     * ({@link DeliveryPath#DIRECT} unless a test compares it with the earlier path through the watch actors).
     */
    public KernelSettings withDeliveryPath(DeliveryPath path) {
        return new KernelSettings(initialPolicy, hosts, askTimeout, history, planted, clock, path);
    }

    /** The same kernel, stamping posts with the time {@code source} reads. */
    public KernelSettings withClock(NanoClock source) {
        return new KernelSettings(initialPolicy, hosts, askTimeout, history, planted, source, delivery);
    }
}
