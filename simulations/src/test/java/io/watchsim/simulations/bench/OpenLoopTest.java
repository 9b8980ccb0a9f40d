package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The open loop's pacing on a clock the test moves: even due times, never early, and no coordinated omission. */
class OpenLoopTest {
    /** A clock that only waiting moves, and records each post with the time it went out. */
    private static final class FakeTime {
        long now = 1_000_000;
        final List<long[]> posts = new ArrayList<>();

        OpenLoop loop(double rate) {
            return new OpenLoop(rate, () -> now, nanos -> now += nanos);
        }

        void post(long due) {
            posts.add(new long[] {due, now});
        }
    }

    @Test
    void eventsAreDueEvenlyAtTheRateAndNoneGoesOutEarly() {
        FakeTime t = new FakeTime();
        long start = t.now;
        OpenLoop.Offered o = t.loop(4000).offer(1_000_000_000L, t::post);
        assertThat(o.events()).as("one second at 4,000 events/s").isEqualTo(4000);
        assertThat(t.posts).hasSize(4000);
        for (int k = 0; k < t.posts.size(); k++) {
            long[] p = t.posts.get(k);
            assertThat(p[0]).as("event %d due k x 250 us after the start", k).isEqualTo(start + k * 250_000L);
            assertThat(p[1]).as("event %d not posted before it is due", k).isGreaterThanOrEqualTo(p[0]);
        }
        assertThat(o.maxLateNanos()).as("a clock that waits exactly is never late").isZero();
    }

    @Test
    void aStallSendsEveryOverdueEventAtOnceEachWithItsOwnDueTime() {
        FakeTime t = new FakeTime();
        long start = t.now;
        OpenLoop loop = new OpenLoop(1000, () -> t.now, nanos -> t.now += nanos);
        // The 3rd post stalls the thread for 10 ms: events 3..12 fall due meanwhile.
        OpenLoop.Offered o = loop.offer(20_000_000L, due -> {
            t.post(due);
            if (t.posts.size() == 3) {
                t.now += 10_000_000L;
            }
        });
        assertThat(o.events()).isEqualTo(20);
        for (int k = 0; k < 20; k++) {
            assertThat(t.posts.get(k)[0]).as("event %d keeps its intended time", k).isEqualTo(start + k * 1_000_000L);
        }
        for (int k = 3; k <= 12; k++) {
            assertThat(t.posts.get(k)[1]).as("event %d goes out as soon as the stall ends", k)
                    .isEqualTo(start + 2_000_000L + 10_000_000L);
        }
        assertThat(o.maxLateNanos()).as("event 3 went out 9 ms after it was due").isEqualTo(9_000_000L);
        assertThat(t.posts.get(13)[1]).as("then the loop waits again").isEqualTo(t.posts.get(13)[0]);
    }

    @Test
    void aShortOfferStillSendsOneEventAndARateMustBePositive() {
        FakeTime t = new FakeTime();
        assertThat(t.loop(10).offer(1, t::post).events()).isEqualTo(1);
        assertThatThrownBy(() -> t.loop(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.loop(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
