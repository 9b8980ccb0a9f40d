package io.watchsim.simulations.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A child's result lines say what its figures are, and rounds add up into one distribution. */
class LatencyFiguresTest {
    static Histogram values(long... nanos) {
        Histogram h = new Histogram(3);
        for (long v : nanos) {
            h.recordValue(v);
        }
        return h;
    }

    static LatencyFigures.Load load(int n, double share, long sent, long counted, long lost, Histogram h) {
        return new LatencyFigures.Load(n, share, 1234.5, sent, sent * n, counted, counted == sent * n ? 0 : 1, lost,
                true, 42, new GcPauses.Summary(3, 3_000_000, 2_000_000), new GcPauses.Summary(1, 5, 5), h, values(7),
                values(9, 11));
    }

    @Test
    void aLoadLineReadsBackAsTheSameFigures() {
        LatencyFigures.Load l = load(10, 0.9, 500, 5000, 0, values(1000, 2000, 3_000_000));
        LatencyFigures.Load back = (LatencyFigures.Load) LatencyFigures.parse(l.line());
        assertThat(back.fanout()).isEqualTo(10);
        assertThat(back.load()).isEqualTo(0.9);
        assertThat(back.eventsPerSecond()).isEqualTo(1234.5);
        assertThat(back.sent()).isEqualTo(500);
        assertThat(back.expected()).isEqualTo(5000);
        assertThat(back.counted()).isEqualTo(5000);
        assertThat(back.maxLateNanos()).isEqualTo(42);
        assertThat(back.gc()).isEqualTo(l.gc());
        assertThat(back.stalls()).isEqualTo(l.stalls());
        assertThat(back.fromIntended()).isEqualTo(l.fromIntended());
        assertThat(back.fromPost()).isEqualTo(l.fromPost());
        assertThat(back.fromCall()).isEqualTo(l.fromCall());
        assertThat(back.exact()).isTrue();
    }

    @Test
    void saturationAndFanOutLinesReadBackToo() {
        assertThat(LatencyFigures.parse(new LatencyFigures.Saturation(1000, 812.25).line()))
                .isEqualTo(new LatencyFigures.Saturation(1000, 812.25));
        LatencyFigures.FanOut f = new LatencyFigures.FanOut(1000, values(900_000, 1_100_000), 1, GcPauses.Summary.NONE,
                new GcPauses.Summary(2, 30, 20));
        LatencyFigures.FanOut back = (LatencyFigures.FanOut) LatencyFigures.parse(f.line());
        assertThat(back.times()).isEqualTo(f.times());
        assertThat(back.missed()).isEqualTo(1);
        assertThat(back.gc()).isEqualTo(GcPauses.Summary.NONE);
        assertThat(back.stalls()).isEqualTo(new GcPauses.Summary(2, 30, 20));
    }

    @Test
    void roundsMergeTheirHistogramsAndCounts() {
        LatencyFigures.Load a = load(10, 0.5, 100, 1000, 0, values(1000, 1000));
        LatencyFigures.Load b = load(10, 0.5, 200, 1990, 10, values(9000));
        LatencyFigures.Load sum = a.plus(b);
        assertThat(sum.fromIntended().getTotalCount()).isEqualTo(3);
        assertThat(sum.fromIntended().getMaxValue()).isEqualTo(b.fromIntended().getMaxValue());
        assertThat(sum.sent()).isEqualTo(300);
        assertThat(sum.expected()).isEqualTo(3000);
        assertThat(sum.counted()).isEqualTo(2990);
        assertThat(sum.lost()).isEqualTo(10);
        assertThat(sum.readersOff()).isEqualTo(1);
        assertThat(sum.gc()).isEqualTo(new GcPauses.Summary(6, 6_000_000, 2_000_000));
        assertThat(sum.stalls()).isEqualTo(new GcPauses.Summary(2, 10, 5));
        assertThat(sum.exact()).isFalse();
        assertThat(a.fromIntended().getTotalCount()).as("a round's own histogram is left alone").isEqualTo(2);
        assertThatThrownBy(() -> a.plus(load(1000, 0.5, 1, 1000, 0, values(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineThatIsNotAResultIsRefused() {
        assertThatThrownBy(() -> LatencyFigures.parse("machine: 2 cores")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyFigures.parse(LatencyFigures.PREFIX + "saturation fanout=10"))
                .hasMessageContaining("no rate");
    }
}
