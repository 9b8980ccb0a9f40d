package io.watchsim.simulations.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BurstPacerTest {
    @Test
    void theSlowestSinkBoundsTheBurstsInFlight() {
        BurstPacer p = new BurstPacer(64 * 4, 64, 2, 3);
        assertThat(p.sendNext()).isTrue();
        assertThat(p.sendNext()).isTrue();
        assertThat(p.sendNext()).as("window of 2 full").isFalse();
        p.consumed(0, 128);
        p.consumed(1, 128);
        assertThat(p.sendNext()).as("sink 2 has consumed nothing yet").isFalse();
        p.consumed(2, 30);
        p.consumed(2, 34);
        assertThat(p.sendNext()).as("every sink has consumed the first burst").isTrue();
        assertThat(p.sendNext()).isFalse();
        p.consumed(2, 64);
        assertThat(p.sendNext()).isTrue();
        assertThat(p.sendNext()).as("all 4 bursts sent").isFalse();
        assertThat(p.done()).isFalse();
        for (int s = 0; s < 3; s++) {
            p.consumed(s, s < 2 ? 128 : 128);
        }
        assertThat(p.done()).isTrue();
    }

    @Test
    void eventsMustBeWholeBursts() {
        assertThatThrownBy(() -> new BurstPacer(100, 64, 2, 1)).hasMessageContaining("multiple of the burst");
    }
}
