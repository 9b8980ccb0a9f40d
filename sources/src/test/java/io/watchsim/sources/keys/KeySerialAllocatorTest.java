package io.watchsim.sources.keys;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class KeySerialAllocatorTest {

    /** A random source that returns the given ints in order, then repeats the last one. */
    private static RandomGenerator scripted(int... values) {
        return new RandomGenerator() {
            int i;

            @Override
            public long nextLong() {
                return nextInt();
            }

            @Override
            public int nextInt() {
                return values[Math.min(i++, values.length - 1)];
            }
        };
    }

    @Test
    void serialsAreTheDrawShiftedRightAsASignedIntAndNegativeOrSmallDrawsAreRedrawn() {
        KeySerialAllocator a = new KeySerialAllocator(scripted(-8, 4, 5, 0x7FFF_FFFF));
        assertThat(a.allocate(s -> false)).as("-8>>1 and 4>>1=2 and 5>>1=2 are redrawn").isEqualTo(0x3FFF_FFFF);
    }

    @Test
    void aTakenSerialMovesToTheNextFreeOne() {
        KeySerialAllocator a = new KeySerialAllocator(scripted(200, 200, 200, 200, 0x7FFF_FFFE));
        HashSet<Integer> live = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            live.add(a.allocate(live::contains));
        }
        assertThat(live).containsExactlyInAnyOrder(100, 101, 102);
        live.remove(101);
        assertThat(a.allocate(live::contains)).as("a released serial is free again").isEqualTo(101);
        live.add(0x3FFF_FFFF);
        assertThat(a.allocate(live::contains)).as("the next one up, even above the drawn range")
                .isEqualTo(0x4000_0000);
    }

    @Test
    void theSameSeedGivesTheSameSerialsAndNoneRepeatsWhileLive() {
        KeySerialAllocator a = new KeySerialAllocator(new SplittableRandom(42));
        KeySerialAllocator b = new KeySerialAllocator(new SplittableRandom(42));
        HashSet<Integer> seen = new HashSet<>();
        HashSet<Integer> seenB = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            int s = a.allocate(seen::contains);
            assertThat(b.allocate(seenB::contains)).isEqualTo(s);
            seenB.add(s);
            assertThat(s).isBetween(3, 0x3FFF_FFFF);
            assertThat(seen.add(s)).isTrue();
        }
        assertThat(seen).hasSize(10_000);
    }
}
