package io.watchsim.policies.smack;

import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.SecuredObject;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.MetaNotify;
import io.watchsim.queues.record.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmackModuleTest {
    private static final SmackModule SMACK = SmackModule.of(SmackRules.empty()
            .with("Lab", "Keys", "r")
            .with("Lab", "WOnly", "w")
            .with("Daemon", "Lab", "w")
            .with("Lab", "Daemon", "r"));

    private static final Notification KEY_RECORD = Notification.ofWords(1, 1, 0, 42, 0);

    private static Credentials task(String label, boolean macOverride) {
        Credentials c = Credentials.user(1000, 1000).withLabel(label);
        return macOverride ? c.with(Capability.CAP_MAC_OVERRIDE) : c;
    }

    private static SecuredObject key(String label) {
        return new SecuredObject(ObjectKind.KEY, 7, "user;1000;1000;3f010000;k", label);
    }

    @ParameterizedTest(name = "{0}{1} watches key {2}: {3} ({4})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // A key with no label yet: allowed before anything else.
            "Lab    | false | <none> | true  | no key label",
            "*      | false | <none> | true  | no key label",
            // CAP_MAC_OVERRIDE bypasses the check, even for a star subject.
            "Other  | true  | Keys   | true  | CAP_MAC_OVERRIDE",
            "*      | true  | Keys   | true  | CAP_MAC_OVERRIDE",
            // Otherwise the setter needs read on the key's label.
            "Lab    | false | Keys   | true  | `rule \"Lab Keys r\" grants r`",
            "Lab    | false | WOnly  | false | `rule \"Lab WOnly w\" lacks r`",
            "Other  | false | Keys   | false | no rule Other -> Keys",
            "Keys   | false | Keys   | true  | same label",
            "Other  | false | _      | true  | floor object",
            "^      | false | Keys   | true  | hat subject",
            "*      | false | Keys   | false | star subject",
            "Other  | false | *      | true  | star object",
    })
    void watchKey(String setter, boolean macOverride, String keyLabel, boolean allowed, String reason) {
        Credentials who = task(setter, macOverride);
        SecuredObject k = key(keyLabel.equals("<none>") ? null : keyLabel);
        Decision d = SMACK.watchKey(who, k);
        assertThat(d.allowed()).isEqualTo(allowed);
        if (allowed) {
            assertThat(d).isSameAs(Decision.allow());
        } else {
            assertThat(d).isEqualTo(Decision.deny(Errno.EACCES, "smack", reason));
        }
        assertThat(SMACK.watch(who, k)).isEqualTo(d);
        Decision explained = SMACK.explainWatch(who, k);
        assertThat(explained.allowed()).isEqualTo(allowed);
        assertThat(explained.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}{1} posts to a watch of {2}: {3} ({4})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // Subject = the generator, object = the watcher; write is needed.
            "Daemon | false | Lab    | true  | `rule \"Daemon Lab w\" grants w`",
            "Lab    | false | Daemon | false | `rule \"Lab Daemon r\" lacks w`",
            "Other  | false | Lab    | false | no rule Other -> Lab",
            // No CAP_MAC_OVERRIDE bypass on the post hook.
            "Other  | true  | Lab    | false | no rule Other -> Lab",
            "Lab    | false | Lab    | true  | same label",
            // The floor watcher is readable, not writable, by others: posts need a rule.
            "Lab    | false | _      | false | no rule Lab -> _",
            "^      | false | Lab    | false | no rule ^ -> Lab",
            "Lab    | false | *      | true  | star object",
            "*      | true  | *      | false | star subject",
            "@      | false | Lab    | true  | web subject",
    })
    void postNotification(String generator, boolean macOverride, String watcher, boolean allowed, String reason) {
        Credentials gen = task(generator, macOverride);
        Credentials w = task(watcher, false);
        Decision d = SMACK.postNotification(w, gen, KEY_RECORD);
        assertThat(d.allowed()).isEqualTo(allowed);
        if (allowed) {
            assertThat(d).isSameAs(Decision.allow());
        } else {
            assertThat(d).isEqualTo(Decision.deny(Errno.EACCES, "smack", reason));
        }
        assertThat(SMACK.explainPost(w, gen, KEY_RECORD).reason()).isEqualTo(reason);
    }

    @Test
    void metaRecordsAndSystemSourcesAlwaysPass() {
        Credentials watcher = task("Lab", false);
        Credentials stranger = task("Other", false);
        assertThat(SMACK.postNotification(watcher, stranger, MetaNotify.removal(7))).isSameAs(Decision.allow());
        assertThat(SMACK.postNotification(watcher, task("*", false), MetaNotify.loss())).isSameAs(Decision.allow());
        assertThat(SMACK.explainPost(watcher, stranger, MetaNotify.loss()).reason()).isEqualTo("meta record");
        assertThat(SMACK.postNotification(watcher, null, KEY_RECORD)).isSameAs(Decision.allow());
        assertThat(SMACK.explainPost(watcher, null, KEY_RECORD).reason()).isEqualTo("system source");
        assertThat(SMACK.postNotification(watcher, stranger, KEY_RECORD).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0}{1} watches a {2} labelled {3}: {4} ({5})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // A filesystem with no label has the floor label: every subject may read it, but a star
            // subject may access nothing.
            "Lab    | false | MOUNT      | <none> | true  | floor object",
            "_      | false | SUPERBLOCK | <none> | true  | same label",
            "*      | false | MOUNT      | <none> | false | star subject",
            // CAP_MAC_OVERRIDE bypasses the check, as for keys.
            "*      | true  | SUPERBLOCK | Secret | true  | CAP_MAC_OVERRIDE",
            "Lab    | true  | MOUNT      | Secret | true  | CAP_MAC_OVERRIDE",
            // Otherwise read access, by smk_access()'s order and then the rules.
            "Lab    | false | MOUNT      | Secret | false | no rule Lab -> Secret",
            "Lab    | false | SUPERBLOCK | Secret | false | no rule Lab -> Secret",
            "Lab    | false | MOUNT      | Keys   | true  | `rule \"Lab Keys r\" grants r`",
            "Lab    | false | SUPERBLOCK | Keys   | true  | `rule \"Lab Keys r\" grants r`",
            "Lab    | false | MOUNT      | WOnly  | false | `rule \"Lab WOnly w\" lacks r`",
            "Secret | false | SUPERBLOCK | Secret | true  | same label",
            "^      | false | MOUNT      | Secret | true  | hat subject",
            "Lab    | false | SUPERBLOCK | @      | true  | web object",
    })
    void mountAndSuperblockWatchesNeedReadAccessToTheFilesystemsLabel(String label, boolean override, ObjectKind kind,
                                                                    String objectLabel, boolean allowed, String reason) {
        SecuredObject o = new SecuredObject(kind, 3, kind == ObjectKind.MOUNT ? "tmpfs" : "tmpfs.sb",
                objectLabel.equals("<none>") ? null : objectLabel);
        Credentials setter = task(label, override);
        Decision d = SMACK.explainWatch(setter, o);
        assertThat(d.allowed()).as(d.reason()).isEqualTo(allowed);
        assertThat(d.reason()).contains(reason);
        assertThat(SMACK.watch(setter, o).allowed()).as("the kernel's path agrees").isEqualTo(allowed);
        assertThat(kind == ObjectKind.MOUNT ? SMACK.watchMount(setter, o) : SMACK.watchSb(setter, o))
                .extracting(Decision::allowed).isEqualTo(allowed);
        if (!allowed) {
            assertThat(d.errno()).isEqualTo(Errno.EACCES);
            assertThat(d.engine()).isEqualTo("smack");
        }
    }

    @Test
    void isAnImmutableValue() {
        SmackModule granted = SMACK.withRule("Other", "Lab", "w");
        Credentials other = task("Other", false);
        Credentials lab = task("Lab", false);
        assertThat(granted.postNotification(lab, other, KEY_RECORD).allowed()).isTrue();
        assertThat(SMACK.postNotification(lab, other, KEY_RECORD).allowed()).isFalse();
        assertThat(granted.rules().size()).isEqualTo(SMACK.rules().size() + 1);
        assertThat(SMACK.name()).isEqualTo("smack");
        assertThat(SmackModule.of(SMACK.rules())).isEqualTo(SMACK).hasSameHashCodeAs(SMACK);
        assertThat(granted).isNotEqualTo(SMACK);
        assertThat(SMACK.withRules(granted.rules())).isEqualTo(granted);
    }
}
