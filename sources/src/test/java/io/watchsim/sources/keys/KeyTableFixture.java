package io.watchsim.sources.keys;

import io.watchsim.actors.ObjectEvent;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.ObjectKind;
import io.watchsim.policies.PermissiveModule;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.record.WatchNotification;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link KeyTable} with a root process (pid {@link #ROOT_PID}) that has joined a fresh
 * anonymous session keyring, as a script's process does, plus helpers that turn an
 * {@link KeyTable.Outcome}'s steps into comparable values ({@link Ev}).
 */
final class KeyTableFixture {
    static final long ROOT_PID = 100;

    final KeyTable table = new KeyTable(new SplittableRandom(1));
    final KeyCaller root = caller(ROOT_PID, Credentials.root());
    /** The serial of the root process's session keyring. */
    final int ses;

    KeyTableFixture() {
        ses = join(root);
    }

    static KeyCaller caller(long pid, Credentials creds) {
        return new KeyCaller(pid, creds, new PolicySnapshot(1, PermissiveModule.INSTANCE, new PolicyMetrics()));
    }

    /** KEYCTL_JOIN_SESSION_KEYRING(NULL) for {@code c}; returns the new session keyring's serial. */
    int join(KeyCaller c) {
        return ok(table.joinSession(c, null));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ results

    /** Asserts success and returns the value as a serial. */
    static int ok(KeyTable.Outcome o) {
        assertThat(o.result().errno()).as("call failed: %s", o.result().detail()).isNull();
        return (int) o.result().value();
    }

    static Errno errno(KeyTable.Outcome o) {
        return o.result().errno();
    }

    int addUser(KeyCaller c, String desc, String payload, int ring) {
        return ok(table.add(c, "user", desc, bytes(payload), ring));
    }

    int addUser(String desc, int ring) {
        return addUser(root, desc, "payload-" + desc, ring);
    }

    int addKeyring(KeyCaller c, String desc, int ring) {
        return ok(table.add(c, "keyring", desc, null, ring));
    }

    int addKeyring(String desc, int ring) {
        return addKeyring(root, desc, ring);
    }

    String describe(KeyCaller c, int id) {
        KeyTable.Outcome o = table.describe(c, id);
        ok(o);
        return new String(o.result().data(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ steps

    /** One step of an outcome, in a form tests compare with equals. */
    sealed interface Ev {
    }

    /** A KeyStep.Post of one key record: subtype, key_id (= the event's object id) and aux. */
    record Note(int subtype, int keyId, int aux) implements Ev {
        @Override
        public String toString() {
            return NAMES[subtype] + "(" + keyId + ", aux " + aux + ")";
        }
    }

    record Created(int serial) implements Ev {
    }

    record Destroyed(int serial) implements Ev {
    }

    private static final String[] NAMES = {"INSTANTIATED", "UPDATED", "LINKED", "UNLINKED", "CLEARED", "REVOKED",
            "INVALIDATED", "SETATTR"};

    static Note instantiated(int key) {
        return new Note(KeyNotify.NOTIFY_KEY_INSTANTIATED, key, 0);
    }

    static Note negative(int key, Errno errno) {
        return new Note(KeyNotify.NOTIFY_KEY_INSTANTIATED, key, errno.negated());
    }

    static Note updated(int key) {
        return new Note(KeyNotify.NOTIFY_KEY_UPDATED, key, 0);
    }

    static Note linked(int ring, int key) {
        return new Note(KeyNotify.NOTIFY_KEY_LINKED, ring, key);
    }

    static Note unlinked(int ring, int key) {
        return new Note(KeyNotify.NOTIFY_KEY_UNLINKED, ring, key);
    }

    static Note cleared(int ring) {
        return new Note(KeyNotify.NOTIFY_KEY_CLEARED, ring, 0);
    }

    static Note revoked(int key) {
        return new Note(KeyNotify.NOTIFY_KEY_REVOKED, key, 0);
    }

    static Note invalidated(int key) {
        return new Note(KeyNotify.NOTIFY_KEY_INVALIDATED, key, 0);
    }

    static Note setattr(int key) {
        return new Note(KeyNotify.NOTIFY_KEY_SETATTR, key, 0);
    }

    static Destroyed destroyed(int serial) {
        return new Destroyed(serial);
    }

    /**
     * The steps as {@link Ev}s, checking the invariants of every step on the way: a Post is one
     * 16-byte key record whose object id, watch id and key_id all name the same key; a Create is
     * a KEY object.
     */
    static List<Ev> events(List<KeyStep> steps) {
        List<Ev> out = new ArrayList<>();
        for (KeyStep s : steps) {
            if (s instanceof KeyStep.Post p) {
                out.add(note(p.event()));
            } else if (s instanceof KeyStep.Create c) {
                assertThat(c.identity().kind()).isEqualTo(ObjectKind.KEY);
                out.add(new Created((int) c.identity().id()));
            } else if (s instanceof KeyStep.Destroy d) {
                out.add(new Destroyed(d.serial()));
            }
        }
        return out;
    }

    static List<Ev> events(KeyTable.Outcome o) {
        return events(o.steps());
    }

    /** Only the posted records of an outcome. */
    static List<Note> posts(KeyTable.Outcome o) {
        return events(o).stream().filter(Note.class::isInstance).map(Note.class::cast).toList();
    }

    private static Note note(ObjectEvent e) {
        assertThat(e.records()).as("one record per key event").hasSize(1);
        Notification n = e.records().get(0);
        assertThat(n.type()).as("record type").isEqualTo(WatchNotification.WATCH_TYPE_KEY_NOTIFY);
        assertThat(n.length()).as("record length").isEqualTo(KeyNotify.LENGTH);
        int keyId = KeyNotify.keyId(n);
        assertThat(e.objectId()).as("event object id = key_id").isEqualTo(Integer.toUnsignedLong(keyId));
        assertThat(e.watchId()).as("watch id = object id for keys").isEqualTo(e.objectId());
        return new Note(n.subtype(), keyId, KeyNotify.aux(n));
    }
}
