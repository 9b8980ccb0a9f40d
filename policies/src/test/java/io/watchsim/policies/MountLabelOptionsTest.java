package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.TePolicy;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which mount options each LSM takes a filesystem's label by: a kernel's LSMs together take theirs, and no other. */
class MountLabelOptionsTest {
    private static final SmackModule SMACK = SmackModule.of(SmackRules.empty());
    private static final SelinuxModule SELINUX = SelinuxModule.of(TePolicy.empty(), SelinuxModule.Mode.STRICT);

    @Test
    void smackTakesSmackfsdefSelinuxContextAStackBothAndNoLsmNone() {
        assertThat(SMACK.mountLabelOptions()).containsExactly("smackfsdef");
        assertThat(SELINUX.mountLabelOptions()).containsExactly("context");
        assertThat(SELINUX.withMode(SelinuxModule.Mode.EXTENDED).mountLabelOptions()).containsExactly("context");
        assertThat(new StackedModule(List.of(SELINUX, SMACK)).mountLabelOptions())
                .containsExactlyInAnyOrder("smackfsdef", "context");
        assertThat(PermissiveModule.INSTANCE.mountLabelOptions()).isEmpty();
        assertThat(new StackedModule(List.of(PermissiveModule.INSTANCE)).mountLabelOptions()).isEmpty();
    }
}
