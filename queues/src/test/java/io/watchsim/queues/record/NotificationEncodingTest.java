package io.watchsim.queues.record;

import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationEncodingTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void keyRecordIsLittleEndianWithTypeInLow24BitsAndSubtypeInTopByte() {
        Notification n = KeyNotify.of(KeyNotify.NOTIFY_KEY_LINKED, 0x12345678, 0x0A0B0C0D);
        assertThat(n.toBytes()).containsExactly(bytes(
                0x01, 0x00, 0x00, 0x02,   // type 1, subtype 2
                0x10, 0x00, 0x00, 0x00,   // info: length 16, tag 0
                0x78, 0x56, 0x34, 0x12,   // key_id
                0x0D, 0x0C, 0x0B, 0x0A)); // aux
        assertThat(n.type()).isEqualTo(1);
        assertThat(n.subtype()).isEqualTo(2);
        assertThat(n.length()).isEqualTo(16);
        assertThat(KeyNotify.keyId(n)).isEqualTo(0x12345678);
        assertThat(KeyNotify.aux(n)).isEqualTo(0x0A0B0C0D);
    }

    @Test
    void negativeInstantiationCarriesTheNegatedErrnoAsAux() {
        Notification n = KeyNotify.of(KeyNotify.NOTIFY_KEY_INSTANTIATED, 7, Errno.ENOKEY.negated());
        assertThat(n.u32(12)).isEqualTo(0xFFFFFF82);
    }

    @Test
    void tagIsWrittenIntoBits8To15OfACopyNeverIntoTheSharedRecord() {
        Notification n = KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 1, 0);
        byte[] tagged = n.toBytes(WatchNotification.withTag(n.info(), 5));
        assertThat(tagged[4]).isEqualTo((byte) 0x10);
        assertThat(tagged[5]).isEqualTo((byte) 0x05);
        assertThat(n.info()).isEqualTo(0x10);
        assertThat(WatchNotification.tagOf(0x0000_0510)).isEqualTo(5);
        assertThat(WatchNotification.withTag(0xFFFF_FFFF, 0)).isEqualTo(0xFFFF_00FF);
    }

    @Test
    void lossRecordIsEightBytesTypeZeroSubtypeOne() {
        assertThat(MetaNotify.loss().toBytes()).containsExactly(bytes(0, 0, 0, 1, 8, 0, 0, 0));
    }

    @Test
    void removalRecordCarriesTheObjectIdZeroExtendedOrOnlyTheHeaderForIdZero() {
        Notification r = MetaNotify.removal(0x8765_4321L);
        assertThat(r.toBytes()).containsExactly(bytes(
                0, 0, 0, 0, 16, 0, 0, 0,
                0x21, 0x43, 0x65, 0x87, 0, 0, 0, 0));
        assertThat(MetaNotify.removalId(r)).isEqualTo(0x8765_4321L);
        assertThat(MetaNotify.removal(0).length()).isEqualTo(8);
    }

    @Test
    void mountRecordIs28BytesWithCountersInOrder() {
        Notification m = MountNotify.of(MountNotify.NOTIFY_MOUNT_NEW_MOUNT, MountNotify.NOTIFY_MOUNT_IS_NOW_RO,
                21, 22, 3, 4, 5);
        assertThat(m.length()).isEqualTo(28);
        assertThat(m.u32(0)).isEqualTo(0x00000002);
        assertThat(m.info()).isEqualTo(0x0004_001C);
        assertThat(MountNotify.triggeredOn(m)).isEqualTo(21);
        assertThat(MountNotify.auxiliaryMount(m)).isEqualTo(22);
        assertThat(MountNotify.topologyChanges(m)).isEqualTo(3);
        assertThat(MountNotify.attrChanges(m)).isEqualTo(4);
        assertThat(MountNotify.auxTopologyChanges(m)).isEqualTo(5);
    }

    @Test
    void superblockRecordsAre16And24BytesWithZeroCookie() {
        Notification ro = SuperblockNotify.of(SuperblockNotify.NOTIFY_SUPERBLOCK_READONLY,
                SuperblockNotify.NOTIFY_SUPERBLOCK_IS_NOW_RO, 0x1_0000_0002L);
        assertThat(ro.u32(0)).isEqualTo(0x00000003);
        assertThat(ro.info()).isEqualTo(0x0001_0010);
        assertThat(SuperblockNotify.sbId(ro)).isEqualTo(0x1_0000_0002L);
        Notification err = SuperblockNotify.error(9, Errno.EIO.number());
        assertThat(err.length()).isEqualTo(24);
        assertThat(err.u32(0)).isEqualTo(0x01000003);
        assertThat(SuperblockNotify.errorNumber(err)).isEqualTo(5);
        assertThat(err.u32(20)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 128, 200})
    void lengthsOutside8To127AreRefusedWithEinval(int length) {
        assertThatThrownBy(() -> Notification.builder(1, 0, length))
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL);
                    assertThat(e.getMessage()).contains("length " + length).contains("8..127");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 64, 127})
    void lengthsFrom8To127AreAccepted(int length) {
        assertThat(Notification.builder(1, 0, length).build().length()).isEqualTo(length);
    }

    @Test
    void typeAndSubtypeBoundsAreChecked() {
        assertThatThrownBy(() -> Notification.builder(0x1000000, 0, 8)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("type 16777216");
        assertThatThrownBy(() -> Notification.builder(1, 256, 8)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("subtype 256");
        assertThatThrownBy(() -> Notification.builder(1, 0, 16).flags(0x80)).isInstanceOf(ErrnoException.class);
    }

    @Test
    void decodeReadsTheLengthFromInfoAndRefusesBadLengths() {
        byte[] stream = new byte[24];
        KeyNotify.of(KeyNotify.NOTIFY_KEY_CLEARED, 3, 0).copyTo(stream, 0, 0x0910);
        MetaNotify.loss().copyTo(stream, 16, 8);
        Notification first = Notification.decode(stream, 0, 24);
        assertThat(first.length()).isEqualTo(16);
        assertThat(WatchNotification.tagOf(first.info())).isEqualTo(9);
        assertThat(Notification.decode(stream, 16, 8)).isEqualTo(MetaNotify.loss());
        assertThatThrownBy(() -> Notification.decode(stream, 0, 12)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("length 16");
        assertThatThrownBy(() -> Notification.decode(new byte[8], 0, 8)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("length 0");
    }

    @Test
    void namesFollowTheScriptFormat() {
        assertThat(NotificationType.nameOf(1)).isEqualTo("KEY_NOTIFY");
        assertThat(NotificationType.subtypeNameOf(1, 7)).isEqualTo("setattr");
        assertThat(NotificationType.subtypeNameOf(0, 1)).isEqualTo("loss");
        assertThat(NotificationType.nameOf(9)).isEqualTo("?");
        assertThat(NotificationType.subtypeNameOf(1, 8)).isEqualTo("?");
    }
}
