package io.watchsim.simulations.script;

import io.watchsim.queues.ring.PipeLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** alloc_pipe_info()'s charge and the soft limit, per user. */
class PipeUsersTest {
    @Test
    void pastTheSoftLimitAnUnprivilegedUsersNewPipeGetsTwoPages() {
        PipeUsers users = new PipeUsers();
        long soft = PipeLimits.DEFAULT_USER_PAGES_SOFT;
        for (int i = 0; i < soft / 16; i++) {
            assertThat(users.open(1000, false).pages()).isEqualTo(16);
        }
        assertThat(users.userPages(1000)).isEqualTo(soft);
        PipeUsers.Charge over = users.open(1000, false);
        assertThat(over.pages()).isEqualTo(2);
        assertThat(users.open(1000, true).pages()).as("privileged").isEqualTo(16);
        assertThat(users.open(0, false).pages()).as("another user").isEqualTo(16);
        over.release();
        assertThat(users.userPages(1000)).isEqualTo(soft + 16);
    }

    @Test
    void theLimitsOfAResizeCountTheUsersOtherPipes() {
        PipeUsers users = new PipeUsers();
        PipeUsers.Charge a = users.open(7, false);
        users.open(7, false).set(100);
        PipeLimits limits = a.limits(false);
        assertThat(limits.userPagesElsewhere()).isEqualTo(100);
        assertThat(limits.refusesCharge(PipeLimits.DEFAULT_USER_PAGES_SOFT - 100)).isFalse();
        assertThat(limits.refusesCharge(PipeLimits.DEFAULT_USER_PAGES_SOFT - 99)).isTrue();
        assertThat(a.limits(true).refusesCharge(1_000_000)).isFalse();
    }
}
