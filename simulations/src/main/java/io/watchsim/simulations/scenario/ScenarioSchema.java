package io.watchsim.simulations.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every key a scenario file may hold, section by section, with its type, default, allowed values
 * and meaning. The one list: {@link ScenarioLoader} reads only these keys and refuses any other
 * (with a suggestion for near misses), and {@link ScenarioReference} prints them as the key
 * reference of docs/SCENARIOS.md.
 */
public final class ScenarioSchema {
    private ScenarioSchema() {
    }

    /**
     * One key.
     *
     * @param name         the key as written in the file
     * @param type         what kind of value it takes
     * @param defaultValue its value when absent, or null when it must be given
     * @param allowed      the values allowed
     * @param description  what it means
     */
    public record Key(String name, String type, String defaultValue, String allowed, String description) {
        public boolean required() {
            return defaultValue == null;
        }
    }

    /**
     * The keys of one object of a scenario file.
     *
     * @param path  where the object is ({@code world.groups.NAME}); a variant (one injection profile,
     *              one fault action) says which in parentheses
     * @param about what the object is
     * @param keys  its keys, in the order the reference lists them
     */
    public record Section(String path, String about, List<Key> keys) {
        public Section {
            keys = List.copyOf(keys);
        }

        public Set<String> names() {
            return keys.stream().map(Key::name).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        public Optional<Key> key(String name) {
            return keys.stream().filter(k -> k.name().equals(name)).findFirst();
        }

        /** This section with the keys of {@code variant} after its own. */
        Section plus(Section variant) {
            List<Key> all = new ArrayList<>(keys);
            all.addAll(variant.keys());
            return new Section(variant.path(), variant.about(), all);
        }
    }

    private static Key key(String name, String type, String defaultValue, String allowed, String description) {
        return new Key(name, type, defaultValue, allowed, description);
    }

    private static final String OBJECT_GROUP = "an object group of world.groups";
    private static final String KEYRING_GROUP = "a keyring group of world.groups";
    private static final String QUEUE_GROUP_OF = "a queue group of queues";
    private static final String CREDENTIALS_TYPE = "credentials";
    private static final String ROOT = "root (uid 0, gid 0, every capability, label _)";

    public static final Section TOP = new Section("(top level)", "the scenario file itself", List.of(
            key("name", "string", "the file's name without .conf", ScenarioValidator.SCENARIO_NAME_FORM,
                    "the scenario's name; result folders are named after it"),
            key("seed", "whole number", Long.toString(Scenario.DEFAULT_SEED), "any 64-bit number",
                    "the seed every random stream derives from: two runs with one seed draw the same operations"),
            key("duration", "duration", null, "above 0", "how long the workload runs"),
            key("world", "object", "no objects", "see world", "the keys, keyrings and mounts the run starts with"),
            key("queues", "map of NAME to object", "no queues", "see queues.NAME", "the queue groups"),
            key("watches", "map of NAME to object", "no watches", "see watches.NAME",
                    "which queue groups watch which object groups"),
            key("policy", "object", "permissive", "see policy", "the security policy at the start"),
            key("workload", "map of NAME to object", "no generators", "see workload.NAME", "the event generators"),
            key("faults", "map of NAME to object", "no faults", "see faults.NAME", "the fault plan"),
            key("assertions", "list of strings", "[]", AssertionParser.FORM + "; metrics are listed below",
                    "what must hold at the end; a failing one makes the run exit 1"),
            key("output", "object", "see output", "see output", "what the run writes"),
            key("defs", "anything", "none", "anything", "free space for values shared through substitutions "
                    + "(${defs.admin}); not checked")));

    public static final Section WORLD = new Section("world", "the objects the run starts with", List.of(
            key("gc-delay", "duration", "300s", "whole seconds, 0 or more",
                    "the key garbage collector's delay (gc_delay): how long a revoked or expired key stays"),
            key("groups", "map of NAME to object", "no groups", "see world.groups.NAME", "the object groups"),
            key("mounts", "map of NAME to object", "no mount trees", "see world.mounts.NAME",
                    "the mount trees, each a tmpfs on /NAME with mounts below it"),
            key("v5-bugs", "boolean", "false", "true, false", "reproduce the ver #5 bugs of the mount and superblock "
                    + "sources (as --v5-bugs does for scripts); false: what the code meant to do")));

    public static final Section MOUNT_TREE = new Section("world.mounts.NAME", "a tree of mounts on /NAME, built with "
            + "mount(2) before the queues", List.of(
            key("depth", "whole number", "1", "0.." + MountTree.MAX_DEPTH, "levels of mounts below the tree's top"),
            key("fanout", "whole number", "2", "1.." + MountTree.MAX_FANOUT + "; at most " + MountTree.MAX_MOUNTS
                    + " mounts in all", "the mounts in each mount above the deepest level (directories m0, m1, ...)"),
            key("binds", "whole number", "0", "0 or more", "bind mounts in the top (b0, b1, ...), of the tree's mounts "
                    + "in turn"),
            key("automounts", "whole number", "0", "0 or more", "automount points (a0, a1, ...) spread over the leaves, "
                    + "each with a kernel submount on it"),
            key("spares", "whole number", Integer.toString(MountTree.DEFAULT_SPARES), "0..64",
                    "empty directories (s0, s1, ...) in each tree mount, where the workload mounts, binds and moves")));

    public static final Section GROUP = new Section("world.groups.NAME", "a group of keys or keyrings", List.of(
            key("type", "string", "user", "user, logon, keyring", "the objects' key type"),
            key("count", "count", "1", "1 or more; 1 for shape hot", "how many objects (for a tree: leaves)"),
            key("payload", "whole number", "32 (0 for keyrings)", "1..32767 for user and logon; 0 for keyrings",
                    "each key's payload in bytes"),
            key("shape", "string", "flat", "flat, tree, hot", "flat: each object linked into linked-into; tree: "
                    + "leaves of a keyring tree depth levels deep; hot: one object watched by many"),
            key("depth", "whole number", "none (required for shape tree)", "1..6, only with shape tree",
                    "levels of links from the tree's root keyring to a leaf"),
            key("linked-into", "string", "none: the session keyring", KEYRING_GROUP + ", without a cycle",
                    "the keyring group the objects (a tree's root) are linked into, object i into keyring i mod N"),
            key("owner", CREDENTIALS_TYPE, ROOT, "see credentials",
                    "the credentials the objects are created with; a key takes its creator's label"),
            key("perm", "whole number or hex string", "the type's default", "0..0xffffffff",
                    "the permission mask set on each object (KEYCTL_SETPERM) after it is made")));

    public static final Section CREDENTIALS = new Section("credentials",
            "a process's credentials (owner, setter, generator credentials)", List.of(
            key("uid", "whole number", "0", "0 or more", "the user id"),
            key("gid", "whole number", "0", "0 or more", "the group id"),
            key("groups", "list of whole numbers", "[]", "0 or more each", "supplementary group ids"),
            key("label", "string", "_", "a Smack label (a process may not take * or @); an SELinux context "
                    + "user:role:type[:level] in quotes", "the LSM label"),
            key("capabilities", "string or list of strings", "all", "all, none, or capability names "
                    + "(mac_override, CAP_SYS_ADMIN)", "the effective capabilities")));

    public static final Section QUEUE_GROUP = new Section("queues.NAME", "a group of notification queues", List.of(
            key("count", "count", "1", "1 or more", "how many queues"),
            key("size", "whole number", Integer.toString(QueueGroup.DEFAULT_SIZE), "1..512",
                    "IOC_WATCH_QUEUE_SET_SIZE in notes; a queue holds 32 x ceil(size / 32) records"),
            key("filter", "list of objects", "none: every record passes", "1..16 entries, see queues.NAME.filter[i]",
                    "IOC_WATCH_QUEUE_SET_FILTER: a record passes if an entry of its type passes it"),
            key("reader", "object", "see queues.NAME.reader", "see queues.NAME.reader", "how each queue is read")));

    public static final Section FILTER_ENTRY = new Section("queues.NAME.filter[i]",
            "one filter entry (struct watch_notification_type_filter)", List.of(
            key("type", "string or whole number", null, "meta, key, mount, superblock (0..3)", "the record type"),
            key("subtypes", "string or list", "all", "all, or subtype names of the type (key: instantiated, updated, "
                    + "linked, unlinked, cleared, revoked, invalidated, setattr) or numbers 0..31",
                    "the subtypes that pass"),
            key("info-filter", "whole number or hex string", "0", "bits inside info-mask",
                    "the info bits a record must have"),
            key("info-mask", "whole number or hex string", "0", "0..0xffffffff without the length bits 0x7f; "
                    + "0xff00 selects by the watch's tag", "the info bits tested")));

    public static final Section READER = new Section("queues.NAME.reader", "one reader per queue", List.of(
            key("buffer", "whole number", Integer.toString(Reader.DEFAULT_BUFFER), Reader.MIN_BUFFER + ".." + Reader.MAX_BUFFER,
                    "the read() buffer in bytes; a read returns the whole records that fit"),
            key("pace", "string", "continuous", "continuous, or a rate above 0", "how often the reader reads"),
            key("stalls", "list of objects", "[]", "see queues.NAME.reader.stalls[i]", "planned pauses"),
            key("recovery", "string", "none", "none, mountinfo", "mountinfo: on a loss record, find what changed in "
                    + "the mount trees the queue watches with the fsinfo-style query, asking only where a counter "
                    + "moved (the run checks that every change was found)")));

    public static final Section STALL = new Section("queues.NAME.reader.stalls[i]", "a planned pause of a reader", List.of(
            key("at", "duration", null, "0 to before the end of the run", "when the reader stops"),
            key("for", "duration", null, "above 0", "how long it stops")));

    public static final Section WATCH_RULE = new Section("watches.NAME", "a watch rule: KEYCTL_WATCH_KEY (or "
            + "watch_mount, watch_sb) calls made before the workload starts", List.of(
            key("queues", "string", null, QUEUE_GROUP_OF, "the queue group whose queues watch"),
            key("objects", "string", null, OBJECT_GROUP + " (kind key); a mount tree of world.mounts (kind mount, "
                    + "superblock)", "the object group, or mount tree, watched"),
            key("kind", "string", "key", "key, mount, superblock", "key: KEYCTL_WATCH_KEY on each object; mount: "
                    + "watch_mount on the mounts' root directories (each sees the mounts below it, with IN_SUBTREE); "
                    + "superblock: watch_sb on the mounts' superblocks"),
            key("scope", "string", "top", "top, every; only with kind mount or superblock", "top: the tree's top "
                    + "mount only (a mount watch there sees the whole tree); every: every mount of the tree"),
            key("coverage", "string", "all", "all, spread", "all: every queue watches every object; spread: each "
                    + "object is watched by per-object queues, every queue getting the same share"),
            key("per-object", "whole number", "1", "1..the queue group's count, only with coverage spread",
                    "how many queues watch each object"),
            key("tag", "whole number or string", "0", "0..255, or a range FIRST..LAST in quotes (\"1..8\")",
                    "the watches' tag; with a range, the rule's watches take its tags in turn"),
            key("setter", CREDENTIALS_TYPE, ROOT, "see credentials", "the credentials the watches are set with")));

    public static final Section POLICY = new Section("policy", "the security policy (also faults.NAME.policy)", List.of(
            key("engine", "string or list of strings", "permissive", "permissive; smack; selinux; or "
                    + "[smack, selinux] (either order, stacked: every engine must allow)", "the engines"),
            key("rules", "list of strings", "[]", "existing *.smack files for smack and *.te files for selinux, at least "
                    + "one per engine named", "rule files, relative to the file that names them"),
            key("selinux-mode", "string", "extended", "strict, extended",
                    "strict: only key view (upstream); extended: also mount watch, superblock watch, notification post")));

    public static final Section GENERATOR = new Section("workload.NAME", "an event generator", List.of(
            key("objects", "string", null, OBJECT_GROUP + ", or a mount tree of world.mounts",
                    "the group the operations on keys act on, or the mount tree the mount operations act on"),
            key("keyrings", "string", "the group objects is linked into", KEYRING_GROUP,
                    "the keyrings link, unlink, add and clear act on"),
            key("mix", "object", null, "see workload.NAME.mix; at least one weight above 0",
                    "the operations and their weights"),
            key("injection", "object", null, "see workload.NAME.injection", "when operations are issued"),
            key("credentials", CREDENTIALS_TYPE, ROOT, "see credentials",
                    "the credentials of the process that issues the operations (the event source)"),
            key("key-timeout", "duration", "60s", "whole seconds, 1 or more", "the timeout the timeout operation sets"),
            key("max-in-flight", "whole number", Integer.toString(Generator.DEFAULT_MAX_IN_FLIGHT), "1 or more",
                    "operations issued and not yet answered, at most; past it operations are counted as unsent"),
            key("max-backlog", "count", "1M", "1 or more",
                    "the kernel's backlog (records posted that their object has not yet posted into its queues) at which "
                    + "the generator holds back: "
                    + "open models count what they hold back as unsent, closed clients wait")));

    public static final Section MIX = new Section("workload.NAME.mix", "operation weights: each operation's share "
            + "is its weight over the sum; key operations for an object group, mount operations for a mount tree",
            java.util.stream.Stream.concat(Arrays.stream(KeyOperation.values())
                    .map(op -> key(op.keyword(), "number", "0", "0 or more", op.description())),
                    Arrays.stream(MountOperation.values())
                    .map(op -> key(op.keyword(), "number", "0", "0 or more, on a mount tree", op.description())))
                    .toList());

    public static final Section INJECTION = new Section("workload.NAME.injection", "the injection profile", List.of(
            key("profile", "string", null, "constant, ramp, stairs, spike, poisson, closed",
                    "the profile; the keys below depend on it")));

    public static final List<Section> PROFILES = List.of(
            new Section("workload.NAME.injection (profile = constant)", "evenly spaced arrivals", List.of(
                    key("rate", "rate", null, "above 0", "operations per second"))),
            new Section("workload.NAME.injection (profile = ramp)", "a linear ramp, then its final rate", List.of(
                    key("from", "rate", null, "0 or more", "the rate at the start"),
                    key("to", "rate", null, "0 or more, not both 0", "the rate at the end of the ramp and after"),
                    key("over", "duration", null, "above 0", "the ramp's length"))),
            new Section("workload.NAME.injection (profile = stairs)", "rising levels, the last one holding", List.of(
                    key("start", "rate", null, "0 or more", "the first level"),
                    key("step", "rate", null, "above 0", "what each level adds"),
                    key("steps", "whole number", null, "1 or more", "how many levels"),
                    key("each", "duration", null, "above 0", "how long each level lasts"))),
            new Section("workload.NAME.injection (profile = spike)", "a base rate with one spike", List.of(
                    key("base", "rate", null, "0 or more", "the rate outside the spike"),
                    key("peak", "rate", null, "above 0", "the rate during the spike"),
                    key("at", "duration", null, "0 to before the end of the run", "when the spike starts"),
                    key("for", "duration", null, "above 0", "how long it lasts"))),
            new Section("workload.NAME.injection (profile = poisson)", "Poisson arrivals", List.of(
                    key("rate", "rate", null, "above 0", "the mean rate"))),
            new Section("workload.NAME.injection (profile = closed)", "a closed model: clients wait for each answer",
                    List.of(
                    key("clients", "whole number", null, "1 or more", "concurrent clients"),
                    key("think", "duration", "0s", "0 or more", "each client's pause between an answer and its next "
                            + "operation"))));

    public static final Section FAULT = new Section("faults.NAME", "one fault: exactly one of at and every", List.of(
            key("at", "duration", "none", "0 to before the end of the run", "fire once at this time"),
            key("every", "duration", "none", "above 0, at most the duration", "fire at every multiple of this period"),
            key("probability", "share", "1", "0..1, only with every", "the chance each period fires it"),
            key("action", "string", null, "destroy-objects, crash-objects, crash-watches, close-queues, stall-readers, "
                    + "slow-readers, shrink-buffer, swap-policy, reload-policy, flood-queue, detach-mounts, "
                    + "expire-automounts",
                    "what the fault does; the keys below depend on it")));

    private static final Key OBJECTS = key("objects", "string", null, OBJECT_GROUP + " (crash-objects: or a mount "
            + "tree of world.mounts)", "the object group (or the mount tree, whose mounts' actors crash)");
    private static final Key MOUNTS = key("mounts", "string", null, "a mount tree of world.mounts", "the mount tree");
    private static final Key QUEUES = key("queues", "string", null, QUEUE_GROUP_OF, "the queue group");
    private static final Key SHARE = key("share", "share", null, "0..1 (0.25 or 25%)",
            "the share of the group hit each time, at least one when above 0");
    private static final Key FOR = key("for", "duration", null, "above 0", "how long it lasts");

    public static final List<Section> ACTIONS = List.of(
            new Section("faults.NAME (action = destroy-objects)", "destroys objects: each watch sends its removal record",
                    List.of(OBJECTS, SHARE)),
            new Section("faults.NAME (action = crash-objects)", "crashes object actors (an exception, not a clean stop)",
                    List.of(OBJECTS, SHARE)),
            new Section("faults.NAME (action = crash-watches)", "crashes the watch actors feeding the group's queues",
                    List.of(QUEUES, SHARE)),
            new Section("faults.NAME (action = close-queues)", "closes both ends of queues", List.of(QUEUES, SHARE)),
            new Section("faults.NAME (action = stall-readers)", "stops readers for a while", List.of(QUEUES, SHARE, FOR)),
            new Section("faults.NAME (action = slow-readers)", "makes readers read at a pace for a while", List.of(
                    QUEUES, SHARE, key("pace", "rate", null, "above 0", "reads per second meanwhile"), FOR)),
            new Section("faults.NAME (action = shrink-buffer)", "shrinks readers' buffers for good", List.of(QUEUES, SHARE,
                    key("buffer", "whole number", null, Reader.MIN_BUFFER + ".." + Reader.MAX_BUFFER,
                            "the new buffer in bytes"))),
            new Section("faults.NAME (action = swap-policy)", "replaces the policy in force", List.of(
                    key("policy", "object", null, "see policy", "the new policy"))),
            new Section("faults.NAME (action = reload-policy)", "reads the policy in force from its files again",
                    List.of()),
            new Section("faults.NAME (action = flood-queue)", "posts records straight into one queue of the group",
                    List.of(QUEUES, key("records", "count", null, "1 or more", "how many records"))),
            new Section("faults.NAME (action = detach-mounts)", "lazily detaches busy subtrees of a mount tree (umount "
                    + "MNT_DETACH): an UNMOUNT per mount, removal records for their watches", List.of(MOUNTS, SHARE)),
            new Section("faults.NAME (action = expire-automounts)", "a storm of automount expiries: automount points "
                    + "of a mount tree marked for expiry (EXPIRY) and unmounted (UNMOUNT)", List.of(MOUNTS, SHARE)));

    public static final Section OUTPUT = new Section("output", "what a run writes besides its verdict", List.of(
            key("directory", "string", "runs/<scenario>-<time>", "a folder path, relative to the working folder",
                    "where result.json (and the history) go; --out wins"),
            key("history", "boolean", "false", "true, false", "keep the run's history and check every invariant per "
                    + "watch with it; watchsim run writes it to history.jsonl.gz in the output folder"),
            key("progress", "duration", "1s", "above 0", "how often the progress line is refreshed on a terminal"),
            key("sample-interval", "duration", "100ms", "1ms..1h", "how often the report's time series are sampled "
                    + "(run time); --sample-interval wins")));

    /** Every section, in the reference's order. */
    public static List<Section> all() {
        List<Section> all = new ArrayList<>(List.of(TOP, WORLD, GROUP, MOUNT_TREE, CREDENTIALS, QUEUE_GROUP, FILTER_ENTRY, READER,
                STALL, WATCH_RULE, POLICY, GENERATOR, MIX, INJECTION));
        all.addAll(PROFILES);
        all.add(FAULT);
        all.addAll(ACTIONS);
        all.add(OUTPUT);
        return all;
    }

    /** The injection section with the keys of {@code profile}, if it is one. */
    static Optional<Section> profile(String profile) {
        return PROFILES.stream().filter(s -> s.path().endsWith("(profile = " + profile + ")")).findFirst()
                .map(INJECTION::plus);
    }

    /** The fault section with the keys of {@code action}, if it is one. */
    static Optional<Section> action(String action) {
        return ACTIONS.stream().filter(s -> s.path().endsWith("(action = " + action + ")")).findFirst().map(FAULT::plus);
    }

    /** The profile names, in order. */
    static List<String> profiles() {
        return PROFILES.stream().map(s -> between(s.path(), "profile = ")).toList();
    }

    /** The action names, in order. */
    static List<String> actions() {
        return ACTIONS.stream().map(s -> between(s.path(), "action = ")).toList();
    }

    private static String between(String path, String marker) {
        int from = path.indexOf(marker) + marker.length();
        return path.substring(from, path.indexOf(')', from));
    }
}
