package io.watchsim.actors;

import io.watchsim.policies.Credentials;

import java.util.ArrayList;
import java.util.List;

/** The labels the policy property tests draw from, the rule pairs over them, and credentials by label. */
final class TestLabels {
    static final List<String> LABELS = List.of("_", "A", "B", "C");

    private TestLabels() {
    }

    /** Every "subject>object" pair of labels. */
    static List<String> pairs() {
        List<String> out = new ArrayList<>();
        for (String s : LABELS) {
            for (String o : LABELS) {
                out.add(s + ">" + o);
            }
        }
        return out;
    }

    /** A user with label number {@code label}; null (a system source) for -1. */
    static Credentials creds(int label) {
        return label < 0 ? null : Credentials.user(1000 + label, 1000).withLabel(LABELS.get(label));
    }
}
