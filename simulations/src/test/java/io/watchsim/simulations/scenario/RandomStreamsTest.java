package io.watchsim.simulations.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named random streams: the documented function of seed and name, checked against the published
 * test vectors of its parts.
 */
class RandomStreamsTest {
    @Test
    void mix64IsSplitMix64sOutputFunction() {
        // SplitMix64 seeded with 0 first outputs mix64(0 + golden gamma) = 0xe220a8397b1dcdaf.
        assertThat(RandomStreams.mix64(0x9e3779b97f4a7c15L)).isEqualTo(0xe220a8397b1dcdafL);
    }

    @Test
    void fnv1a64MatchesItsPublishedVectors() {
        assertThat(RandomStreams.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
        assertThat(RandomStreams.fnv1a64("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(RandomStreams.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void aStreamSeedIsTheDocumentedFunctionOfSeedAndName() {
        long seed = 42;
        String name = RandomStreams.generator("churn");
        long expected = RandomStreams.mix64(seed ^ RandomStreams.mix64(RandomStreams.fnv1a64(
                name.getBytes(StandardCharsets.UTF_8))));
        assertThat(RandomStreams.seed(seed, name)).isEqualTo(expected);
        assertThat(name).isEqualTo("generator:churn");
        assertThat(RandomStreams.fault("crash")).isEqualTo("fault:crash");
        assertThat(RandomStreams.reader("fans")).isEqualTo("reader:fans");
    }

    @Test
    void streamsDifferByNameAndBySeed() {
        Set<Long> seeds = new HashSet<>();
        for (long s = 0; s < 100; s++) {
            for (String n : new String[]{"world", "generator:a", "generator:b", "fault:a", "reader:a"}) {
                seeds.add(RandomStreams.seed(s, n));
            }
        }
        assertThat(seeds).hasSize(500);
    }

    @Test
    void aScenarioGivesItsStreamsTheirSeeds() {
        Scenario s = Scenario.builder("seeded").seed(9).duration("1s").build();
        assertThat(s.streamSeed("world")).isEqualTo(RandomStreams.seed(9, "world"));
    }
}
