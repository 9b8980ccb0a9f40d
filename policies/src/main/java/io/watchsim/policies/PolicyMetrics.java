package io.watchsim.policies;

import io.watchsim.queues.record.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one kernel's policy, shared by every actor that evaluates a snapshot: checks,
 * allows and denials per hook, and one audit line per denial on the logger
 * {@value #AUDIT_LOGGER}. Thread-safe (LongAdder); node-local.
 */
public final class PolicyMetrics {
    public static final String AUDIT_LOGGER = "watchsim.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(AUDIT_LOGGER);

    private final LongAdder[] checks = adders();
    private final LongAdder[] denials = adders();
    /** Denials by hook, then subject label, then object label: two lookups and no allocation once a pair was seen. */
    private final Map<Hook, ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>>> deniedPairs = pairMaps();

    private static Map<Hook, ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>>> pairMaps() {
        Map<Hook, ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>>> m = new EnumMap<>(Hook.class);
        for (Hook h : Hook.values()) {
            m.put(h, new ConcurrentHashMap<>());
        }
        return m;
    }

    /**
     * Who was denied what: the hook, the subject's label (the watch setter's for a watch hook and
     * key_permission, the event source's for post_notification) and the object's (the object's
     * label; the watch setter's for post_notification, as the kernel's hook compares them).
     */
    public record LabelPair(Hook hook, String subject, String object) {
    }

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[Hook.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    /** Counts the decision of a hook asked about an object (a watch hook, key_permission) and audits a denial. */
    public Decision recordWatch(Hook hook, Decision d, Credentials setter, SecuredObject object) {
        checks[hook.ordinal()].increment();
        if (!d.allowed()) {
            denials[hook.ordinal()].increment();
            countDenials(hook, setter.label(), object.label(), 1);
            if (AUDIT.isInfoEnabled()) {
                AUDIT.info("denied hook={} engine={} errno={} subject=\"{}\" uid={} object={}:{} label=\"{}\" reason=\"{}\"",
                        hook.kernelName(), d.engine(), d.errno().name(), setter.label(), setter.uid(),
                        object.kind().name().toLowerCase(java.util.Locale.ROOT), object.id(), object.label(), d.reason());
            }
        }
        return d;
    }

    /** Counts a post hook's decision and audits a denial. */
    public Decision recordPost(Decision d, Credentials watcher, Credentials generator, Notification n) {
        checks[Hook.POST_NOTIFICATION.ordinal()].increment();
        if (!d.allowed()) {
            denials[Hook.POST_NOTIFICATION.ordinal()].increment();
            countDenials(Hook.POST_NOTIFICATION, generator == null ? "" : generator.label(), watcher.label(), 1);
            auditPostDenial(d, watcher, generator, n);
        }
        return d;
    }

    /** Counts post hook decisions made in a burst: {@code checked} in all, {@code denied} of them denied. */
    public void countPosts(long checked, long denied) {
        if (checked > 0) {
            checks[Hook.POST_NOTIFICATION.ordinal()].add(checked);
        }
        if (denied > 0) {
            denials[Hook.POST_NOTIFICATION.ordinal()].add(denied);
        }
    }

    /**
     * Counts {@code n} denials of {@code hook} for a pair of labels: once per denied call, or once
     * per burst of posts ({@code PostAuthorization}), so that no allowed record pays for it.
     */
    public void countDenials(Hook hook, String subject, String object, long n) {
        if (n > 0) {
            subject = subject == null ? "" : subject;     // an object may have no label
            object = object == null ? "" : object;
            ConcurrentHashMap<String, LongAdder> bySubject = deniedPairs.get(hook).get(subject);
            if (bySubject == null) {
                bySubject = deniedPairs.get(hook).computeIfAbsent(subject, k -> new ConcurrentHashMap<>());
            }
            LongAdder count = bySubject.get(object);
            if (count == null) {
                count = bySubject.computeIfAbsent(object, k -> new LongAdder());
            }
            count.add(n);
        }
    }

    /** The order pairs are reported in: by hook (the enum's order), subject, then object. */
    private static final java.util.Comparator<LabelPair> REPORTED = java.util.Comparator.comparing(LabelPair::hook)
            .thenComparing(LabelPair::subject).thenComparing(LabelPair::object);

    /**
     * The denials so far by hook and pair of labels, iterated in a fixed order (by hook, subject,
     * object), never in the order the pairs were first seen or hashed, so that a report is the same
     * for the same denials.
     */
    public Map<LabelPair, Long> denialsByLabels() {
        java.util.TreeMap<LabelPair, Long> m = new java.util.TreeMap<>(REPORTED);
        deniedPairs.forEach((hook, subjects) -> subjects.forEach((subject, objects) -> objects.forEach((object, n) ->
                m.put(new LabelPair(hook, subject, object), n.sum()))));
        return m;
    }

    /** The audit line of one denied post (each denied record gets its own, as in the kernel). */
    public void auditPostDenial(Decision d, Credentials watcher, Credentials generator, Notification n) {
        if (AUDIT.isInfoEnabled()) {
            AUDIT.info("denied hook=post_notification engine={} errno={} subject=\"{}\" uid={} object=\"{}\" uid={}"
                            + " record=type:{},subtype:{} reason=\"{}\"",
                    d.engine(), d.errno().name(), generator == null ? "" : generator.label(),
                    generator == null ? -1 : generator.uid(), watcher.label(), watcher.uid(), n.type(), n.subtype(),
                    d.reason());
        }
    }

    public PolicyCounts snapshot(long version, String engine) {
        Map<Hook, PolicyCounts.HookCounts> m = new EnumMap<>(Hook.class);
        for (Hook h : Hook.values()) {
            long denied = denials[h.ordinal()].sum();
            long checked = checks[h.ordinal()].sum();
            m.put(h, new PolicyCounts.HookCounts(checked, checked - denied, denied));
        }
        return new PolicyCounts(version, engine, m);
    }
}
