package io.watchsim.simulations.history;

import io.watchsim.queues.NanoClock;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PostOutcome;
import io.watchsim.queues.ring.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A history's fingerprint is SHA-256 over the exact bytes of its lines, the format line first: two
 * recorders fed the same events (on the same clock) write identical files and give the same
 * fingerprint, with or without a file, with or without a thread of their own; one event changed
 * changes it. An inline recorder takes its times from the run's clock and drops nothing.
 */
class HistoryFingerprintTest {
    /** A clock that moves on by one microsecond at every look: the same sequence for every recorder. */
    private static NanoClock ticking() {
        long[] now = {1_000_000};
        return () -> now[0] += 1_000;
    }

    private static Notification record(int n) {
        return KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 7, n);
    }

    /** A small run's worth of events: notes, fates, a read, a queue's end; {@code change} alters one fate's outcome. */
    private static void feed(HistoryRecorder r, boolean change) {
        r.note("workload started");
        for (int i = 1; i <= 20; i++) {
            PostOutcome outcome = change && i == 13 ? PostOutcome.LOST : PostOutcome.INSERTED;
            r.fate(3, new Provenance(7, 1, i, 100 + i), 1, record(i), outcome);
        }
        byte[] data = record(1).toBytes();
        r.read(3, new ReadResult(data, 1, null, new Provenance[]{new Provenance(7, 1, 1, 101)}));
        r.queueEnded(3, false);
        r.note("workload stopped");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static HistoryRecorder recorded(Path file, boolean inline, boolean change) throws Exception {
        HistoryFile.Writer w = file == null ? null : HistoryFile.create(file);
        HistoryRecorder r = inline ? HistoryRecorder.inline(w, ticking())
                : new HistoryRecorder(w, HistoryRecorder.DEFAULT_BACKLOG_LIMIT, ticking());
        feed(r, change);
        r.finish();
        return r;
    }

    @Test
    void theSameEventsGiveIdenticalFilesAndTheSameFingerprintTheSha256OfTheFile(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        String fa = recorded(a, true, false).fingerprint();
        String fb = recorded(b, true, false).fingerprint();
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        assertThat(fa).isEqualTo(fb).matches("[0-9a-f]{64}").isEqualTo(sha256(Files.readAllBytes(a)));
    }

    @Test
    void withoutAFileOrWithAThreadTheFingerprintIsTheSame(@TempDir Path dir) throws Exception {
        String withFile = recorded(dir.resolve("a.jsonl"), true, false).fingerprint();
        assertThat(recorded(null, true, false).fingerprint()).isEqualTo(withFile);
        assertThat(recorded(null, false, false).fingerprint()).isEqualTo(withFile);
        // a compressed file holds the same lines: the fingerprint is over them, not over the compressed bytes
        assertThat(recorded(dir.resolve("a.jsonl.gz"), false, false).fingerprint()).isEqualTo(withFile);
    }

    @Test
    void oneDifferentEventGivesADifferentFingerprint(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        String same = recorded(a, true, false).fingerprint();
        String changed = recorded(b, true, true).fingerprint();
        assertThat(changed).isNotEqualTo(same);
        assertThat(Files.mismatch(a, b)).isNotEqualTo(-1);
    }

    @Test
    void anInlineRecorderTakesItsTimesFromTheRunsClockAndDropsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.jsonl");
        long[] now = {5_000};
        HistoryRecorder r = HistoryRecorder.inline(HistoryFile.create(file), () -> now[0]);
        assertThat(r.isInline()).isTrue();
        now[0] = 9_000;
        r.note("later");
        now[0] = 12_000;
        r.read(3, new ReadResult(record(1).toBytes(), 1, null, null));
        for (int i = 0; i < 10_000; i++) {
            r.queueEnded(i, false);
        }
        HistoryVerdict v = r.finish();
        assertThat(v.overrun()).isNull();
        assertThat(v.events()).isEqualTo(10_002);
        List<HistoryEvent> read = new ArrayList<>();
        HistoryFile.read(file, (Consumer<HistoryEvent>) read::add);
        assertThat(read.get(0)).isEqualTo(new HistoryEvent.Note(4_000, "later"));   // since the recorder began
        assertThat(((HistoryEvent.Read) read.get(1)).nanos()).isEqualTo(12_000);      // on the kernel's scale
    }

    @Test
    void theFingerprintIsKnownOnceTheHistoryIsFinished() {
        HistoryRecorder r = HistoryRecorder.inline(null, ticking());
        assertThatThrownBy(r::fingerprint).isInstanceOf(IllegalStateException.class);
        r.finish();
        assertThat(r.fingerprint()).matches("[0-9a-f]{64}");
    }
}
