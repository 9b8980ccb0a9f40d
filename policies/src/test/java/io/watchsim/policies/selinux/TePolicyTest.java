package io.watchsim.policies.selinux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TePolicyTest {
    private static final TePolicy POLICY = TePolicy.empty()
            .withAllow("user_t", "user_key_t", TeClass.KEY, "view")
            .withAllow("user_t", "user_key_t", TeClass.KEY, "read", "write")
            .withAllow("user_t", "user_t", TeClass.KEY, "view")
            .withAllow("daemon_t", "user_t", TeClass.NOTIFICATION, "post")
            .withAllow("admin_t", "unlabeled_t", TeClass.MOUNT, "watch");

    @ParameterizedTest(name = "{0} {1}:{2} {3} -> {4}")
    @CsvSource({
            "user_t,   user_key_t,  key,          view,    true",
            "user_t,   user_key_t,  key,          read,    true",
            "user_t,   user_key_t,  key,          write,   true",
            "user_t,   user_key_t,  key,          search,  false",
            "user_t,   user_t,      key,          view,    true",
            "user_key_t, user_t,    key,          view,    false",
            "daemon_t, user_t,      notification, post,    true",
            "user_t,   daemon_t,    notification, post,    false",
            "daemon_t, user_t,      key,          view,    false",
            "admin_t,  unlabeled_t, mount,        watch,   true",
            "admin_t,  unlabeled_t, superblock,   watch,   false",
            "nobody_t, user_t,      key,          view,    false",
            "user_t,   nobody_t,    key,          view,    false",
    })
    void allowsWhatTheUnionOfTheRulesAllows(String source, String target, String cls, String perm, boolean allowed) {
        assertThat(POLICY.allows(source, target, cls, perm)).isEqualTo(allowed);
    }

    @Test
    void rulesForTheSameTripleAreMerged() {
        assertThat(POLICY.rules()).extracting(TeRule::toString).containsExactly(
                "allow user_t user_key_t:key { view read write };",
                "allow user_t user_t:key view;",
                "allow daemon_t user_t:notification post;",
                "allow admin_t unlabeled_t:mount watch;");
        assertThat(POLICY.permissions("user_t", "user_key_t", TeClass.KEY)).isEqualTo(0b111);
        assertThat(POLICY.allows("user_t", "user_key_t", TeClass.KEY, 0b111)).isTrue();
        assertThat(POLICY.allows("user_t", "user_key_t", TeClass.KEY, 0b1001)).isFalse();
    }

    @Test
    void checksLabelsWithUnlabeledForMissingOrMalformedOnes() {
        int watch = TeClass.MOUNT.bit("watch");
        assertThat(POLICY.allowsLabels("u:r:admin_t:s0", null, TeClass.MOUNT, watch)).isTrue();
        assertThat(POLICY.allowsLabels("u:r:admin_t:s0", "garbage", TeClass.MOUNT, watch)).isTrue();
        assertThat(POLICY.allowsLabels("u:r:admin_t:s0", "u:r:mnt_t", TeClass.MOUNT, watch)).isFalse();
        assertThat(POLICY.allowsLabels("u:r:admin_t:s0:c1", "u:r:unlabeled_t:s0", TeClass.MOUNT, watch)).isTrue();
        // a type name that is a prefix or an extension of a known one is another type
        assertThat(POLICY.allowsLabels("u:r:admin:s0", null, TeClass.MOUNT, watch)).isFalse();
        assertThat(POLICY.allowsLabels("u:r:admin_t2:s0", null, TeClass.MOUNT, watch)).isFalse();
        assertThat(TePolicy.empty().allowsLabels(null, null, TeClass.KEY, 1)).isFalse();
    }

    @Test
    void isAnImmutableValue() {
        TePolicy more = POLICY.withAllow("x_t", "y_t", TeClass.SUPERBLOCK, "watch");
        assertThat(more.allows("x_t", "y_t", "superblock", "watch")).isTrue();
        assertThat(POLICY.allows("x_t", "y_t", "superblock", "watch")).isFalse();
        assertThat(POLICY.union(more)).isEqualTo(more).hasSameHashCodeAs(more);
        assertThat(POLICY.toBuilder().build()).isEqualTo(POLICY);
        assertThat(TePolicy.empty().isEmpty()).isTrue();
        assertThat(POLICY.toString()).startsWith("allow user_t user_key_t:key { view read write };\n");
    }

    @Test
    void refusesUnknownClassesPermissionsAndBadTypeNames() {
        assertThatThrownBy(() -> POLICY.allows("a_t", "b_t", "file", "read"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown class \"file\"; expected one of key, mount, superblock, notification");
        assertThatThrownBy(() -> POLICY.allows("a_t", "b_t", "key", "watch"))
                .hasMessage("unknown permission \"watch\" for class key; expected one of view, read, write, search, link, setattr, create");
        assertThatThrownBy(() -> POLICY.withAllow("9_t", "b_t", TeClass.KEY, "view"))
                .hasMessage("type name \"9_t\" must start with a letter or '_'");
        assertThatThrownBy(() -> POLICY.withAllow("a_t", "self", TeClass.KEY, "view"))
                .hasMessage("\"self\" is a keyword, not a type name");
        assertThatThrownBy(() -> new TeRule("a_t", "b_t", TeClass.MOUNT, 0b10))
                .hasMessageContaining("not a non-empty set of class mount");
    }
}
