package io.watchsim.actors;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique names for actors started many times in one actor system ({@code stopping-1}, {@code stopping-2},
 * ...): a counter per name prefix, per actor system, never per JVM. So two runs in one JVM, each on its
 * own system, name their actors alike; a deterministic run, whose schedule may depend on actor paths,
 * then does not depend on what ran before it in the JVM.
 */
public final class ActorNames implements Extension {
    private static final ExtensionId<ActorNames> ID = new ExtensionId<>() {
        @Override
        public ActorNames createExtension(ActorSystem<?> system) {
            return new ActorNames();
        }
    };

    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    private ActorNames() {
    }

    /** The names of {@code system}. */
    public static ActorNames of(ActorSystem<?> system) {
        return ID.apply(system);
    }

    /** The next number for {@code prefix} in this system: 1, 2, 3, ... */
    public long nextNumber(String prefix) {
        return counters.computeIfAbsent(prefix, p -> new AtomicLong()).incrementAndGet();
    }

    /** {@code prefix-N}, N the next number for {@code prefix} in this system. */
    public String next(String prefix) {
        return prefix + "-" + nextNumber(prefix);
    }
}
