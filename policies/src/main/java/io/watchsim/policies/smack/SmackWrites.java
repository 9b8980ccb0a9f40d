package io.watchsim.policies.smack;

import io.watchsim.queues.Errno;

import java.util.ArrayList;
import java.util.List;

/**
 * The two writes by which a process changes Smack, taken byte for byte as Linux takes them, with
 * the checks in the kernel's order:
 * <ul>
 *   <li>a rule list written to smackfs {@code load2}: {@code smk_write_load2()} and
 *       {@code smk_write_rules_list()} in {@code security/smack/smackfs.c};</li>
 *   <li>a label written to {@code /proc/self/attr/current}: {@code smack_setprocattr()} in
 *       {@code security/smack/smack_lsm.c}, as Linux 6.1 has it since "smack: fix bug:
 *       unprivileged task can create labels" (the labels {@code @} and {@code *} are EPERM).</li>
 * </ul>
 * Labels are read as the kernel reads them, cut at the first character a label may not hold
 * ({@link SmackLabel#parseSmack}). Smack's {@code onlycap} and {@code relabel-self} lists
 * are not modelled: CAP_MAC_ADMIN alone decides.
 */
public final class SmackWrites {
    private SmackWrites() {
    }

    /** PAGE_SIZE: smk_write_rules_list() reads at most one page less one byte of a write. */
    static final int PAGE_SIZE = 4096;

    /** What a write to /proc/self/attr/current did: the new label, or the errno. */
    public record LabelWrite(String label, Errno errno, String detail) {
        public boolean isOk() {
            return errno == null;
        }
    }

    /**
     * What a write to load2 did: the rules it loaded, in order (all of them, or those before the
     * one that failed: the kernel loads each rule as it parses it), and the errno if it failed.
     */
    public record RulesWrite(List<SmackRule> loaded, Errno errno, String detail) {
        public RulesWrite {
            loaded = List.copyOf(loaded);
        }

        public boolean isOk() {
            return errno == null;
        }
    }

    /**
     * {@code smack_setprocattr("current", value, size)} by a process with or without
     * CAP_MAC_ADMIN: EPERM without it; EINVAL for an empty or too long write or a value that
     * holds no label ({@code -} first, or a bad first character); EPERM for {@code @} and
     * {@code *}, which no process may take; else the process takes the label.
     */
    public static LabelWrite setProcAttr(byte[] value, boolean macAdmin) {
        if (!macAdmin) {
            return new LabelWrite(null, Errno.EPERM, "changing the Smack label needs CAP_MAC_ADMIN");
        }
        if (value.length == 0 || value.length >= SmackLabel.SMK_LONGLABEL) {
            return new LabelWrite(null, Errno.EINVAL, "a label write of " + value.length + " bytes; allowed 1.."
                    + SmackLabel.MAX_LENGTH);
        }
        String label = SmackLabel.parseSmack(value, 0, value.length);
        if (label == null) {
            return new LabelWrite(null, Errno.EINVAL, "the write holds no Smack label");
        }
        if (label.equals(SmackLabel.WEB) || label.equals(SmackLabel.STAR)) {
            return new LabelWrite(null, Errno.EPERM, "no process may take the label " + label);
        }
        return new LabelWrite(label, null, null);
    }

    /**
     * {@code smk_write_load2()} of {@code data} by a process with or without CAP_MAC_ADMIN:
     * EPERM without it; then rule after rule, each three blank-separated fields
     * {@code SUBJECT OBJECT ACCESS}: a rule that ends early is EPERM (the parser's -1), a field that
     * holds no label EINVAL; the access is read up to its first unknown letter. A write longer than
     * a page is cut back to its last newline (EINVAL when it has none).
     */
    public static RulesWrite load2(byte[] data, boolean macAdmin) {
        List<SmackRule> loaded = new ArrayList<>();
        if (!macAdmin) {
            return new RulesWrite(loaded, Errno.EPERM, "loading Smack rules needs CAP_MAC_ADMIN");
        }
        int count = data.length;
        if (count >= PAGE_SIZE) {
            count = PAGE_SIZE - 1;
            while (count > 0 && data[count - 1] != '\n') {
                count--;
            }
            if (count == 0) {
                return new RulesWrite(loaded, Errno.EINVAL, "a rule write of more than a page has no newline");
            }
        }
        int cnt = 0;
        int[] start = new int[3];
        int[] end = new int[3];
        while (cnt < count) {
            // smk_parse_long_rule(data + cnt, ..., 3)
            int c = cnt;
            for (int i = 0; i < 3; i++) {
                while (c < count && isSpace(data[c])) {
                    c++;
                }
                if (c >= count || data[c] == 0) {
                    return new RulesWrite(loaded, Errno.EPERM, "the rule ends after " + i + " of its 3 fields");
                }
                start[i] = c;
                while (c < count && data[c] != 0 && !isSpace(data[c])) {
                    c++;
                }
                end[i] = c;
            }
            while (c < count && isSpace(data[c])) {
                c++;
            }
            // smk_fill_rule(): subject, then object, imported as labels; then the access.
            String subject = SmackLabel.parseSmack(data, start[0], end[0] - start[0]);
            if (subject == null) {
                return new RulesWrite(loaded, Errno.EINVAL, "the rule's subject holds no Smack label");
            }
            String object = SmackLabel.parseSmack(data, start[1], end[1] - start[1]);
            if (object == null) {
                return new RulesWrite(loaded, Errno.EINVAL, "the rule's object holds no Smack label");
            }
            int access = 0;
            for (int i = start[2]; i < end[2]; i++) {
                int bit = SmackAccess.bitOf((char) (data[i] & 0xFF));
                if (bit < 0) {
                    break;
                }
                access |= bit;
            }
            loaded.add(new SmackRule(subject, object, access));
            cnt = c;
        }
        return new RulesWrite(loaded, null, null);
    }

    /** The kernel's isspace(): HT, LF, VT, FF, CR, space, and 0xA0 (lib/ctype.c). */
    static boolean isSpace(byte b) {
        int c = b & 0xFF;
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0;
    }
}
