package io.watchsim.policies.selinux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityContextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "<null>", value = {
            "user_u:user_r:user_t:s0                     | user_u   | user_r   | user_t   | s0",
            "user_u:user_r:user_t                        | user_u   | user_r   | user_t   | <null>",
            "system_u:system_r:kernel_t:s0-s0:c0.c1023   | system_u | system_r | kernel_t | s0-s0:c0.c1023",
            "a:b:c:d:e                                   | a        | b        | c        | d:e",
    })
    void parsesUserRoleTypeAndLevel(String label, String user, String role, String type, String level) {
        SecurityContext c = SecurityContext.parse(label);
        assertThat(c).isEqualTo(new SecurityContext(user, role, type, level));
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.toString()).isEqualTo(label);
        assertThat(SecurityContext.typeOf(label)).isEqualTo(type);
        assertThat(SecurityContext.ofObjectLabel(label)).isEqualTo(c);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "_", "Lab", "user_u:user_r", ":user_r:user_t", "user_u::user_t", "user_u:user_r:",
            "user_u:user_r::s0", "user_u:user_r:user_t:"})
    void aMalformedLabelIsUnlabeled(String label) {
        assertThat(SecurityContext.tryParse(label)).isEmpty();
        assertThat(SecurityContext.typeOf(label)).isEqualTo("unlabeled_t");
        assertThat(SecurityContext.ofObjectLabel(label)).isEqualTo(SecurityContext.UNLABELED);
        assertThatThrownBy(() -> SecurityContext.parse(label))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed security context \"" + label + "\"; expected user:role:type[:level] with no empty field");
    }

    @Test
    void aMissingLabelIsUnlabeled() {
        assertThat(SecurityContext.UNLABELED.toString()).isEqualTo("system_u:object_r:unlabeled_t:s0");
        assertThat(SecurityContext.typeOf(null)).isEqualTo("unlabeled_t");
        assertThat(SecurityContext.ofObjectLabel(null)).isEqualTo(SecurityContext.UNLABELED);
        assertThat(SecurityContext.tryParse(null)).isEmpty();
    }
}
