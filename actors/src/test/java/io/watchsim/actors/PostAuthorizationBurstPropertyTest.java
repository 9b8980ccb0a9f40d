package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.Hook;
import io.watchsim.policies.PolicyCounts;
import io.watchsim.policies.PolicyMetrics;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.policies.SecurityModule;
import io.watchsim.policies.smack.SmackModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.record.Notification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static io.watchsim.actors.TestLabels.LABELS;
import static io.watchsim.actors.TestLabels.creds;
import static io.watchsim.actors.TestLabels.pairs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst's post check gives every record the verdict the record-by-record check gives, and
 * counts the same checks and denials, whether the module decides by type (Smack: once per type)
 * or not (a module that looks at the subtype: record by record).
 */
class PostAuthorizationBurstPropertyTest {

    /** Denies odd subtypes from generators labelled A: a decision that is not by type alone. */
    record SubtypeSensitive() implements SecurityModule {
        @Override
        public String name() {
            return "subtype";
        }

        @Override
        public Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
            boolean deny = generator != null && "A".equals(generator.label()) && n.subtype() % 2 == 1;
            return deny ? Decision.deny(Errno.EACCES, name(), "odd subtype from A") : Decision.allow();
        }
    }

    record Case(List<String> rules, int watcher, int generator, List<int[]> records, boolean bySubtype) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> rules = Arbitraries.of(pairs()).list().ofMaxSize(10);
        Arbitrary<int[]> record = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 7)).as((t, s) -> new int[]{t, s});
        return Combinators.combine(rules, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-1, 3),
                        record.list().ofMinSize(1).ofMaxSize(70), Arbitraries.of(true, false))
                .as(Case::new);
    }


    private static SecurityModule module(Case c) {
        if (c.bySubtype()) {
            return new SubtypeSensitive();
        }
        SmackModule m = SmackModule.of(io.watchsim.policies.smack.SmackRules.empty());
        for (String r : c.rules()) {
            String[] so = r.split(">");
            m = m.withRule(so[0], so[1], "w");
        }
        return m;
    }

    @Property(tries = 300)
    void aBurstAnswersAndCountsAsRecordByRecord(@ForAll("cases") Case c) {
        SecurityModule module = module(c);
        assertThat(module.postDecidedByType()).isEqualTo(!c.bySubtype());
        PolicyMetrics one = new PolicyMetrics();
        PolicyMetrics burst = new PolicyMetrics();
        PostAuthorization single = new PostAuthorization(new PolicySnapshot(1, module, one), creds(c.watcher()),
                creds(c.generator()));
        PostAuthorization batched = new PostAuthorization(new PolicySnapshot(1, module, burst), creds(c.watcher()),
                creds(c.generator()));
        List<Boolean> expected = new ArrayList<>();
        List<Boolean> got = new ArrayList<>();
        PostCheck.Burst b = batched.forBurst();
        for (int[] r : c.records()) {
            Notification n = Notification.ofWords(r[0], r[1], 0, 7);
            expected.add(single.allows(n));
            got.add(b.allows(n));
        }
        b.finish();
        assertThat(got).isEqualTo(expected);
        PolicyCounts.HookCounts want = one.snapshot(1, "x").hooks().get(Hook.POST_NOTIFICATION);
        PolicyCounts.HookCounts have = burst.snapshot(1, "x").hooks().get(Hook.POST_NOTIFICATION);
        assertThat(have).isEqualTo(want);
        assertThat(have.checks()).isEqualTo(c.records().size());
    }
}
