package io.watchsim.simulations.history;

import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.KeyNotify;
import io.watchsim.queues.ring.PostOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder never lets its backlog grow past its bound and never passes a verdict on part of a
 * run: events it could not keep make the verdict incomplete, and a written history says so last,
 * so that checking the file again gives no verdict either.
 */
class HistoryRecorderTest {

    @Test
    void eventsPastTheBacklogBoundMakeTheHistoryIncomplete(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.jsonl");
        HistoryRecorder recorder = new HistoryRecorder(HistoryFile.create(file), 0);   // no room: every event dropped
        for (int i = 1; i <= 5; i++) {
            recorder.fate(1, new Provenance(7, 7, i, 0), 1, KeyNotify.of(KeyNotify.NOTIFY_KEY_UPDATED, 7, 0),
                    PostOutcome.INSERTED);
        }
        HistoryVerdict v = recorder.finish();
        assertThat(v.overrun()).startsWith("5 events were not recorded");
        assertThat(v.held()).isFalse();
        assertThat(v.describe()).anyMatch(l -> l.startsWith("history INCOMPLETE"));

        List<HistoryEvent> read = new ArrayList<>();
        HistoryFile.read(file, read::add);
        assertThat(read).singleElement().isInstanceOf(HistoryEvent.Incomplete.class);
        HistoryChecker again = new HistoryChecker(version -> null);
        read.forEach(again::accept);
        assertThat(again.finish().overrun()).startsWith("5 events were not recorded");
    }

    @Test
    void aRunThatKnowsItsHistoryIsNotWholeSaysSo() {
        HistoryRecorder recorder = HistoryRecorder.inMemory();
        HistoryVerdict v = recorder.finish("the kernel was still delivering when the run ended");
        assertThat(v.overrun()).isEqualTo("the kernel was still delivering when the run ended");
        assertThat(v.held()).isFalse();
    }

    @Test
    void eventsAfterTheEndAreNotPartOfTheRun() {
        HistoryRecorder recorder = HistoryRecorder.inMemory();
        recorder.queueEnded(3, false);
        HistoryVerdict v = recorder.finish();
        recorder.queueEnded(4, false);   // the kernel's own shutdown, after the run
        assertThat(v.events()).isEqualTo(1);
        assertThat(v.held()).isTrue();
    }
}
