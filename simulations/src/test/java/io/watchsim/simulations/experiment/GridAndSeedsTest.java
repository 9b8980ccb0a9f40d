package io.watchsim.simulations.experiment;

import io.watchsim.simulations.scenario.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grid of a sweep, its points' order, the replications' seeds, and what --sweep refuses. */
class GridAndSeedsTest {
    @Test
    void theGridIsTheProductOfTheAxesTheLastVaryingFastest() {
        List<GridPoint> grid = GridPoint.grid(List.of(SweepAxis.parse("queues.q.size=32,128,512"),
                SweepAxis.parse("workload.w.injection.rate=1k/s,10k/s")));
        assertThat(grid).hasSize(6);
        assertThat(grid).extracting(GridPoint::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(grid.get(0).values()).isEqualTo(Map.of("queues.q.size", "32", "workload.w.injection.rate", "1k/s"));
        assertThat(grid.get(1).label()).isEqualTo("queues.q.size=32, workload.w.injection.rate=10k/s");
        assertThat(grid.get(5).label()).isEqualTo("queues.q.size=512, workload.w.injection.rate=10k/s");
        assertThat(GridPoint.grid(List.of())).singleElement().satisfies(p -> assertThat(p.label()).isEqualTo("(as written)"));
    }

    @Test
    void replicationOneKeepsTheSeedAndTheOthersAreTheDocumentedStreams() {
        assertThat(Replications.seed(7, 1)).isEqualTo(7);
        assertThat(Replications.seed(7, 2)).isEqualTo(RandomStreams.seed(7, "replication-2"));
        assertThat(Replications.seed(7, 3)).isEqualTo(RandomStreams.seed(7, "replication-3"))
                .isNotEqualTo(Replications.seed(7, 2)).isNotEqualTo(7);
        assertThat(Replications.seed(8, 2)).isNotEqualTo(Replications.seed(7, 2));
    }

    @Test
    void aBadSweepIsOneLineSayingWhatIsAllowed() {
        assertThatThrownBy(() -> SweepAxis.parse("queues.q.size")).hasMessage("--sweep 'queues.q.size' has no '='; "
                + "allowed " + SweepAxis.ALLOWED);
        assertThatThrownBy(() -> SweepAxis.parse("queues..size=1")).hasMessageStartingWith("--sweep 'queues..size=1': "
                + "'queues..size' is not a scenario key");
        assertThatThrownBy(() -> SweepAxis.parse("queues.q.size=1,,2")).hasMessageStartingWith("--sweep "
                + "'queues.q.size=1,,2' has an empty value");
        assertThatThrownBy(() -> SweepAxis.parse("queues.q.size=1,2,1")).hasMessageStartingWith("--sweep "
                + "'queues.q.size=1,2,1' gives '1' twice");
    }

    @Test
    void aSpreadLeavesOutWhatWasNotMeasured() {
        Spread s = Spread.of(List.of(1.0, 3.0, Double.NaN));
        assertThat(s.measured()).isEqualTo(2);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.sd()).isEqualTo(Math.sqrt(2));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(3.0);
        assertThat(Spread.of(List.of(Double.NaN)).mean()).isNaN();
    }
}
