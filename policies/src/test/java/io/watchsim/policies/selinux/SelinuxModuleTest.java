package io.watchsim.policies.selinux;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.selinux.SelinuxModule.Mode;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SelinuxModuleTest {
    private static final TePolicy POLICY = SelinuxPolicyParser.parse("test.te", """
            type admin_t; type secret_key_t; type user_t; type user_key_t; type unlabeled_t;
            type mnt_t; type fs_t; type daemon_t;
            allow admin_t secret_key_t:key view;
            allow user_t user_key_t:key { view read };
            allow user_t self:key view;
            allow user_t unlabeled_t:key view;
            allow admin_t mnt_t:mount watch;
            allow admin_t fs_t:superblock watch;
            allow daemon_t user_t:notification post;
            """);

    private static final Notification KEY_RECORD = Notification.ofWords(1, 1, 0, 42, 0);

    /** {@code <none>}: no label; {@code =text}: that label as it is; otherwise a type, wrapped in a context. */
    private static String label(String spec) {
        if (spec.equals("<none>")) {
            return null;
        }
        return spec.startsWith("=") ? spec.substring(1) : "sys_u:sys_r:" + spec + ":s0";
    }

    private static Credentials task(String spec) {
        // Every capability: none of them bypasses a type-enforcement check.
        return Credentials.root().withLabel(label(spec));
    }

    @ParameterizedTest(name = "{0} {1}: {2} watches {3} -> {4} ({5})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // watch_key: key view from the setter's type on the key's type, in both modes.
            "STRICT   | KEY        | admin_t   | secret_key_t | true  | allow admin_t secret_key_t:key view",
            "STRICT   | KEY        | user_t    | secret_key_t | false | no allow user_t secret_key_t:key view",
            "STRICT   | KEY        | user_t    | user_key_t   | true  | allow user_t user_key_t:key view",
            "STRICT   | KEY        | user_t    | user_t       | true  | allow user_t user_t:key view",
            "STRICT   | KEY        | admin_t   | admin_t      | false | no allow admin_t admin_t:key view",
            "STRICT   | KEY        | admin_t   | <none>       | false | no allow admin_t unlabeled_t:key view",
            "STRICT   | KEY        | user_t    | <none>       | true  | allow user_t unlabeled_t:key view",
            "STRICT   | KEY        | user_t    | =garbage     | true  | allow user_t unlabeled_t:key view",
            "STRICT   | KEY        | user_t    | =u:r         | true  | allow user_t unlabeled_t:key view",
            "STRICT   | KEY        | =_        | secret_key_t | false | no allow unlabeled_t secret_key_t:key view",
            "EXTENDED | KEY        | admin_t   | secret_key_t | true  | allow admin_t secret_key_t:key view",
            "EXTENDED | KEY        | user_t    | secret_key_t | false | no allow user_t secret_key_t:key view",
            "EXTENDED | KEY        | admin_t   | <none>       | false | no allow admin_t unlabeled_t:key view",
            // watch_mount and watch_sb: not checked upstream (STRICT); EXTENDED needs mount / superblock watch.
            "STRICT   | MOUNT      | user_t    | mnt_t        | true  | not checked in STRICT mode",
            "STRICT   | SUPERBLOCK | user_t    | fs_t         | true  | not checked in STRICT mode",
            "EXTENDED | MOUNT      | admin_t   | mnt_t        | true  | allow admin_t mnt_t:mount watch",
            "EXTENDED | MOUNT      | user_t    | mnt_t        | false | no allow user_t mnt_t:mount watch",
            "EXTENDED | MOUNT      | admin_t   | <none>       | false | no allow admin_t unlabeled_t:mount watch",
            "EXTENDED | MOUNT      | admin_t   | fs_t         | false | no allow admin_t fs_t:mount watch",
            "EXTENDED | SUPERBLOCK | admin_t   | fs_t         | true  | allow admin_t fs_t:superblock watch",
            "EXTENDED | SUPERBLOCK | admin_t   | mnt_t        | false | no allow admin_t mnt_t:superblock watch",
            "EXTENDED | SUPERBLOCK | user_t    | fs_t         | false | no allow user_t fs_t:superblock watch",
    })
    void watchHooks(Mode mode, ObjectKind kind, String setter, String object, boolean allowed, String reason) {
        SelinuxModule m = SelinuxModule.of(POLICY, mode);
        SecuredObject o = new SecuredObject(kind, 9, "obj", label(object));
        Credentials who = task(setter);
        Decision d = m.watch(who, o);
        Decision direct = switch (kind) {
            case KEY -> m.watchKey(who, o);
            case MOUNT -> m.watchMount(who, o);
            case SUPERBLOCK -> m.watchSb(who, o);
        };
        assertThat(direct).isEqualTo(d);
        if (allowed) {
            assertThat(d).isSameAs(Decision.allow());
        } else {
            assertThat(d).isEqualTo(Decision.deny(Errno.EACCES, "selinux", reason));
        }
        Decision explained = m.explainWatch(who, o);
        assertThat(explained.allowed()).isEqualTo(allowed);
        assertThat(explained.reason()).isEqualTo(reason);
        assertThat(explained.engine()).isEqualTo("selinux");
    }

    @ParameterizedTest(name = "{0}: {1} posts a {3} record to a watch of {2} -> {4} ({5})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // STRICT: upstream SELinux has no post_notification hook.
            "STRICT   | user_t   | daemon_t | key  | true  | not checked in STRICT mode",
            "STRICT   | <system> | user_t   | key  | true  | not checked in STRICT mode",
            // EXTENDED: generator type -> watcher type : notification post.
            "EXTENDED | daemon_t | user_t   | key  | true  | allow daemon_t user_t:notification post",
            "EXTENDED | user_t   | daemon_t | key  | false | no allow user_t daemon_t:notification post",
            "EXTENDED | admin_t  | user_t   | key  | false | no allow admin_t user_t:notification post",
            "EXTENDED | user_t   | user_t   | key  | false | no allow user_t user_t:notification post",
            "EXTENDED | =_       | user_t   | key  | false | no allow unlabeled_t user_t:notification post",
            "EXTENDED | daemon_t | =_       | key  | false | no allow daemon_t unlabeled_t:notification post",
            // Meta records and system sources always pass.
            "EXTENDED | admin_t  | user_t   | meta | true  | meta record",
            "EXTENDED | <system> | user_t   | key  | true  | system source",
            "EXTENDED | <system> | user_t   | meta | true  | meta record",
    })
    void postNotification(Mode mode, String generator, String watcher, String record, boolean allowed, String reason) {
        SelinuxModule m = SelinuxModule.of(POLICY, mode);
        Credentials gen = generator.equals("<system>") ? null : task(generator);
        Credentials w = task(watcher);
        Notification n = record.equals("meta") ? MetaNotify.removal(9) : KEY_RECORD;
        Decision d = m.postNotification(w, gen, n);
        if (allowed) {
            assertThat(d).isSameAs(Decision.allow());
        } else {
            assertThat(d).isEqualTo(Decision.deny(Errno.EACCES, "selinux", reason));
        }
        assertThat(m.explainPost(w, gen, n).reason()).isEqualTo(reason);
    }

    @Test
    void isAnImmutableValue() {
        SelinuxModule strict = SelinuxModule.of(POLICY, Mode.STRICT);
        SelinuxModule extended = strict.withMode(Mode.EXTENDED);
        assertThat(strict.mode()).isEqualTo(Mode.STRICT);
        assertThat(extended.mode()).isEqualTo(Mode.EXTENDED);
        assertThat(strict.name()).isEqualTo("selinux");
        assertThat(extended).isNotEqualTo(strict);
        assertThat(extended.withMode(Mode.STRICT)).isEqualTo(strict).hasSameHashCodeAs(strict);

        Credentials user = task("user_t");
        SecuredObject mount = new SecuredObject(ObjectKind.MOUNT, 1, "/mnt", label("mnt_t"));
        SelinuxModule granted = extended.withPolicy(POLICY.withAllow("user_t", "mnt_t", TeClass.MOUNT, "watch"));
        assertThat(granted.watchMount(user, mount).allowed()).isTrue();
        assertThat(extended.watchMount(user, mount).allowed()).isFalse();
        assertThat(granted.policy().rules()).hasSize(POLICY.rules().size() + 1);
    }
}
