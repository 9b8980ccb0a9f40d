package io.watchsim.simulations.script;

import com.typesafe.config.ConfigFactory;
import io.watchsim.actors.Kernel;
import io.watchsim.actors.KernelSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.Flushable;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the runner writes: each op's {@code > OP} line goes out, flushed, before the op runs, and its
 * result after, so a slow op or one that fails shows which op it was.
 */
@ExtendWith(LogCapturingExtension.class)
class ScriptRunnerOutputTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "ScriptRunnerOutputTest",
                ConfigFactory.parseString("pekko.log-dead-letters-during-shutdown = off").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        ActorTestKit.shutdown(system);
    }

    /** Records what was written between flushes: each flushed chunk is one element. */
    private static final class FlushedChunks implements Appendable, Flushable {
        final List<String> flushed = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();

        @Override
        public Appendable append(CharSequence s) {
            pending.append(s);
            return this;
        }

        @Override
        public Appendable append(CharSequence s, int start, int end) {
            pending.append(s, start, end);
            return this;
        }

        @Override
        public Appendable append(char c) {
            pending.append(c);
            return this;
        }

        @Override
        public void flush() {
            flushed.add(pending.toString());
            pending.setLength(0);
        }
    }

    @Test
    void theOpLineIsFlushedBeforeTheOpRunsAndItsResultAfter() {
        Kernel kernel = Kernel.start(system, "output-kernel", KernelSettings.DEFAULT.withHosts(2));
        try {
            FlushedChunks out = new FlushedChunks();
            new ScriptRunner(kernel).run("t.wqs", "echo two ops\nqueue q\nsleep 5\n", out);
            assertThat(out.flushed).containsExactly("## two ops\n", "> queue q\n", "  = 0 (rfd=3 wfd=4)\n",
                    "> sleep 5\n", "  = 0\n", "end\n");
        } finally {
            kernel.stop();
        }
    }
}
