package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which modules let a queue decide a burst's post hook once per record type: the bundled ones
 * do, a module that says nothing does not, and a stack only when every module in it does.
 */
class PostDecidedByTypeTest {
    /** A module that keeps the interface's default. */
    private static final SecurityModule SILENT = () -> "silent";

    @Test
    void theBundledModulesDecideByTypeAndTheDefaultDoesNot() {
        assertThat(PermissiveModule.INSTANCE.postDecidedByType()).isTrue();
        assertThat(SmackModule.of(SmackRules.empty()).postDecidedByType()).isTrue();
        assertThat(SelinuxModule.of(io.watchsim.policies.selinux.TePolicy.empty(), SelinuxModule.Mode.EXTENDED).postDecidedByType()).isTrue();
        assertThat(SILENT.postDecidedByType()).isFalse();
    }

    @Test
    void aStackDecidesByTypeOnlyWhenEveryModuleDoes() {
        SecurityModule smack = SmackModule.of(SmackRules.empty());
        assertThat(new StackedModule(List.of(smack, PermissiveModule.INSTANCE)).postDecidedByType()).isTrue();
        assertThat(new StackedModule(List.of(smack, SILENT)).postDecidedByType()).isFalse();
        assertThat(new StackedModule(List.of(SILENT, smack)).postDecidedByType()).isFalse();
    }
}
