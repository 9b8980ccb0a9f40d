package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Units;
import org.apache.pekko.actor.typed.ActorRef;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A fault plan being carried out ({@link FaultInjector#start}); its owner stops it at the run's end. */
public final class RunningFaults {
    private final ActorRef<FaultInjector.Command> injector;
    private final CompletableFuture<Void> stopped;
    private final Duration stopBound;
    private final RunTimers timers;

    RunningFaults(ActorRef<FaultInjector.Command> injector, CompletableFuture<Void> stopped, Duration stopBound,
                  RunTimers timers) {
        this.injector = injector;
        this.stopped = stopped;
        this.stopBound = stopBound;
        this.timers = timers;
    }

    /**
     * Stops the plan: no fault fires any more and no further call is made. Completes once no fault
     * is firing and every kernel call a fault made has been answered (or counted unanswered past its
     * bound), so that the fault log and the effects are final. Bounded: it fails with an
     * {@link IllegalStateException} if the injector has not stopped within twice a call's bound and
     * five seconds more (a bug, never a slow kernel). Asking again is harmless.
     */
    public CompletionStage<Void> stop() {
        injector.tell(FaultInjector.Stop.INSTANCE);
        return timers.within(stopped, stopBound, () -> new IllegalStateException("the fault injector did not stop"
                + " within " + Units.format(stopBound)));
    }
}
