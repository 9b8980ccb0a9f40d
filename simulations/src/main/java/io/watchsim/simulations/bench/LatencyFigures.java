package io.watchsim.simulations.bench;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * The figures a latency child JVM reports to the bench that started it, one line each on its
 * standard output, and how they add up over rounds. A line is {@link #PREFIX}, a kind, and
 * {@code key=value} fields; a histogram travels as HdrHistogram's compressed encoding in base64,
 * so the parent merges rounds into one distribution instead of averaging percentiles.
 */
final class LatencyFigures {
    /** What starts a result line; every other line of a child is its log. */
    static final String PREFIX = "@latency ";

    private LatencyFigures() {
    }

    /** The open-loop saturation found at one fan-out, events per second (0: no rate was sustained). */
    record Saturation(int fanout, double eventsPerSecond) {
        String line() {
            return PREFIX + "saturation fanout=" + fanout + " rate=" + eventsPerSecond;
        }
    }

    /**
     * One load at one fan-out: the offered rate, events sent, deliveries expected and counted,
     * readers that counted other than every event, records lost, whether every reader caught up,
     * how late the generator went out at worst, the collector's pauses and ZGC's allocation stalls
     * during it, and post-to-read
     * latency from each event's intended send time, from its post stamp (the object's fan-out) and
     * from the generator's post call (the intended time less the generator's lateness), in
     * nanoseconds. Rounds add up ({@link #plus}).
     */
    record Load(int fanout, double load, double eventsPerSecond, long sent, long expected, long counted,
                long readersOff, long lost, boolean drained, long maxLateNanos, GcPauses.Summary gc,
                GcPauses.Summary stalls, Histogram fromIntended, Histogram fromPost, Histogram fromCall) {
        boolean exact() {
            return counted == expected && readersOff == 0 && lost == 0 && drained;
        }

        Load plus(Load o) {
            if (o.fanout != fanout || o.load != load) {
                throw new IllegalArgumentException("adding figures of fan-out " + o.fanout + " at " + o.load
                        + " to fan-out " + fanout + " at " + load);
            }
            Histogram i = fromIntended.copy();
            i.add(o.fromIntended);
            Histogram p = fromPost.copy();
            p.add(o.fromPost);
            Histogram c = fromCall.copy();
            c.add(o.fromCall);
            return new Load(fanout, load, eventsPerSecond, sent + o.sent, expected + o.expected, counted + o.counted,
                    readersOff + o.readersOff, lost + o.lost, drained && o.drained,
                    Math.max(maxLateNanos, o.maxLateNanos), gc.plus(o.gc), stalls.plus(o.stalls), i, p, c);
        }

        String line() {
            return PREFIX + "load fanout=" + fanout + " load=" + load + " rate=" + eventsPerSecond + " sent=" + sent
                    + " expected=" + expected + " counted=" + counted + " off=" + readersOff + " lost=" + lost
                    + " drained=" + drained + " late=" + maxLateNanos + gcFields(gc, stalls) + " intended="
                    + encode(fromIntended) + " posted=" + encode(fromPost) + " called=" + encode(fromCall);
        }
    }

    /**
     * The fan-out probes at one fan-out: the time from each probe's post to the read of its last
     * delivery (nanoseconds), the probes not read in time, and the collector's pauses and stalls meanwhile.
     */
    record FanOut(int fanout, Histogram times, long missed, GcPauses.Summary gc, GcPauses.Summary stalls) {
        FanOut plus(FanOut o) {
            Histogram t = times.copy();
            t.add(o.times);
            return new FanOut(fanout, t, missed + o.missed, gc.plus(o.gc), stalls.plus(o.stalls));
        }

        String line() {
            return PREFIX + "fanout fanout=" + fanout + " missed=" + missed + gcFields(gc, stalls) + " times="
                    + encode(times);
        }
    }

    private static String gcFields(GcPauses.Summary gc, GcPauses.Summary stalls) {
        return " gcCount=" + gc.count() + " gcTotal=" + gc.totalNanos() + " gcMax=" + gc.maxNanos()
                + " stallCount=" + stalls.count() + " stallTotal=" + stalls.totalNanos() + " stallMax="
                + stalls.maxNanos();
    }

    /** The figure a result line carries: a {@link Saturation}, {@link Load} or {@link FanOut}. */
    static Object parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a latency result line: " + line);
        }
        String[] parts = line.substring(PREFIX.length()).trim().split(" ");
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("a field without a value in " + line);
            }
            f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return switch (parts[0]) {
            case "saturation" -> new Saturation(integer(f, "fanout"), number(f, "rate"));
            case "load" -> new Load(integer(f, "fanout"), number(f, "load"), number(f, "rate"), whole(f, "sent"),
                    whole(f, "expected"), whole(f, "counted"), whole(f, "off"), whole(f, "lost"),
                    Boolean.parseBoolean(field(f, "drained")), whole(f, "late"), gc(f, "gc"), gc(f, "stall"),
                    decode(field(f, "intended")), decode(field(f, "posted")), decode(field(f, "called")));
            case "fanout" -> new FanOut(integer(f, "fanout"), decode(field(f, "times")), whole(f, "missed"),
                    gc(f, "gc"), gc(f, "stall"));
            default -> throw new IllegalArgumentException("an unknown kind of latency result: " + line);
        };
    }

    private static GcPauses.Summary gc(Map<String, String> f, String kind) {
        return new GcPauses.Summary(whole(f, kind + "Count"), whole(f, kind + "Total"), whole(f, kind + "Max"));
    }

    private static String field(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key + " in a latency result line");
        }
        return v;
    }

    private static int integer(Map<String, String> f, String key) {
        return Integer.parseInt(field(f, key));
    }

    private static long whole(Map<String, String> f, String key) {
        return Long.parseLong(field(f, key));
    }

    private static double number(Map<String, String> f, String key) {
        return Double.parseDouble(field(f, key));
    }

    /** A histogram as base64 of its compressed encoding. */
    static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), length));
    }

    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("a histogram that does not decode: " + e.getMessage(), e);
        }
    }
}
