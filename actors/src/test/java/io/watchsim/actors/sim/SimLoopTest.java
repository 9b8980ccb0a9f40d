package io.watchsim.actors.sim;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Waits;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimLoopTest {
    /** A toy world: children that each count to a number by messages, then stop; the parent watches them. */
    record Count(int left, ActorRef<String> log) {
    }

    static Behavior<Count> counter(String name) {
        return Behaviors.receive((ctx, c) -> {
            c.log().tell(name + ":" + c.left());
            if (c.left() == 0) {
                return Behaviors.stopped();
            }
            ctx.getSelf().tell(new Count(c.left() - 1, c.log()));
            return Behaviors.same();
        });
    }

    record Start(int children, ActorRef<String> log, ActorRef<Integer> done) {
    }

    static Behavior<Start> parent() {
        return Behaviors.receive(Start.class).onMessage(Start.class, s -> Behaviors.setup(ctx -> {
            for (int i = 0; i < s.children(); i++) {
                ActorRef<Count> c = ctx.spawn(counter("c" + i), "c" + i);
                ctx.watch(c);
                c.tell(new Count(3 + i % 3, s.log()));
            }
            int[] left = {s.children()};
            return Behaviors.receive(Start.class).onSignal(Terminated.class, t -> {
                s.log().tell("gone " + t.getRef().path().name());
                if (--left[0] == 0) {
                    s.done().tell(s.children());
                }
                return Behaviors.same();
            }).build();
        })).build();
    }

    /** What the toy world logs, in the order the log actor got it, and the virtual time it ended at. */
    record Trace(List<String> lines, long nanos, long steps) {
    }

    static Trace runToy(SimSettings settings) {
        return runToy(settings, SimLoop.StepListener.NONE);
    }

    static Trace runToy(SimSettings settings, SimLoop.StepListener listener) {
        return SimLoop.run(settings, loop -> {
            loop.listen(listener);
            List<String> lines = new ArrayList<>();
            ActorSystem<Start> system = SimSystems.create(loop, parent(), "toy", ConfigFactory.load());
            try {
                CompletionStage<Integer> done = AskPattern.<Start, Integer>ask(system, replyTo -> {
                    ActorRef<String> log = system.systemActorOf(Behaviors.receiveMessage((String line) -> {
                        lines.add(line);
                        return Behaviors.same();
                    }), "log", org.apache.pekko.actor.typed.Props.empty());
                    return new Start(20, log, replyTo);
                }, Duration.ofSeconds(5), system.scheduler());
                assertEquals(20, Waits.await(done, Duration.ofSeconds(10)));
                return new Trace(List.copyOf(lines), loop.nanoTime(), loop.steps());
            } finally {
                system.terminate();
                Waits.await(system.getWhenTerminated(), Duration.ofSeconds(30));
                assertEquals(0, loop.foreignSubmissions(), "work from another thread: " + loop.firstForeignThread());
            }
        });
    }

    @Test
    void theSameSeedGivesTheSameInterleavingAndAnotherSeedAnother() {
        Trace a = runToy(SimSettings.of(7).withWindow(64));
        Trace b = runToy(SimSettings.of(7).withWindow(64));
        Trace c = runToy(SimSettings.of(8).withWindow(64));
        // child i counts down from 3 + i % 3 to 0, then dies: 4, 5 or 6 lines and one "gone" each
        int expected = java.util.stream.IntStream.range(0, 20).map(i -> 3 + i % 3 + 1 + 1).sum();
        assertEquals(expected, a.lines().size(), "every child counted down and died");
        assertEquals(a, b);
        assertNotEquals(a.lines(), c.lines());
        assertEquals(a.lines().stream().sorted().toList(), c.lines().stream().sorted().toList(),
                "the same lines, in another order");
    }

    @Test
    void theTraceShowsWhoGotWhatInOrder() {
        DeliveryTrace trace = new DeliveryTrace(100_000);
        runToy(SimSettings.of(4), trace);
        List<String> counts = trace.deliveries().stream().filter(d -> d.receiver().equals("/user/c0"))
                .map(d -> String.valueOf(d.message())).filter(m -> m.startsWith("Count")).toList();
        assertEquals(4, counts.size(), counts.toString());
        for (int i = 0; i < 4; i++) {
            assertTrue(counts.get(i).startsWith("Count[left=" + (3 - i)), counts.toString());
        }
        List<Long> steps = trace.deliveries().stream().map(DeliveryTrace.Delivery::step).toList();
        assertEquals(steps.stream().sorted().distinct().toList(), steps, "every step once, in order");
    }

    @Test
    void timersAndSleepsRunOnTheVirtualClock() {
        SimLoop.run(SimSettings.of(1), loop -> {
            ActorSystem<String> system = SimSystems.create(loop, Behaviors.<String>withTimers(timers -> {
                timers.startSingleTimer("late", "an hour", Duration.ofHours(1));
                return Behaviors.empty();
            }), "timers", ConfigFactory.load());
            try {
                List<Long> ticks = new ArrayList<>();
                org.apache.pekko.actor.Cancellable every = system.scheduler().scheduleAtFixedRate(
                        Duration.ofMinutes(1), Duration.ofMinutes(1), () -> ticks.add(loop.nanoTime()),
                        system.executionContext());
                long before = System.nanoTime();
                Waits.sleep(Duration.ofHours(2));
                every.cancel();
                assertEquals(120, ticks.size(), "a tick a virtual minute for two hours");
                assertTrue(ticks.get(0) >= Duration.ofMinutes(1).toNanos());
                assertTrue(loop.nanoTime() >= Duration.ofHours(2).toNanos());
                assertTrue(System.nanoTime() - before < Duration.ofMinutes(1).toNanos(), "virtual, not real");
            } finally {
                system.terminate();
                Waits.await(system.getWhenTerminated(), Duration.ofSeconds(30));
            }
            return null;
        });
    }

    @Test
    void anAskWithoutAnswerTimesOutInVirtualTime() {
        SimLoop.run(SimSettings.of(2), loop -> {
            ActorSystem<String> system = SimSystems.create(loop, Behaviors.<String>ignore(), "silent",
                    ConfigFactory.load());
            try {
                CompletionStage<String> never = AskPattern.<String, String>ask(system, r -> "hello",
                        Duration.ofSeconds(30), system.scheduler());
                Exception e = assertThrows(Exception.class, () -> Waits.await(never, Duration.ofMinutes(1)));
                assertTrue(e.getCause() instanceof TimeoutException || e.getMessage().contains("30"), e.toString());
                assertTrue(loop.nanoTime() >= Duration.ofSeconds(30).toNanos());
                assertTrue(loop.nanoTime() < Duration.ofSeconds(31).toNanos());
            } finally {
                system.terminate();
                Waits.await(system.getWhenTerminated(), Duration.ofSeconds(30));
            }
            return null;
        });
    }

    @Test
    void aStreamTicksOnTheVirtualClock() {
        SimLoop.run(SimSettings.of(3), loop -> {
            ActorSystem<Void> system = SimSystems.create(loop, Behaviors.empty(), "stream", ConfigFactory.load());
            try {
                CompletionStage<List<Long>> ticks = Source.tick(Duration.ZERO, Duration.ofMillis(10), 1)
                        .take(100).map(t -> loop.nanoTime()).runWith(Sink.seq(), system);
                List<Long> at = Waits.await(ticks, Duration.ofSeconds(5));
                assertEquals(100, at.size());
                assertTrue(at.get(99) - at.get(0) >= Duration.ofMillis(990).toNanos());
                assertTrue(at.get(99) - at.get(0) < Duration.ofMillis(1000).toNanos());
                assertEquals(0, loop.foreignSubmissions());
            } finally {
                system.terminate();
                Waits.await(system.getWhenTerminated(), Duration.ofSeconds(30));
            }
            return null;
        });
    }

    @Test
    void onlyPekkosJvmWideCountersAreLeftOutOfTheSchedulesNames() {
        assertEquals("/system/eventStreamUnsubscriber-#", TaskKeys.normalised("/system/eventStreamUnsubscriber-2"));
        assertEquals("/system/Materializers/StreamSupervisor-#/flow-3-0-ignoreSink",
                TaskKeys.normalised("/system/Materializers/StreamSupervisor-12/flow-3-0-ignoreSink"));
        assertEquals("/system/kernel/queues-2/queue-17", TaskKeys.normalised("/system/kernel/queues-2/queue-17"));
        assertEquals("/user/c7", TaskKeys.normalised("/user/c7"));
    }
}
