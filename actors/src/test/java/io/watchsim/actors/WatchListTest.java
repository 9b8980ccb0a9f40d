package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchListTest {
    private static final Credentials ROOT = Credentials.root();

    private static void assertErrno(Runnable r, Errno errno) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(errno));
    }

    @ParameterizedTest
    @ValueSource(longs = {-2, 256, 1000, Integer.MIN_VALUE})
    void tagsOutsideMinusOneTo255AreEinval(long tag) {
        assertErrno(() -> WatchList.checkTag(tag), Errno.EINVAL);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 1, 255})
    void tagsFromMinusOneTo255AreAccepted(long tag) {
        WatchList.checkTag(tag);
    }

    @Test
    void aSecondWatchForTheSameQueueAndIdIsEbusyWhateverTheTag() {
        WatchList<String> list = new WatchList<>();
        list.add(1, 42, 5, ROOT, "w1");
        assertErrno(() -> list.add(1, 42, 6, ROOT, "w2"), Errno.EBUSY);
        list.add(2, 42, 5, ROOT, "w3");
        list.add(1, 43, 5, ROOT, "w4");
        assertThat(list.size()).isEqualTo(3);
    }

    @Test
    void removingAWatchThatIsNotThereIsEbadslt() {
        WatchList<String> list = new WatchList<>();
        assertErrno(() -> list.remove(1, 42), Errno.EBADSLT);
        list.add(1, 42, 7, ROOT, "w1");
        assertThat(list.remove(1, 42).tag()).isEqualTo(7);
        assertErrno(() -> list.remove(1, 42), Errno.EBADSLT);
    }

    @Test
    void theNewestWatchIsVisitedFirst() {
        WatchList<String> list = new WatchList<>();
        list.add(1, 42, 1, ROOT, "old");
        list.add(2, 42, 2, ROOT, "middle");
        list.add(3, 99, 3, ROOT, "other id");
        list.add(4, 42, 4, ROOT, "new");
        List<String> visited = new ArrayList<>();
        list.forEachWatching(42, e -> visited.add(e.handle()));
        assertThat(visited).containsExactly("new", "middle", "old");
    }

    @Test
    void aLongListStillFindsRemovesAndOrdersItsWatches() {
        WatchList<Integer> list = new WatchList<>();
        for (int q = 0; q < 1000; q++) {
            list.add(q, 42, q & 0xFF, ROOT, q);
        }
        assertErrno(() -> list.add(500, 42, 1, ROOT, -1), Errno.EBUSY);
        assertThat(list.contains(999, 42)).isTrue();
        assertThat(list.remove(500, 42).handle()).isEqualTo(500);
        assertErrno(() -> list.remove(500, 42), Errno.EBADSLT);
        list.add(500, 42, 7, ROOT, 5000);
        assertThat(list.removeIfHandle(3, 42, 3)).isTrue();
        assertThat(list.contains(3, 42)).isFalse();
        List<Integer> order = new ArrayList<>();
        list.forEachWatching(42, e -> order.add(e.handle()));
        assertThat(order).hasSize(999).startsWith(5000, 999, 998);
        assertThat(list.clear()).hasSize(999);
        assertThat(list.contains(999, 42)).isFalse();
        list.add(999, 42, 1, ROOT, 1);
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void aClosedQueuesWatchesLeaveOneByOneAndDeathEmptiesTheList() {
        WatchList<String> list = new WatchList<>();
        list.add(1, 42, 1, ROOT, "a");
        list.add(1, 43, 1, ROOT, "b");
        list.add(2, 42, 1, ROOT, "c");
        assertThat(list.removeIfHandle(1, 42, "stale")).as("another watch's handle").isFalse();
        assertThat(list.removeIfHandle(1, 42, "a")).isTrue();
        assertThat(list.removeIfHandle(1, 42, "a")).as("already gone").isFalse();
        assertThat(list.newestFirst()).extracting(WatchList.Entry::handle).containsExactly("c", "b");
        assertThat(list.removeIfHandle(1, 43, "b")).isTrue();
        assertThat(list.clear()).extracting(WatchList.Entry::handle).containsExactly("c");
        assertThat(list.isEmpty()).isTrue();
    }

    @Test
    void theListGoesFromEmptyToOneToManyAndBackWhateverTheChange() {
        WatchList<String> list = new WatchList<>();
        assertThat(list.removeIfHandle(1, 42, "a")).isFalse();
        list.add(1, 42, 1, ROOT, "a");
        assertThat(list.removeIfHandle(2, 42, "a")).isFalse();
        assertThat(list.removeIfHandle(1, 42, "a")).isTrue();
        assertThat(list.isEmpty()).isTrue();
        list.add(1, 42, 1, ROOT, "a");
        assertThat(list.remove(1, 42).handle()).isEqualTo("a");
        list.add(1, 42, 1, ROOT, "a");
        list.add(2, 42, 2, ROOT, "b");
        list.add(3, 42, 3, ROOT, "c");
        assertThat(list.remove(2, 42).handle()).isEqualTo("b");
        assertThat(list.newestFirst()).extracting(WatchList.Entry::handle).containsExactly("c", "a");
        assertThat(list.clear()).extracting(WatchList.Entry::handle).containsExactly("c", "a");
        list.add(4, 42, 4, ROOT, "d");
        assertThat(list.newestFirst()).extracting(WatchList.Entry::handle).containsExactly("d");
        assertThat(list.contains(4, 42)).isTrue();
    }
}
