package io.watchsim.policies.smack;

import io.watchsim.policies.PolicySyntaxException;

/**
 * Reads a Smack rule file: one rule per line, {@code SUBJECT OBJECT ACCESS} separated by blanks
 * or tabs, as smackfs {@code load2} takes them. A line whose first field starts with {@code #} is
 * a comment, as is anything from a later field that starts with {@code #}, except the object
 * field: {@code #} is a valid label character, so an object label may start with it (a subject
 * label cannot, in this format). Blank lines are skipped. A later rule for the same pair
 * replaces an earlier one.
 *
 * <pre>
 * # subject  object  access
 * Lab        Admin   rw
 * Admin      Lab     r-x     # trailing comment
 * </pre>
 *
 * Mistakes raise a {@link PolicySyntaxException} with the line and the 1-based column (a tab
 * counts as one column) of what is wrong.
 */
public final class SmackPolicyParser {
    private static final String FIELDS = "SUBJECT OBJECT ACCESS";

    private SmackPolicyParser() {
    }

    /**
     * Parses {@code text}; {@code source} names it in error messages (a file name).
     *
     * @throws PolicySyntaxException at the first mistake
     */
    public static SmackRules parse(String source, String text) {
        SmackRules.Builder rules = SmackRules.builder();
        int lineNo = 0;
        int pos = 0;
        int n = text.length();
        while (pos <= n) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            int end = eol > pos && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
            lineNo++;
            parseLine(source, lineNo, text.substring(pos, end), rules);
            pos = eol + 1;
        }
        return rules.build();
    }

    private static void parseLine(String source, int lineNo, String line, SmackRules.Builder rules) {
        int[] starts = new int[3];
        String[] fields = new String[3];
        int count = 0;
        int lastEnd = 0;
        int i = 0;
        int len = line.length();
        while (true) {
            while (i < len && isBlank(line.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int start = i;
            while (i < len && !isBlank(line.charAt(i))) {
                i++;
            }
            if (line.charAt(start) == '#' && count != 1) {
                break; // a comment line, or a comment after the object (no access starts with '#')
            }
            if (count == 3) {
                int total = 4;
                for (int j = i; j < len; ) {
                    while (j < len && isBlank(line.charAt(j))) {
                        j++;
                    }
                    if (j >= len || line.charAt(j) == '#') {
                        break;
                    }
                    total++;
                    while (j < len && !isBlank(line.charAt(j))) {
                        j++;
                    }
                }
                throw new PolicySyntaxException(source, lineNo, start + 1, "expected 3 fields " + FIELDS + ", found "
                        + total + " (extra field \"" + line.substring(start, i) + "\"; a comment starts with '#')");
            }
            starts[count] = start;
            fields[count] = line.substring(start, i);
            count++;
            lastEnd = i;
        }
        if (count == 0) {
            return;
        }
        if (count < 3) {
            throw new PolicySyntaxException(source, lineNo, lastEnd + 1,
                    "expected 3 fields " + FIELDS + ", found " + count);
        }
        checkLabel(source, lineNo, "subject", fields[0], starts[0]);
        checkLabel(source, lineNo, "object", fields[1], starts[1]);
        String access = fields[2];
        int bad = SmackAccess.invalidAt(access);
        if (bad >= 0) {
            int column = starts[2] + bad + 1;
            throw new PolicySyntaxException(source, lineNo, column, "access \"" + access + "\" has "
                    + PolicySyntaxException.describeChar(access.charAt(bad)) + " at column " + column
                    + "; expected letters from " + SmackAccess.LETTERS + " or -");
        }
        rules.add(new SmackRule(fields[0], fields[1], SmackAccess.parse(access)));
    }

    private static void checkLabel(String source, int lineNo, String role, String label, int start) {
        SmackLabel.problem(label).ifPresent(p -> {
            int column = start + (p.atChar() ? p.index() : 0) + 1;
            throw new PolicySyntaxException(source, lineNo, column, role + " label \"" + label + "\" "
                    + p.describe("column", start + 1) + "; expected " + SmackLabel.EXPECTED);
        });
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
