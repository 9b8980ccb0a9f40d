package io.watchsim.simulations.runner;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reader's per-object counts agree with a map counted beside them, however many objects, ids and repeats. */
class ObjectCountsTest {
    @Property(tries = 500)
    void countsAgreeWithAMapCountedBeside(@ForAll @Size(max = 300) List<@LongRange(min = -3, max = 40) Long> few,
                                          @ForAll @Size(max = 50) List<Long> any) {
        ObjectCounts counts = new ObjectCounts();
        Map<Long, Long> expected = new HashMap<>();
        for (List<Long> ids : List.of(few, any, few)) {
            for (long id : ids) {
                if (id == Long.MIN_VALUE) {
                    continue;
                }
                counts.add(id, 1 + (id & 3));
                expected.merge(id, 1 + (id & 3), Long::sum);
            }
        }
        assertThat(counts.toMap()).isEqualTo(expected);
    }

    @Property(tries = 1)
    void theReservedIdIsRefused() {
        assertThatThrownBy(() -> new ObjectCounts().add(Long.MIN_VALUE, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
