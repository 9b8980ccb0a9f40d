package io.watchsim.simulations.script;

import io.watchsim.queues.PipeEnd;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The descriptor table: lowest free first, both or neither of a pipe's two, RLIMIT_NOFILE. */
class FileTableTest {
    private static OrdinaryPipe pipe() {
        return new OrdinaryPipe(new PipeUsers().open(0, true));
    }

    @Test
    void theLastDescriptorIsOneBelowTheLimit() {
        FileTable t = new FileTable();
        for (int i = 0; i < 510; i++) {
            assertThat(t.install(pipe())).isNotNull();
        }
        assertThat(t.get(1022)).isNotNull();
        assertThat(t.hasRoomForAPipe()).as("only fd 1023 is left").isFalse();
        assertThat(t.install(pipe())).isNull();
        assertThat(t.get(1023)).as("the first descriptor was given back").isNull();
        t.remove(17);
        FileTable.PipeFds fds = t.install(pipe());
        assertThat(fds).isEqualTo(new FileTable.PipeFds(17, 1023));
        assertThat(t.install(pipe())).isNull();
    }

    @Test
    void aSmallLimitCountsTheStandardStreams() {
        FileTable t = new FileTable(8);
        assertThat(t.install(pipe())).isEqualTo(new FileTable.PipeFds(3, 4));
        assertThat(t.install(pipe())).isEqualTo(new FileTable.PipeFds(5, 6));
        assertThat(t.install(pipe())).isNull();
        assertThat(new FileTable(0).hasRoomForAPipe()).isFalse();
    }

    @Test
    void aNameWhosePipeFailedHoldsNoDescriptor() {
        FileTable t = new FileTable(4);
        assertThat(t.resolve("q")).isEqualTo(-1);
        assertThat(t.resolve("q.w")).isEqualTo(-1);
        assertThat(t.get(t.resolve("q"))).isNull();
        FileTable big = new FileTable();
        big.bind("q", big.install(pipe()));
        assertThat(big.resolve("q.w")).isEqualTo(4);
        assertThat(big.get(4).end()).isEqualTo(PipeEnd.WRITE);
    }

    @Test
    void theLimitIsBetweenZeroAndNrOpen() {
        assertThatThrownBy(() -> new FileTable(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileTable(FileTable.NR_OPEN + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FileTable(FileTable.NR_OPEN).hasRoomForAPipe()).isTrue();
    }
}
