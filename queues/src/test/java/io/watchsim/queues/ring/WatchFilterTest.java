package io.watchsim.queues.ring;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import io.watchsim.queues.record.LittleEndian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchFilterTest {
    private static final int KEY = 1;

    private static void assertEinval(FilterRequest request, String messagePart) {
        assertThatThrownBy(() -> WatchFilter.compile(request))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining(messagePart);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17, 100, -1})
    void nrFiltersMustBe1To16(int nr) {
        assertEinval(new FilterRequest(nr, 0, List.of(TypeFilter.forSubtypes(KEY, 1))), "nr_filters");
    }

    @Test
    void sixteenEntriesAreAccepted() {
        List<TypeFilter> fs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            fs.add(TypeFilter.forSubtypes(KEY, i));
        }
        assertThat(WatchFilter.compile(new FilterRequest(16, 0, fs)).size()).isEqualTo(16);
    }

    @Test
    void reservedMustBeZero() {
        assertEinval(new FilterRequest(1, 1, List.of(TypeFilter.forSubtypes(KEY, 1))), "__reserved");
    }

    @Test
    void infoFilterMustLieWithinInfoMask() {
        assertEinval(FilterRequest.of(TypeFilter.forSubtypes(KEY, 1).withInfo(0x0100, 0x0000)), "outside info_mask");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x7F, 0x40, 0xFF00 | 0x01})
    void infoMaskMayNotTouchTheLengthBits(int mask) {
        assertEinval(FilterRequest.of(TypeFilter.forSubtypes(KEY, 1).withInfo(0, mask)), "length bits");
    }

    @Test
    void infoBitsAreCheckedEvenForEntriesOfUnknownTypes() {
        assertEinval(FilterRequest.of(TypeFilter.forSubtypes(KEY, 1),
                TypeFilter.forSubtypes(200, 1).withInfo(0, 0x7F)), "filter 1");
    }

    @Test
    void unknownTypesAreSkippedInEveryPassTheCve20220995Lesson() {
        // Types 64..511 overflowed the kernel's allocation before the fix; here they are skipped
        // consistently, and the known entries still work.
        WatchFilter f = WatchFilter.compile(FilterRequest.of(TypeFilter.forSubtypes(64, 1),
                TypeFilter.forSubtypes(511, 1), TypeFilter.forSubtypes(4, 1), TypeFilter.forSubtypes(-1, 1),
                TypeFilter.forSubtypes(KEY, 2)));
        assertThat(f.size()).isEqualTo(1);
        assertThat(f.matches(KEY, 2, 0x10)).isTrue();
        assertThat(f.matches(KEY, 1, 0x10)).isFalse();
    }

    @Test
    void aFilterWhoseEntriesAreAllUnknownRejectsEverything() {
        WatchFilter f = WatchFilter.compile(FilterRequest.of(TypeFilter.forSubtypes(9, 1)));
        assertThat(f.size()).isZero();
        for (int type = 0; type < 4; type++) {
            assertThat(f.matches(type, 1, 0x10)).isFalse();
        }
    }

    @Test
    void onlySubtypes0To31CanMatch() {
        int[] words = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF};
        WatchFilter f = WatchFilter.compile(FilterRequest.of(new TypeFilter(KEY, 0, 0, words)));
        assertThat(f.matches(KEY, 31, 0x10)).isTrue();
        assertThat(f.matches(KEY, 32, 0x10)).isFalse();
        assertThat(f.matches(KEY, 255, 0x10)).isFalse();
    }

    @Test
    void entriesOfOneTypeAreOred() {
        WatchFilter f = WatchFilter.compile(FilterRequest.of(
                TypeFilter.forSubtypes(KEY, 1).withInfo(0x0500, 0xFF00),
                TypeFilter.forSubtypes(KEY, 2)));
        assertThat(f.matches(KEY, 1, 0x0510)).isTrue();
        assertThat(f.matches(KEY, 1, 0x0610)).isFalse();
        assertThat(f.matches(KEY, 2, 0x0610)).isTrue();
        assertThat(f.matches(2, 1, 0x0510)).as("type without an entry").isFalse();
    }

    @Test
    void infoMaskSelectsByTagAndTypeFlags() {
        WatchFilter f = WatchFilter.compile(FilterRequest.of(
                TypeFilter.forSubtypes(2, 0).withInfo(0x0001_0300, 0x0001_FF00)));
        assertThat(f.matches(2, 0, 0x0001_031C)).isTrue();
        assertThat(f.matches(2, 0, 0x0000_031C)).isFalse();
        assertThat(f.matches(2, 0, 0x0001_041C)).isFalse();
    }

    @Test
    void missingEntriesReadAsZeroEntriesOfTypeMeta() {
        WatchFilter f = WatchFilter.compile(new FilterRequest(3, 0, List.of(TypeFilter.forSubtypes(KEY, 1))));
        assertThat(f.size()).isEqualTo(3);
        assertThat(f.matches(0, 0, 0x10)).as("a zero entry passes no subtype").isFalse();
        assertThat(f.matches(KEY, 1, 0x10)).isTrue();
    }

    @Test
    void encodeLaysOutTheUserStruct() {
        byte[] b = FilterRequest.of(TypeFilter.forSubtypes(KEY, 1, 33).withInfo(0x100, 0xFF00)).encode();
        assertThat(b).hasSize(8 + 44);
        assertThat(LittleEndian.getInt(b, 0)).isEqualTo(1);
        assertThat(LittleEndian.getInt(b, 4)).isZero();
        assertThat(LittleEndian.getInt(b, 8)).isEqualTo(KEY);
        assertThat(LittleEndian.getInt(b, 12)).isEqualTo(0x100);
        assertThat(LittleEndian.getInt(b, 16)).isEqualTo(0xFF00);
        assertThat(LittleEndian.getInt(b, 20)).isEqualTo(0b10);
        assertThat(LittleEndian.getInt(b, 24)).isEqualTo(0b10);
    }
}
