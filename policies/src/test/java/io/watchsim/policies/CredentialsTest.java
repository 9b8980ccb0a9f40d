package io.watchsim.policies;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {
    @Test
    void rootHasEveryCapabilityAndTheSmackFloorLabel() {
        Credentials root = Credentials.root();
        assertThat(root.uid()).isZero();
        assertThat(root.has(Capability.CAP_SYS_ADMIN)).isTrue();
        assertThat(root.has(Capability.CAP_SYS_RESOURCE)).isTrue();
        assertThat(root.has(Capability.CAP_MAC_OVERRIDE)).isTrue();
        assertThat(root.has(Capability.CAP_CHECKPOINT_RESTORE)).isTrue();
        assertThat(root.label()).isEqualTo("_");
    }

    @Test
    void droppingACapabilityReturnsNewCredentialsAndLeavesTheOldOnesAlone() {
        Credentials root = Credentials.root();
        Credentials dropped = root.without(Capability.CAP_MAC_OVERRIDE);
        assertThat(dropped.has(Capability.CAP_MAC_OVERRIDE)).isFalse();
        assertThat(dropped.has(Capability.CAP_MAC_ADMIN)).isTrue();
        assertThat(root.has(Capability.CAP_MAC_OVERRIDE)).isTrue();
        assertThat(dropped.with(Capability.CAP_MAC_OVERRIDE)).isEqualTo(root);
    }

    @Test
    void groupsCountThePrimaryAndTheSupplementaryGroups() {
        Credentials c = Credentials.user(1000, 100).withGroups(Set.of(4, 27));
        assertThat(c.inGroup(100)).isTrue();
        assertThat(c.inGroup(27)).isTrue();
        assertThat(c.inGroup(0)).isFalse();
        assertThat(c.capabilities()).isZero();
        assertThat(c.withUid(0).withGid(0).withLabel("Admin").label()).isEqualTo("Admin");
    }

    @Test
    void capabilitiesParseByShortNameFullNameOrNumber() {
        assertThat(Capability.parse("mac_override")).contains(Capability.CAP_MAC_OVERRIDE);
        assertThat(Capability.parse("CAP_SYS_ADMIN")).contains(Capability.CAP_SYS_ADMIN);
        assertThat(Capability.parse("24")).contains(Capability.CAP_SYS_RESOURCE);
        assertThat(Capability.parse("41")).isEmpty();
        assertThat(Capability.parse("flying")).isEmpty();
        assertThat(Capability.CAP_MAC_OVERRIDE.number()).isEqualTo(32);
        assertThat(Capability.CAP_MAC_ADMIN.number()).isEqualTo(33);
    }
}
