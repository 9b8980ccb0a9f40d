package io.watchsim.simulations.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watchsim.actors.KernelHistory;
import io.watchsim.policies.Credentials;
import io.watchsim.queues.Provenance;
import io.watchsim.queues.record.Notification;
import io.watchsim.queues.ring.PostOutcome;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A history on disk: one JSON object per line, one line per {@link HistoryEvent} in the order
 * checked; gzip-compressed when the file name ends in {@code .gz}. Each line names its event in
 * {@code "e"}: {@code watched}, {@code unwatched}, {@code posted}, {@code fate}, {@code watch-lost}, {@code queue-ended}, {@code incomplete},
 * {@code read}, {@code policy}, {@code note}, {@code run} (a deterministic run's description, second line); records
 * are their bytes in hex. The format is
 * described in docs/SCENARIOS.md ("History").
 */
public final class HistoryFile {
    /** The format's version, written in the first line. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private HistoryFile() {
    }

    /** A mistake in a history file: where and why. */
    public static final class FormatException extends RuntimeException {
        public FormatException(String message) {
            super(message);
        }
    }

    /**
     * Writes events as lines, one JSON object each, and keeps the history's fingerprint: SHA-256
     * over the exact bytes of every line in order, the format line first, a deterministic run's description
     * ({@link HistoryEvent.RunStarted}) left out. A writer to no file
     * ({@link #digestOnly()}) keeps the fingerprint of the lines it would have written. Single owner
     * (the recorder's thread).
     */
    public static final class Writer implements Closeable {
        private final OutputStream out;
        private final MessageDigest digest;
        private String fingerprint;

        private Writer(OutputStream out) {
            this.out = out;
            this.digest = sha256();
            line(HEADER);
        }

        public void write(HistoryEvent e) {
            try {
                // A run's description (where its rule files lie, WatchSim's version) is no event of the run:
                // the same scenario and seed run from another folder give the same fingerprint.
                line(JSON.writeValueAsString(encode(e)), !(e instanceof HistoryEvent.RunStarted));
            } catch (JsonProcessingException x) {
                throw new UncheckedIOException(x);
            }
        }

        private void line(String text) {
            line(text, true);
        }

        private void line(String text, boolean hashed) {
            byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
            if (hashed) {
                digest.update(bytes);
            }
            if (out != null) {
                try {
                    out.write(bytes);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            }
        }

        /**
         * The fingerprint of the lines written: SHA-256 in lowercase hex. Ends the digest: call it once
         * the last line is written (closing does); later calls answer the same.
         */
        public String fingerprint() {
            if (fingerprint == null) {
                fingerprint = HEX.formatHex(digest.digest());
            }
            return fingerprint;
        }

        /** Closes the file (if any) and fixes the fingerprint. */
        @Override
        public void close() throws IOException {
            fingerprint();
            if (out != null) {
                out.close();
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }

    /** The first line of every history. */
    private static final String HEADER = "{\"e\":\"watchsim-history\",\"version\":" + VERSION + "}";

    /** A writer to {@code file} (replaced if it exists), with the format line first. */
    public static Writer create(Path file) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            os = new GZIPOutputStream(os, 1 << 16);
        }
        return new Writer(new BufferedOutputStream(os, 1 << 16));
    }

    /** A writer to no file: it keeps only the fingerprint of the lines it would have written. */
    public static Writer digestOnly() {
        return new Writer(null);
    }

    /**
     * Reads {@code file}, handing each event to {@code sink} in order.
     *
     * @throws FormatException naming {@code FILE:LINE} and what is wrong
     * @throws IOException     when the file cannot be read
     */
    public static void read(Path file, Consumer<HistoryEvent> sink) throws IOException {
        try (BufferedReader in = open(file)) {
            String line = in.readLine();
            int n = 1;
            checkFormatLine(file, line);
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                HistoryEvent e;
                try {
                    e = decode(JSON.readTree(line));
                } catch (JsonProcessingException | RuntimeException x) {
                    String why = x instanceof JsonProcessingException j ? j.getOriginalMessage() : x.getMessage();
                    throw new FormatException(file + ":" + n + ": " + why);
                }
                sink.accept(e);
            }
        }
    }

    /**
     * The description of the deterministic run {@code file} is the history of (its first event), or empty
     * when it is the history of a concurrent run.
     *
     * @throws FormatException when the file is no history
     */
    public static java.util.Optional<HistoryEvent.RunStarted> runOf(Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            checkFormatLine(file, in.readLine());
            String second = in.readLine();
            if (second == null || !second.startsWith("{\"e\":\"run\"")) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of((HistoryEvent.RunStarted) decode(JSON.readTree(second)));
            } catch (JsonProcessingException | RuntimeException x) {
                String why = x instanceof JsonProcessingException j ? j.getOriginalMessage() : x.getMessage();
                throw new FormatException(file + ":2: " + why);
            }
        }
    }

    /** A history file's lines, gunzipped when its name ends in {@code .gz}. */
    static BufferedReader open(Path file) throws IOException {
        InputStream is = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            is = new GZIPInputStream(is, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(is, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Refuses a file whose first line is not a history's format line. */
    private static void checkFormatLine(Path file, String line) {
        if (line == null || !line.startsWith("{\"e\":\"watchsim-history\"")) {
            throw new FormatException(file + ":1: not a WatchSim history (its first line must be "
                    + "{\"e\":\"watchsim-history\",\"version\":" + VERSION + "})");
        }
    }

    // ------------------------------------------------------------------ encoding

    static ObjectNode encode(HistoryEvent e) {
        ObjectNode o = JSON.createObjectNode();
        if (e instanceof HistoryEvent.Fate f) {
            o.put("e", "fate").put("queue", f.queue());
            origin(o, f.origin());
            o.put("tag", f.tag()).put("record", HEX.formatHex(f.record().toBytes())).put("outcome", f.outcome().name());
        } else if (e instanceof HistoryEvent.Posted p) {
            o.put("e", "posted").put("object", p.object()).put("watch", p.watchId()).put("seq", p.seq())
                    .put("nanos", p.nanos()).put("record", HEX.formatHex(p.record().toBytes())).put("policy", p.policy());
            if (p.generator() != null) {
                o.set("generator", credentials(p.generator()));
            }
        } else if (e instanceof HistoryEvent.Read r) {
            o.put("e", "read").put("queue", r.queue()).put("nanos", r.nanos()).put("data", HEX.formatHex(r.data()));
            if (r.origins() != null) {
                ArrayNode a = o.putArray("origins");
                for (Provenance p : r.origins()) {
                    if (p == null) {
                        a.addNull();
                    } else {
                        a.addArray().add(p.objectId()).add(p.watchId()).add(p.sequence()).add(p.postedNanos());
                    }
                }
            }
        } else if (e instanceof HistoryEvent.Watched w) {
            o.put("e", "watched").put("object", w.object()).put("watch", w.watchId()).put("queue", w.queue())
                    .put("tag", w.tag()).set("setter", credentials(w.setter()));
        } else if (e instanceof HistoryEvent.Unwatched u) {
            o.put("e", "unwatched").put("object", u.object()).put("watch", u.watchId()).put("queue", u.queue())
                    .put("why", u.why().name());
        } else if (e instanceof HistoryEvent.WatchLost w) {
            o.put("e", "watch-lost").put("object", w.object()).put("watch", w.watchId()).put("queue", w.queue());
        } else if (e instanceof HistoryEvent.QueueEnded q) {
            o.put("e", "queue-ended").put("queue", q.queue()).put("crashed", q.crashed());
        } else if (e instanceof HistoryEvent.PolicyInForce p) {
            o.put("e", "policy").put("version", p.version()).put("selinux-mode", p.selinuxMode());
            ArrayNode engines = o.putArray("engines");
            p.engines().forEach(engines::add);
            ArrayNode files = o.putArray("files");
            p.files().forEach(f -> files.addObject().put("name", f.name()).put("text", f.text()));
        } else if (e instanceof HistoryEvent.Incomplete i) {
            o.put("e", "incomplete").put("dropped", i.dropped()).put("why", i.why());
        } else if (e instanceof HistoryEvent.Note n) {
            o.put("e", "note").put("nanos", n.nanos()).put("text", n.text());
        } else if (e instanceof HistoryEvent.RunStarted r) {
            o.put("e", "run").put("seed", r.seed()).put("window", r.window()).put("step-cost", r.stepCostNanos())
                    .put("scale", r.scale()).put("watchsim", r.version());
            if (!r.planted().equals("NONE")) {
                o.put("planted", r.planted());
            }
            o.put("scenario", r.scenario());
        }
        return o;
    }

    private static void origin(ObjectNode o, Provenance p) {
        if (p != null) {
            o.put("object", p.objectId()).put("watch", p.watchId()).put("seq", p.sequence()).put("nanos", p.postedNanos());
        }
    }

    private static ObjectNode credentials(Credentials c) {
        ObjectNode o = JSON.createObjectNode().put("uid", c.uid()).put("gid", c.gid())
                .put("capabilities", c.capabilities()).put("label", c.label());
        ArrayNode groups = o.putArray("groups");
        c.groups().forEach(groups::add);
        return o;
    }

    // ------------------------------------------------------------------ decoding

    static HistoryEvent decode(JsonNode o) {
        String kind = text(o, "e");
        return switch (kind) {
            case "fate" -> new HistoryEvent.Fate(num(o, "queue"), o.has("object") ? new Provenance(num(o, "object"),
                    num(o, "watch"), num(o, "seq"), num(o, "nanos")) : null, (int) num(o, "tag"), record(o, "record"),
                    PostOutcome.valueOf(text(o, "outcome")));
            case "posted" -> new HistoryEvent.Posted(num(o, "object"), num(o, "watch"), num(o, "seq"), num(o, "nanos"),
                    record(o, "record"), o.has("generator") ? credentials(o.get("generator")) : null, num(o, "policy"));
            case "read" -> new HistoryEvent.Read(num(o, "queue"), num(o, "nanos"), HEX.parseHex(text(o, "data")),
                    origins(o.get("origins")));
            case "watched" -> new HistoryEvent.Watched(num(o, "object"), num(o, "watch"), num(o, "queue"),
                    (int) num(o, "tag"), credentials(o.get("setter")));
            case "unwatched" -> new HistoryEvent.Unwatched(num(o, "object"), num(o, "watch"), num(o, "queue"),
                    KernelHistory.Unwatch.valueOf(text(o, "why")));
            case "watch-lost" -> new HistoryEvent.WatchLost(num(o, "object"), num(o, "watch"), num(o, "queue"));
            case "queue-ended" -> new HistoryEvent.QueueEnded(num(o, "queue"), o.path("crashed").asBoolean());
            case "policy" -> {
                List<String> engines = new ArrayList<>();
                o.path("engines").forEach(n -> engines.add(n.asText()));
                List<HistoryEvent.RuleFile> files = new ArrayList<>();
                o.path("files").forEach(n -> files.add(new HistoryEvent.RuleFile(text(n, "name"), text(n, "text"))));
                yield new HistoryEvent.PolicyInForce(num(o, "version"), engines, text(o, "selinux-mode"), files);
            }
            case "incomplete" -> new HistoryEvent.Incomplete(num(o, "dropped"), text(o, "why"));
            case "note" -> new HistoryEvent.Note(num(o, "nanos"), text(o, "text"));
            case "run" -> new HistoryEvent.RunStarted(text(o, "scenario"), o.path("scale").asDouble(1), num(o, "seed"),
                    (int) num(o, "window"), num(o, "step-cost"), text(o, "watchsim"), o.path("planted").asText("NONE"));
            default -> throw new IllegalArgumentException("e: found \"" + kind + "\", expected one of watched, "
                    + "unwatched, posted, fate, watch-lost, queue-ended, read, policy, incomplete, note, run");
        };
    }

    private static Provenance[] origins(JsonNode a) {
        if (a == null || a.isNull()) {
            return null;
        }
        Provenance[] p = new Provenance[a.size()];
        for (int i = 0; i < p.length; i++) {
            JsonNode n = a.get(i);
            p[i] = n.isNull() ? null : new Provenance(n.get(0).asLong(), n.get(1).asLong(), n.get(2).asLong(),
                    n.get(3).asLong());
        }
        return p;
    }

    private static Credentials credentials(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("credentials: found " + o + ", expected an object");
        }
        Set<Integer> groups = new LinkedHashSet<>();
        o.path("groups").forEach(g -> groups.add(g.asInt()));
        return new Credentials((int) num(o, "uid"), (int) num(o, "gid"), groups, num(o, "capabilities"), text(o, "label"));
    }

    private static Notification record(JsonNode o, String field) {
        byte[] b = HEX.parseHex(text(o, field));
        return Notification.decode(b, 0, b.length);
    }

    private static long num(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(field + ": found " + (n == null ? "nothing" : n.toString())
                    + ", expected a whole number");
        }
        return n.asLong();
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(field + ": found " + (n == null ? "nothing" : n.toString())
                    + ", expected a string");
        }
        return n.asText();
    }
}
