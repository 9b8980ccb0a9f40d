package io.watchsim.simulations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A plain scan of Java sources for the calls that would make a run depend on more than its scenario
 * and seed: the wall clock, the JDK's own timers and sleeps, threads of their own, unseeded
 * randomness, and asynchronous continuations that run on the common pool (an {@code ...Async(...)}
 * of a {@code CompletionStage} without its executor argument). Comments and string literals are not
 * code and are skipped. What a file may use for a stated reason is on an allow-list, by file and API.
 */
final class ForbiddenApis {
    /** A forbidden API: its name in reports and the pattern of its use in code. */
    record Api(String name, Pattern use) {
    }

    /** A use allowed in one file (a path relative to the project, with '/'), and why. */
    record Allowed(String file, String api, String why) {
    }

    /** A use found: where and what. */
    record Offence(String file, int line, String api) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + api;
        }
    }

    static final List<Api> APIS = List.of(
            new Api("System.nanoTime", Pattern.compile("\\bSystem\\s*(\\.|::)\\s*nanoTime\\b")),
            new Api("System.currentTimeMillis", Pattern.compile("\\bSystem\\s*(\\.|::)\\s*currentTimeMillis\\b")),
            new Api("Instant.now", Pattern.compile("\\bInstant\\s*(\\.|::)\\s*now\\b")),
            new Api("LocalDateTime.now", Pattern.compile("\\bLocalDateTime\\s*(\\.|::)\\s*now\\b")),
            new Api("delayedExecutor", Pattern.compile("\\bdelayedExecutor\\s*\\(")),
            new Api("orTimeout", Pattern.compile("\\borTimeout\\s*\\(")),
            new Api("Thread.sleep", Pattern.compile("\\bThread\\s*(\\.|::)\\s*sleep\\b")),
            new Api("TimeUnit.sleep", Pattern.compile("\\b(NANOSECONDS|MICROSECONDS|MILLISECONDS|SECONDS|MINUTES|HOURS|DAYS)"
                    + "\\s*\\.\\s*sleep\\s*\\(")),
            new Api("new Thread", Pattern.compile("\\bnew\\s+Thread\\s*\\(")),
            new Api("ThreadLocalRandom", Pattern.compile("\\bThreadLocalRandom\\b")),
            new Api("Math.random", Pattern.compile("\\bMath\\s*(\\.|::)\\s*random\\b")));

    /**
     * {@code CompletableFuture.completeOnTimeout(value, time, unit)}: told from the run's own
     * {@code RunTimers.completeOnTimeout(stage, value, duration)} by the {@code TimeUnit} among its arguments.
     */
    static final String JDK_COMPLETE_ON_TIMEOUT = "completeOnTimeout";
    private static final Pattern COMPLETE_ON_TIMEOUT = Pattern.compile("\\bcompleteOnTimeout\\s*\\(");
    private static final Pattern TIME_UNIT = Pattern.compile(
            "\\b(TimeUnit|NANOSECONDS|MICROSECONDS|MILLISECONDS|SECONDS|MINUTES|HOURS|DAYS)\\b");

    /** The name reported for an async continuation without its executor. */
    static final String ASYNC_WITHOUT_EXECUTOR = "...Async( without an executor";

    /** CompletionStage/CompletableFuture methods run on the common pool unless given an executor: arguments without it. */
    private static final Map<String, Integer> ASYNC_ARGUMENTS = Map.ofEntries(
            Map.entry("supplyAsync", 1), Map.entry("runAsync", 1),
            Map.entry("thenApplyAsync", 1), Map.entry("thenAcceptAsync", 1), Map.entry("thenRunAsync", 1),
            Map.entry("thenComposeAsync", 1), Map.entry("whenCompleteAsync", 1), Map.entry("handleAsync", 1),
            Map.entry("exceptionallyAsync", 1), Map.entry("exceptionallyComposeAsync", 1),
            Map.entry("completeAsync", 1),
            Map.entry("thenCombineAsync", 2), Map.entry("thenAcceptBothAsync", 2), Map.entry("runAfterBothAsync", 2),
            Map.entry("applyToEitherAsync", 2), Map.entry("acceptEitherAsync", 2),
            Map.entry("runAfterEitherAsync", 2));
    private static final Pattern ASYNC_CALL = Pattern.compile("\\b(\\w+Async)\\s*\\(");

    private ForbiddenApis() {
    }

    /** Every {@code .java} file under {@code dir}, in path order (relative to {@code root} in reports). */
    static List<Offence> scanTree(Path root, Path dir) {
        List<Offence> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.addAll(scan(root.relativize(f).toString().replace('\\', '/'), Files.readString(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The forbidden uses in one file's text, in order. */
    static List<Offence> scan(String file, String text) {
        String code = codeOnly(text);
        List<Offence> out = new ArrayList<>();
        for (Api api : APIS) {
            Matcher m = api.use().matcher(code);
            while (m.find()) {
                out.add(new Offence(file, lineOf(code, m.start()), api.name()));
            }
        }
        Matcher m = ASYNC_CALL.matcher(code);
        while (m.find()) {
            Integer without = ASYNC_ARGUMENTS.get(m.group(1));
            if (without != null && arguments(code, m.end()) <= without) {
                out.add(new Offence(file, lineOf(code, m.start()), ASYNC_WITHOUT_EXECUTOR));
            }
        }
        Matcher t = COMPLETE_ON_TIMEOUT.matcher(code);
        while (t.find()) {
            if (TIME_UNIT.matcher(code.substring(t.end(), closing(code, t.end()))).find()) {
                out.add(new Offence(file, lineOf(code, t.start()), JDK_COMPLETE_ON_TIMEOUT));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Offence::line));
        return out;
    }

    /** Those of {@code found} that no entry of {@code allowed} covers. */
    static List<Offence> notAllowed(List<Offence> found, List<Allowed> allowed) {
        return found.stream().filter(o -> allowed.stream().noneMatch(a -> covers(a, o))).toList();
    }

    /** Entries of {@code allowed} that cover nothing in {@code found} (the allow-list must stay true). */
    static List<Allowed> unused(List<Offence> found, List<Allowed> allowed) {
        return allowed.stream().filter(a -> found.stream().noneMatch(o -> covers(a, o))).toList();
    }

    private static boolean covers(Allowed a, Offence o) {
        return a.file().equals(o.file()) && a.api().equals(o.api());
    }

    /** How many arguments the call whose '(' ends at {@code from} has (top-level commas + 1; 0 for none). */
    private static int arguments(String code, int from) {
        int depth = 0;
        int commas = 0;
        boolean any = false;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                if (depth == 0) {
                    return any ? commas + 1 : 0;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            }
            if (!Character.isWhitespace(c)) {
                any = true;
            }
        }
        return commas + 1;
    }

    /** Where the call whose '(' ends at {@code from} closes (or the end of the text). */
    private static int closing(String code, int from) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return code.length();
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The text with comments, string and character literals (text blocks included) blanked out,
     * line breaks kept, so that offsets keep their line numbers.
     */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(text, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
