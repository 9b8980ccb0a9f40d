package io.watchsim.simulations.script;

import io.watchsim.queues.PipeEnd;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The script process's descriptor table: the lowest free number is taken first, as in Linux;
 * 0, 1 and 2 are the standard streams. Names bound by {@code queue} and {@code pipe} map to the
 * numbers they were given, so a name outlives a close just as a C variable would.
 */
final class FileTable {
    /** One open descriptor: an end of a pipe, or a standard stream (pipe null). */
    record OpenFile(ScriptPipe pipe, PipeEnd end) {
        boolean isPipe() {
            return pipe != null;
        }

        boolean canRead() {
            return end == PipeEnd.READ;
        }

        boolean canWrite() {
            return end == PipeEnd.WRITE;
        }
    }

    /** The two descriptors of a pipe bound to a name. */
    record PipeFds(int readFd, int writeFd) {
    }

    private final TreeMap<Integer, OpenFile> open = new TreeMap<>();
    private final Map<String, PipeFds> names = new HashMap<>();

    FileTable() {
        open.put(0, new OpenFile(null, PipeEnd.READ));
        open.put(1, new OpenFile(null, PipeEnd.WRITE));
        open.put(2, new OpenFile(null, PipeEnd.WRITE));
    }

    PipeFds install(ScriptPipe pipe) {
        int r = lowestFree();
        open.put(r, new OpenFile(pipe, PipeEnd.READ));
        int w = lowestFree();
        open.put(w, new OpenFile(pipe, PipeEnd.WRITE));
        return new PipeFds(r, w);
    }

    void bind(String name, PipeFds fds) {
        names.put(name, fds);
    }

    private int lowestFree() {
        int fd = 0;
        while (open.containsKey(fd)) {
            fd++;
        }
        return fd;
    }

    /** The descriptor number an FD argument stands for (the parser has checked the names). */
    long resolve(String arg) {
        return CNumber.parse(arg).orElseGet(() -> {
            boolean write = arg.endsWith(".w");
            PipeFds fds = names.get(write ? arg.substring(0, arg.length() - 2) : arg);
            return write ? fds.writeFd() : fds.readFd();
        });
    }

    /** The open file behind a descriptor, or null (EBADF). */
    OpenFile get(long fd) {
        return fd < 0 || fd > Integer.MAX_VALUE ? null : open.get((int) fd);
    }

    OpenFile remove(long fd) {
        return fd < 0 || fd > Integer.MAX_VALUE ? null : open.remove((int) fd);
    }
}
