package io.watchsim.queues;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrnoTest {
    @Test
    void numbersAreThoseOfX86And64BitGenericLinux() {
        assertThat(Errno.EPERM.number()).isEqualTo(1);
        assertThat(Errno.ENOENT.number()).isEqualTo(2);
        assertThat(Errno.EBADF.number()).isEqualTo(9);
        assertThat(Errno.EAGAIN.number()).isEqualTo(11);
        assertThat(Errno.EACCES.number()).isEqualTo(13);
        assertThat(Errno.EBUSY.number()).isEqualTo(16);
        assertThat(Errno.EXDEV.number()).isEqualTo(18);
        assertThat(Errno.ENODEV.number()).isEqualTo(19);
        assertThat(Errno.EISDIR.number()).isEqualTo(21);
        assertThat(Errno.EINVAL.number()).isEqualTo(22);
        assertThat(Errno.ENOTEMPTY.number()).isEqualTo(39);
        assertThat(Errno.EBADSLT.number()).isEqualTo(57);
        assertThat(Errno.ENOPKG.number()).isEqualTo(65);
        assertThat(Errno.ENOBUFS.number()).isEqualTo(105);
        assertThat(Errno.ENOKEY.number()).isEqualTo(126);
        assertThat(Errno.EKEYREVOKED.number()).isEqualTo(128);
    }

    @Test
    void displayAndParseRoundTrip() {
        assertThat(Errno.EINVAL.display()).isEqualTo("EINVAL (errno 22)");
        assertThat(Errno.parse("enobufs")).contains(Errno.ENOBUFS);
        assertThat(Errno.parse("126")).contains(Errno.ENOKEY);
        assertThat(Errno.parse("EWHAT")).isEmpty();
        assertThat(Errno.ofNumber(-128)).contains(Errno.EKEYREVOKED);
    }

    @Test
    void exceptionAndResultCarryTheValueAtFault() {
        ErrnoException e = new ErrnoException(Errno.EBUSY, "size already set to 32");
        assertThat(e.getMessage()).isEqualTo("EBUSY: size already set to 32");
        assertThat(e.detail()).isEqualTo("size already set to 32");
        SysResult r = SysResult.of(e);
        assertThat(r.isOk()).isFalse();
        assertThat(r.errno()).isEqualTo(Errno.EBUSY);
        assertThat(r.toString()).isEqualTo("= -1 EBUSY (errno 16) [size already set to 32]");
        assertThat(SysResult.ok(4).orThrow()).isEqualTo(4);
    }
}
