package io.watchsim.simulations.keyctl;

import io.watchsim.actors.Kernel;
import io.watchsim.actors.QueueHandle;
import io.watchsim.queues.SysResult;
import io.watchsim.queues.record.WatchNotification;
import io.watchsim.queues.ring.FilterRequest;
import io.watchsim.queues.ring.TypeFilter;
import io.watchsim.sources.keys.KeyOp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code keyctl watch [-f<filters>] <key>} (keyutils' keyctl_watch.c): a notification queue of
 * {@link KeyctlMonitor#QUEUE_NOTES} notes, filtered to the key subtypes {@code -f} names, watches
 * the key with tag {@link KeyctlMonitor#WATCH_TAG}; a {@link KeyctlMonitor} prints what it
 * receives. In the foreground the command runs until the key goes; in the background the
 * session keeps the monitor.
 */
final class KeyctlWatch {
    private KeyctlWatch() {
    }

    /** parse_watch_filter()'s letters, one per key subtype in subtype order. */
    private static final String SUBTYPE_LETTERS = "iplncrvs";

    /**
     * act_keyctl_watch(): glibc's getopt(argc, argv, "f:") first, which takes options anywhere on
     * the line (it moves the other words after them) until {@code --}, {@code -fLETTERS} or
     * {@code -f LETTERS} (each {@code -f} adds its letters to the one filter); then exactly one key.
     * A word starting with '-' is an option, so {@code watch -3} is refused where
     * {@code watch -- -3} is not.
     */
    static int run(KeyctlCall c) {
        List<String> a = c.args();
        Integer filterBits = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("--")) {
                rest.addAll(a.subList(i + 1, a.size()));
                break;
            }
            if (!w.startsWith("-") || w.length() == 1) {
                rest.add(w);
                continue;
            }
            char opt = w.charAt(1);
            if (opt != 'f') {
                c.err().append("watch: invalid option -- '").append(opt).append("'\n");
                throw new KeyctlExit(2, "Unknown option");
            }
            String letters;
            if (w.length() > 2) {
                letters = w.substring(2);
            } else if (i + 1 < a.size()) {
                letters = a.get(++i);
            } else {
                c.err().append("watch: option requires an argument -- 'f'\n");
                throw new KeyctlExit(2, "Unknown option");
            }
            filterBits = (filterBits == null ? 0 : filterBits) | subtypeBits(letters);
        }
        c.arity(rest, 1);
        int key = c.keyId(rest.get(0));
        Kernel kernel = c.session().kernel();
        QueueHandle q = kernel.await(kernel.createQueue());
        kernel.await(kernel.setQueueSize(q.id(), KeyctlMonitor.QUEUE_NOTES));
        if (filterBits != null) {
            kernel.await(kernel.setFilter(q.id(), FilterRequest.of(
                    new TypeFilter(WatchNotification.WATCH_TYPE_KEY_NOTIFY, 0, 0, new int[] {filterBits}))));
        }
        SysResult r = c.call(new KeyOp.Watch(key, q.id(), KeyctlMonitor.WATCH_TAG));
        if (!r.isOk()) {
            kernel.await(kernel.closeQueue(q.id()));
            throw KeyctlCall.failure("keyctl_watch_key", r.errno());
        }
        c.session().addMonitor(new KeyctlMonitor(kernel, q));
        if (!c.background()) {
            // A foreground watch runs until its key goes; with nothing else running, that is
            // when the simulated clock has run out.
            c.session().runClockOut(c.out());
        }
        return 0;
    }

    /** parse_watch_filter(): one letter per key subtype ({@code iplncrvs}); another letter is exit code 2. */
    private static int subtypeBits(String letters) {
        int bits = 0;
        for (char ch : letters.toCharArray()) {
            int subtype = SUBTYPE_LETTERS.indexOf(ch);
            if (subtype < 0) {
                throw new KeyctlExit(2, "Unknown filter character '" + ch + "'");
            }
            bits |= 1 << subtype;
        }
        return bits;
    }
}
