package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;
import io.watchsim.queues.PipeEnd;
import io.watchsim.queues.SysResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** F_SETPIPE_SZ and F_GETPIPE_SZ of an ordinary pipe, at the edges of {@code fs/pipe.c}'s checks. */
class OrdinaryPipeTest {
    private final PipeUsers users = new PipeUsers();

    private OrdinaryPipe rootPipe() {
        return new OrdinaryPipe(users.open(0, true));
    }

    private static void assertErrno(SysResult r, Errno errno) {
        assertThat(r.errno()).as(r.toString()).isEqualTo(errno);
    }

    @ParameterizedTest
    @CsvSource({"0,4096", "1,4096", "4096,4096", "4097,8192", "65535,65536", "1048577,2097152",
            "1073741824,1073741824", "1073741825,2147483648", "2147483648,2147483648", "2147483649,0",
            "4294967296,0", "99999999999,0", "-1,0", "-2147483648,0"})
    void roundPipeSizeTakesTheWholeUnsignedLong(long arg, long size) {
        assertThat(OrdinaryPipe.roundPipeSize(arg)).isEqualTo(size);
    }

    @Test
    void theLargestRingIsTheLastWhoseBuffersFitInKmalloc() {
        OrdinaryPipe p = rootPipe();
        assertThat(65536 * OrdinaryPipe.PIPE_BUFFER_BYTES).isLessThanOrEqualTo(OrdinaryPipe.KMALLOC_MAX_SIZE);
        assertThat(131072 * OrdinaryPipe.PIPE_BUFFER_BYTES).isGreaterThan(OrdinaryPipe.KMALLOC_MAX_SIZE);
        assertThat(p.setPipeSize(268_435_456L, true, false).value()).isEqualTo(268_435_456L);
        assertThat(p.pipeSizeBytes()).isEqualTo(268_435_456L);
        assertErrno(p.setPipeSize(268_435_457L, true, false), Errno.ENOMEM);
        assertErrno(p.setPipeSize(1L << 31, true, false), Errno.ENOMEM);
        assertThat(p.pipeSizeBytes()).as("a failed call changes nothing").isEqualTo(268_435_456L);
    }

    @Test
    void aSizeAbove2To31IsEinvalAndTheSizeNeverOverflows() {
        OrdinaryPipe p = rootPipe();
        assertErrno(p.setPipeSize(99_999_999_999L, true, false), Errno.EINVAL);
        assertErrno(p.setPipeSize((1L << 31) + 1, true, false), Errno.EINVAL);
        assertErrno(p.setPipeSize(-1, true, false), Errno.EINVAL);
        assertThat(p.pipeSizeBytes()).isEqualTo(65536);
    }

    @Test
    void growingPastPipeMaxSizeNeedsCapSysResourceShrinkingNothing() {
        OrdinaryPipe p = rootPipe();
        assertThat(p.setPipeSize(4L << 20, true, false).value()).isEqualTo(4L << 20);
        assertThat(p.setPipeSize(2L << 20, false, true).value()).as("shrinking above the limit").isEqualTo(2L << 20);
        assertErrno(p.setPipeSize(4L << 20, false, false), Errno.EPERM);
        assertThat(p.setPipeSize(OrdinaryPipe.PIPE_MAX_SIZE, false, true).value()).isEqualTo(OrdinaryPipe.PIPE_MAX_SIZE);
        assertErrno(p.setPipeSize(OrdinaryPipe.PIPE_MAX_SIZE + 1, false, true), Errno.EPERM);
    }

    @Test
    void aPipeCannotShrinkBelowTheBuffersItHolds() {
        OrdinaryPipe p = rootPipe();
        p.write(new byte[4096]);
        p.write(new byte[1]);
        assertErrno(p.setPipeSize(4096, true, false), Errno.EBUSY);
        assertThat(p.setPipeSize(8192, true, false).value()).isEqualTo(8192);
    }

    @Test
    void theChargeFollowsTheSizeAndGoesWithTheLastEnd() {
        OrdinaryPipe p = rootPipe();
        assertThat(users.userPages(0)).isEqualTo(16);
        p.setPipeSize(1 << 20, true, false);
        assertThat(users.userPages(0)).isEqualTo(256);
        p.close(PipeEnd.READ);
        assertThat(users.userPages(0)).as("one end still open").isEqualTo(256);
        p.close(PipeEnd.WRITE);
        assertThat(users.userPages(0)).isZero();
    }
}
