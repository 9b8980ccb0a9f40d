package io.watchsim.policies;

import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.policies.selinux.SelinuxPolicyParser;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.policies.smack.SmackRules;
import io.watchsim.queues.Errno;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The key_permission hook: what each engine asks for each key permission bit. */
class KeyPermissionHookTest {
    private static final int VIEW = 0x01;
    private static final int READ = 0x02;
    private static final int WRITE = 0x04;
    private static final int SEARCH = 0x08;
    private static final int LINK = 0x10;
    private static final int SETATTR = 0x20;

    private static SecuredObject key(String label) {
        return new SecuredObject(ObjectKind.KEY, 9, "k", label);
    }

    @ParameterizedTest(name = "smack: {0} on a key labelled {1}, need {2} -> {3}")
    @CsvSource({
            "Lab, Keys, 1, true", "Lab, Keys, 2, true", "Lab, Keys, 8, true",
            "Lab, Keys, 4, false", "Lab, Keys, 16, false", "Lab, Keys, 32, false",
            "Admin, Keys, 4, true", "Admin, Keys, 1, false",
            "Lab, _, 2, true", "Lab, _, 4, false", "Lab, Lab, 63, true"})
    void smackMapsViewReadSearchToReadAndWriteLinkSetattrToWrite(String subject, String label, int need,
                                                                   boolean allowed) {
        SmackModule smack = SmackModule.of(SmackRules.empty().with("Lab", "Keys", "r").with("Admin", "Keys", "w"));
        Decision d = smack.keyPermission(Credentials.user(1, 1).withLabel(subject), key(label), need);
        assertThat(d.allowed()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(d.errno()).isEqualTo(Errno.EACCES);
        }
    }

    @org.junit.jupiter.api.Test
    void capMacOverrideBypassesSmackKeyPermissionAndAnUnlabelledKeyPasses() {
        SmackModule smack = SmackModule.of(SmackRules.empty());
        assertThat(smack.keyPermission(Credentials.root().withLabel("Lab"), key("Keys"), WRITE).allowed()).isTrue();
        assertThat(smack.keyPermission(Credentials.user(1, 1).withLabel("Lab"), key("Keys"), WRITE).allowed()).isFalse();
        assertThat(smack.keyPermission(Credentials.user(1, 1).withLabel("Lab"), key(null), WRITE).allowed()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void selinuxNeedsTheMatchingKeyPermissionInBothModes() {
        var policy = SelinuxPolicyParser.parse("t.te",
                "type lab_t;\ntype key_t;\nallow lab_t key_t:key { view search };\n");
        for (SelinuxModule.Mode mode : SelinuxModule.Mode.values()) {
            SelinuxModule se = SelinuxModule.of(policy, mode);
            Credentials lab = Credentials.user(1, 1).withLabel("u:r:lab_t");
            SecuredObject k = key("u:object_r:key_t");
            assertThat(se.keyPermission(lab, k, VIEW).allowed()).isTrue();
            assertThat(se.keyPermission(lab, k, VIEW | SEARCH).allowed()).isTrue();
            assertThat(se.keyPermission(lab, k, READ).allowed()).as(mode.name()).isFalse();
            assertThat(se.keyPermission(lab, k, LINK).errno()).isEqualTo(Errno.EACCES);
            assertThat(se.keyPermission(lab, k, SETATTR).allowed()).isFalse();
        }
    }
}
