package io.watchsim.policies;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link LabelBasedModule} adds beside the Smack- and SELinux-style engines' own tests
 * (SmackModuleTest, SelinuxModuleTest): key_permission is each engine's own, so an engine cannot
 * declare it unchecked (the base would silently not apply that).
 */
class LabelBasedModuleTest {
    /** An engine whose own checks allow everything. */
    private static final class Bare extends LabelBasedModule {
        Bare(Map<Hook, String> unchecked) {
            super("bare", unchecked);
        }

        @Override
        protected Decision checkWatch(Hook hook, Credentials setter, SecuredObject object, boolean explain) {
            return allow("checked", explain);
        }

        @Override
        protected Decision checkPost(String subject, String object, boolean explain) {
            return allow("checked", explain);
        }
    }

    @Test
    void keyPermissionCannotBeDeclaredUnchecked() {
        assertThatThrownBy(() -> new Bare(Map.of(Hook.KEY_PERMISSION, "not mine")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key_permission");
    }
}
