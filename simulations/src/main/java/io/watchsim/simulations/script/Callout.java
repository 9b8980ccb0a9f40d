package io.watchsim.simulations.script;

import io.watchsim.queues.Errno;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * How a request's callout constructs the key: {@code inst DATA} instantiates it,
 * {@code negate SECS} negates it (ENOKEY), {@code reject SECS ERRNO} rejects it with an errno.
 */
record Callout(byte[] payload, long timeoutSeconds, Errno errno) {
    static final String USAGE = "inst DATA | negate SECS | reject SECS ERRNO";

    static Callout parse(List<String> words, Function<String, RuntimeException> error) {
        if (words.isEmpty()) {
            throw error.apply("the request has no callout; expected " + USAGE);
        }
        String verb = words.get(0);
        switch (verb) {
            case "inst" -> {
                if (words.size() != 2) {
                    throw error.apply("inst takes one DATA; expected " + USAGE);
                }
                return new Callout(words.get(1).getBytes(StandardCharsets.UTF_8), 0, null);
            }
            case "negate" -> {
                if (words.size() != 2) {
                    throw error.apply("negate takes SECS; expected " + USAGE);
                }
                return new Callout(null, seconds(words.get(1), error), Errno.ENOKEY);
            }
            case "reject" -> {
                if (words.size() != 3) {
                    throw error.apply("reject takes SECS and ERRNO; expected " + USAGE);
                }
                Errno e = Errno.parse(words.get(2)).orElseThrow(() -> error.apply("unknown errno '" + words.get(2)
                        + "'; expected a name such as EKEYREJECTED or a number"));
                return new Callout(null, seconds(words.get(1), error), e);
            }
            default -> throw error.apply("unknown callout '" + verb + "'; expected " + USAGE);
        }
    }

    private static long seconds(String text, Function<String, RuntimeException> error) {
        OptionalLong v = CNumber.parse(text);
        if (v.isEmpty() || v.getAsLong() < 0) {
            throw error.apply("SECS '" + text + "' is not a number of seconds");
        }
        return v.getAsLong();
    }
}
