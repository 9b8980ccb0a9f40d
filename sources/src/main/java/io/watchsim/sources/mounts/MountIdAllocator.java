package io.watchsim.sources.mounts;

import java.util.TreeSet;

/**
 * Mount ids as the kernel's IDA hands them out: always the lowest free id, so a freed id is reused
 * by the next mount. Ids start at 1, so that 0 can mean "no mount" in a record.
 */
final class MountIdAllocator {
    private final TreeSet<Integer> freed = new TreeSet<>();
    private int next = 1;

    int allocate() {
        Integer lowest = freed.pollFirst();
        return lowest != null ? lowest : next++;
    }

    void free(int id) {
        if (id <= 0 || id >= next || !freed.add(id)) {
            throw new IllegalStateException("mount id " + id + " is not in use");
        }
        while (next > 1 && freed.remove(next - 1)) {
            next--;
        }
    }
}
