package io.watchsim.simulations.scenario;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicyFiles;
import io.watchsim.policies.PolicySyntaxException;
import io.watchsim.policies.smack.SmackLabel;
import io.watchsim.sources.keys.KeyType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a scenario must follow, checked on the model whichever way it was written: names and
 * references (every group a rule, generator or fault names exists and is of the right kind), the
 * kernel's limits (SET_SIZE 1..512 notes, tags 0..255, payloads 1..32767 bytes, filters of 1..16
 * entries, keyrings nesting at most 6 deep), shares and probabilities 0..1, times inside the run,
 * rule files that exist, match their engine and load. Reports every problem by key, in the order
 * of the keys; {@link ScenarioLoader} adds the file and line.
 */
public final class ScenarioValidator {
    /** What a name looks like: it is a key in a scenario file and part of random stream names. */
    public static final String NAME_FORM = "a name of letters, digits, - and _, starting with a letter";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    /** What a scenario's own name looks like: it names result folders. */
    public static final String SCENARIO_NAME_FORM = "a name of letters, digits, '.', '-' and '_', starting with a letter or digit";
    private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Scenario scenario;
    private final List<ScenarioProblem> problems = new ArrayList<>();

    private ScenarioValidator(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Every problem of {@code scenario}, by key. */
    public static List<ScenarioProblem> check(Scenario scenario) {
        ScenarioValidator v = new ScenarioValidator(scenario);
        v.run();
        return List.copyOf(v.problems);
    }

    private void run() {
        if (!SCENARIO_NAME.matcher(scenario.name()).matches()) {
            problem("name", quote(scenario.name()), SCENARIO_NAME_FORM);
        }
        if (scenario.duration().isNegative() || scenario.duration().isZero()) {
            problem("duration", Units.format(scenario.duration()), "a duration above 0");
        }
        world();
        Set<String> seen = new HashSet<>();
        for (QueueGroup q : scenario.queues()) {
            queueGroup(q, seen);
        }
        seen.clear();
        for (WatchRule r : scenario.watches()) {
            watchRule(r, seen);
        }
        policy("policy", scenario.policy());
        seen.clear();
        for (Generator g : scenario.workload().generators()) {
            generator(g, seen);
        }
        seen.clear();
        for (Fault f : scenario.faults().faults()) {
            fault(f, seen);
        }
        if (scenario.output().progress().isNegative() || scenario.output().progress().isZero()) {
            problem("output.progress", Units.format(scenario.output().progress()), "a duration above 0");
        }
        Duration sample = scenario.output().sampleInterval();
        if (sample.compareTo(Duration.ofMillis(1)) < 0 || sample.compareTo(Duration.ofHours(1)) > 0) {
            problem("output.sample-interval", Units.format(sample), "a duration of 1ms..1h");
        }
    }

    private void world() {
        Duration gc = scenario.world().gcDelay();
        if (gc.isNegative() || gc.getNano() != 0) {
            problem("world.gc-delay", Units.format(gc), "whole seconds, 0 or more (gc_delay is in seconds)");
        }
        Set<String> seen = new HashSet<>();
        for (ObjectGroup g : scenario.world().groups()) {
            String at = "world.groups." + g.name();
            name(at, g.name(), seen, "object group");
            if (g.count() < 1) {
                problem(at + ".count", Integer.toString(g.count()), "1 or more objects");
            }
            if (g.shape() instanceof Shape.Hot && g.count() != 1) {
                problem(at + ".count", g.count() + " with shape hot", "1 (a hot group is one object; "
                        + "watch it from many queues instead)");
            }
            if (g.shape() instanceof Shape.Tree t && (t.depth() < 1 || t.depth() > ObjectGroup.MAX_TREE_DEPTH)) {
                problem(at + ".depth", Integer.toString(t.depth()), "1.." + ObjectGroup.MAX_TREE_DEPTH
                        + " (keyrings nest at most " + ObjectGroup.MAX_TREE_DEPTH + " deep)");
            }
            if (g.type() == KeyType.KEYRING && g.payload() != 0) {
                problem(at + ".payload", g.payload() + " bytes on a keyring group", "no payload (keyrings hold links)");
            } else if (g.type() != KeyType.KEYRING && (g.payload() < 1 || g.payload() > ObjectGroup.MAX_PAYLOAD)) {
                problem(at + ".payload", Integer.toString(g.payload()), "1.." + ObjectGroup.MAX_PAYLOAD + " bytes for "
                        + g.type().typeName() + " keys");
            }
            g.linkedInto().ifPresent(ring -> {
                if (ring.equals(g.name())) {
                    problem(at + ".linked-into", quote(ring), "another keyring group (a group cannot be linked into itself)");
                } else {
                    keyringGroup(at + ".linked-into", ring);
                }
            });
            credentials(at + ".owner", g.owner());
        }
        linkCycles();
        for (MountTree t : scenario.world().mounts()) {
            mountTree(t, seen);
        }
    }

    /** A mount tree: its name (unique among object groups and trees, which rules name alike) and its shape. */
    private void mountTree(MountTree t, Set<String> seen) {
        String at = "world.mounts." + t.name();
        name(at, t.name(), seen, "object group or mount tree");
        if (t.depth() < 0 || t.depth() > MountTree.MAX_DEPTH) {
            problem(at + ".depth", Integer.toString(t.depth()), "0.." + MountTree.MAX_DEPTH + " levels below the top");
        }
        if (t.fanout() < 1 || t.fanout() > MountTree.MAX_FANOUT) {
            problem(at + ".fanout", Integer.toString(t.fanout()), "1.." + MountTree.MAX_FANOUT + " mounts per mount");
        } else if (t.depth() >= 0 && t.treeMounts() > MountTree.MAX_MOUNTS) {
            problem(at + ".fanout", t.fanout() + " at depth " + t.depth() + " (more than " + MountTree.MAX_MOUNTS
                    + " mounts)", "a fanout and depth giving at most " + MountTree.MAX_MOUNTS + " mounts");
        }
        if (t.binds() < 0) {
            problem(at + ".binds", Integer.toString(t.binds()), "0 or more bind mounts");
        }
        if (t.automounts() < 0) {
            problem(at + ".automounts", Integer.toString(t.automounts()), "0 or more automount points");
        }
        if (t.spares() < 0 || t.spares() > 64) {
            problem(at + ".spares", Integer.toString(t.spares()), "0..64 spare directories per mount");
        }
    }

    /**
     * Groups linked into each other in a ring cannot be built (the kernel refuses with EDEADLK):
     * each cycle is reported once, at its first group by name.
     */
    private void linkCycles() {
        Map<String, String> parent = new HashMap<>();
        for (ObjectGroup g : scenario.world().groups()) {
            g.linkedInto().filter(p -> !p.equals(g.name())).ifPresent(p -> parent.put(g.name(), p));
        }
        for (ObjectGroup g : scenario.world().groups()) {
            List<String> path = new ArrayList<>(List.of(g.name()));
            String at = parent.get(g.name());
            while (at != null && !path.contains(at)) {
                path.add(at);
                at = parent.get(at);
            }
            boolean firstOfItsCycle = g.name().equals(at) && path.stream().sorted().findFirst().orElseThrow().equals(at);
            if (firstOfItsCycle) {
                path.add(at);
                problem("world.groups." + g.name() + ".linked-into", String.join(" -> ", path),
                        "groups linked without a cycle (the kernel refuses a cycle with EDEADLK)");
            }
        }
    }

    private void queueGroup(QueueGroup q, Set<String> seen) {
        String at = "queues." + q.name();
        name(at, q.name(), seen, "queue group");
        if (q.count() < 1) {
            problem(at + ".count", Integer.toString(q.count()), "1 or more queues");
        }
        if (q.size() < QueueGroup.MIN_SIZE || q.size() > QueueGroup.MAX_SIZE) {
            problem(at + ".size", Integer.toString(q.size()), QueueGroup.MIN_SIZE + ".." + QueueGroup.MAX_SIZE
                    + " notes (IOC_WATCH_QUEUE_SET_SIZE)");
        }
        q.filter().ifPresent(f -> filter(at + ".filter", f));
        Reader r = q.reader();
        if (r.buffer() < Reader.MIN_BUFFER || r.buffer() > Reader.MAX_BUFFER) {
            problem(at + ".reader.buffer", Integer.toString(r.buffer()), Reader.MIN_BUFFER + ".." + Reader.MAX_BUFFER
                    + " bytes (a key or removal record is 16 bytes)");
        }
        if (r.pace() instanceof ReadPace.Paced p && p.rate().perSecond() <= 0) {
            problem(at + ".reader.pace", p.rate().toString(), "continuous or a rate above 0");
        }
        for (int i = 0; i < r.stalls().size(); i++) {
            Stall s = r.stalls().get(i);
            String sat = at + ".reader.stalls[" + i + "]";
            timeInRun(sat + ".at", s.at());
            positive(sat + ".for", s.length());
        }
    }

    private void filter(String at, QueueFilter f) {
        if (f.entries().isEmpty() || f.entries().size() > QueueFilter.MAX_ENTRIES) {
            problem(at, f.entries().size() + " entries", "1.." + QueueFilter.MAX_ENTRIES
                    + " entries (IOC_WATCH_QUEUE_SET_FILTER)");
        }
        for (int i = 0; i < f.entries().size(); i++) {
            FilterEntry e = f.entries().get(i);
            String eat = at + "[" + i + "]";
            if (e.type() < 0 || e.type() > 3) {
                problem(eat + ".type", Integer.toString(e.type()), "meta, key, mount or superblock (0..3)");
            }
            if ((e.infoMask() & FilterEntry.LENGTH_BITS) != 0) {
                problem(eat + ".info-mask", hex(e.infoMask()), "a mask without the length bits 0x7f (the kernel "
                        + "refuses it with EINVAL)");
            }
            if ((e.infoFilter() & ~e.infoMask()) != 0) {
                problem(eat + ".info-filter", hex(e.infoFilter()) + " outside info-mask " + hex(e.infoMask()),
                        "bits inside info-mask (the kernel refuses others with EINVAL)");
            }
        }
    }

    private void watchRule(WatchRule r, Set<String> seen) {
        String at = "watches." + r.name();
        name(at, r.name(), seen, "watch rule");
        Optional<QueueGroup> q = queueGroup(at + ".queues", r.queues());
        if (r.kind() == WatchKind.KEY) {
            objectGroup(at + ".objects", r.objects());
        } else {
            mountTree(at + ".objects", r.objects(), "a mount tree of world.mounts (kind " + r.kind().keyword() + ")");
        }
        TagRange t = r.tags();
        if (t.first() < 0 || t.last() > TagRange.MAX_TAG || t.first() > t.last()) {
            problem(at + ".tag", t.toString(), "a tag 0..255 or a range FIRST..LAST within it");
        }
        if (r.coverage() instanceof Coverage.Spread s) {
            int queues = q.map(QueueGroup::count).orElse(Integer.MAX_VALUE);
            if (s.perObject() < 1 || s.perObject() > queues) {
                problem(at + ".per-object", Integer.toString(s.perObject()), "1.." + (q.isPresent() ? queues
                        + " (the queues of " + r.queues() + ")" : "the group's queue count"));
            }
        }
        credentials(at + ".setter", r.setter());
    }

    private void policy(String at, Policy p) {
        List<Policy.Engine> engines = p.engines();
        if (engines.isEmpty()) {
            problem(at + ".engine", "no engine", "permissive, smack, selinux, or smack and selinux stacked");
        }
        if (engines.contains(Policy.Engine.PERMISSIVE) && engines.size() > 1) {
            problem(at + ".engine", p.engineName(), "permissive alone, or smack and/or selinux");
        }
        if (EnumSet.copyOf(engines.isEmpty() ? List.of(Policy.Engine.PERMISSIVE) : engines).size() != engines.size()) {
            problem(at + ".engine", p.engineName(), "each engine once");
        }
        Set<Policy.Engine> withFiles = EnumSet.noneOf(Policy.Engine.class);
        for (int i = 0; i < p.rules().size(); i++) {
            Path file = p.rules().get(i);
            String rat = at + ".rules[" + i + "]";
            Optional<Policy.Engine> engine = Policy.Engine.forFile(file);
            if (engine.isEmpty()) {
                problem(rat, file.toString(), "a Smack rule file (.smack) or a type-enforcement file (.te)");
                continue;
            }
            withFiles.add(engine.get());
            if (!engines.contains(engine.get())) {
                problem(rat, file + ", a " + engine.get().keyword() + " file", "files of the engines named ("
                        + p.engineName() + "); add " + engine.get().keyword() + " to engine");
            }
            if (!Files.isRegularFile(file)) {
                problem(rat, file + ", which does not exist", "an existing rule file (paths are relative to the "
                        + "file that names them)");
                continue;
            }
            try {
                PolicyFiles.load(file, p.selinuxMode());
            } catch (PolicySyntaxException e) {
                problem(rat, "a mistake: " + e.getMessage(), "a rule file that loads (check it with watchsim policy)");
            }
        }
        for (Policy.Engine e : engines) {
            if (e != Policy.Engine.PERMISSIVE && !withFiles.contains(e)) {
                problem(at + ".rules", "no " + e.extension().orElseThrow() + " file", "a rule file for engine "
                        + e.keyword());
            }
        }
    }

    private void generator(Generator g, Set<String> seen) {
        String at = "workload." + g.name();
        name(at, g.name(), seen, "generator");
        if (scenario.world().mountTree(g.objects()).isPresent() || g.onMounts()) {
            mountMix(g, at);
        } else {
            keyMix(g, at);
            Duration t = g.keyTimeout();
            if (t.isNegative() || t.isZero() || t.getNano() != 0) {
                problem(at + ".key-timeout", Units.format(t), "whole seconds, 1 or more (KEYCTL_SET_TIMEOUT takes "
                        + "seconds)");
            }
        }
        injection(at + ".injection", g.injection());
        credentials(at + ".credentials", g.credentials());
        if (g.maxInFlight() < 1) {
            problem(at + ".max-in-flight", Integer.toString(g.maxInFlight()), "1 or more operations");
        }
        if (g.maxBacklog() < 1) {
            problem(at + ".max-backlog", Integer.toString(g.maxBacklog()), "1 or more records");
        }
    }

    /** A generator of key operations: its group, keyrings and weights. */
    private void keyMix(Generator g, String at) {
        Optional<ObjectGroup> objects = objectGroup(at + ".objects", g.objects());
        Optional<ObjectGroup> keyrings = g.keyrings().isPresent() ? keyringGroup(at + ".keyrings", g.keyrings().get())
                : objects.flatMap(ObjectGroup::linkedInto).flatMap(r -> scenario.world().group(r));
        weights(at, g.mix(), KeyOperation::keyword);
        g.mix().forEach((op, w) -> {
            if (!(w > 0)) {
                return;
            }
            if (op == KeyOperation.UPDATE && objects.map(o -> o.type() == KeyType.KEYRING).orElse(false)) {
                problem(at + ".mix.update", "update of keyring group " + g.objects(),
                        "objects of type user or logon (keyrings cannot be updated)");
            }
            if (op.onKeyring() && objects.isPresent() && keyrings.isEmpty() && g.keyrings().isEmpty()) {
                problem(at + ".mix." + op.keyword(), op.keyword() + " with no keyring group",
                        "keyrings = GROUP, or objects linked-into a keyring group");
            }
        });
    }

    /** A generator on a mount tree: its tree, and mount operations only. */
    private void mountMix(Generator g, String at) {
        mountTree(at + ".objects", g.objects(), "a mount tree of world.mounts (the mix has mount operations)");
        g.mix().forEach((op, w) -> {
            if (w != 0) {
                problem(at + ".mix." + op.keyword(), "the key operation " + op.keyword() + " on mount tree "
                        + g.objects(), "mount operations only: " + String.join(", ",
                        java.util.Arrays.stream(MountOperation.values()).map(MountOperation::keyword).toList()));
            }
        });
        weights(at, g.mountMix(), MountOperation::keyword);
    }

    /** Each weight of a mix 0 or more, and some above 0. */
    private <T> void weights(String at, Map<T, Double> mix, java.util.function.Function<T, String> keyword) {
        double sum = 0;
        for (Map.Entry<T, Double> e : mix.entrySet()) {
            double w = e.getValue();
            if (!Double.isFinite(w) || w < 0) {
                problem(at + ".mix." + keyword.apply(e.getKey()), Units.number(w), "a weight of 0 or more");
            } else {
                sum += w;
            }
        }
        if (mix.isEmpty() || sum <= 0) {
            problem(at + ".mix", mix.isEmpty() ? "no operation" : "weights adding up to 0",
                    "at least one operation with a weight above 0");
        }
    }

    private void injection(String at, Injection inj) {
        if (inj instanceof Injection.Constant c) {
            positive(at + ".rate", c.rate());
        } else if (inj instanceof Injection.Poisson p) {
            positive(at + ".rate", p.rate());
        } else if (inj instanceof Injection.Ramp r) {
            if (r.from().perSecond() == 0 && r.to().perSecond() == 0) {
                problem(at + ".to", r.to().toString(), "a rate above 0 at one end of the ramp");
            }
            positive(at + ".over", r.over());
        } else if (inj instanceof Injection.Stairs s) {
            positive(at + ".step", s.step());
            if (s.steps() < 1) {
                problem(at + ".steps", Integer.toString(s.steps()), "1 or more steps");
            }
            positive(at + ".each", s.each());
        } else if (inj instanceof Injection.Spike s) {
            positive(at + ".peak", s.peak());
            timeInRun(at + ".at", s.at());
            positive(at + ".for", s.length());
        } else if (inj instanceof Injection.Closed c) {
            if (c.clients() < 1) {
                problem(at + ".clients", Integer.toString(c.clients()), "1 or more clients");
            }
            if (c.think().isNegative()) {
                problem(at + ".think", Units.format(c.think()), "a duration of 0 or more");
            }
        }
    }

    private void fault(Fault f, Set<String> seen) {
        String at = "faults." + f.name();
        name(at, f.name(), seen, "fault");
        if (f.trigger() instanceof Trigger.At a) {
            timeInRun(at + ".at", a.at());
        } else if (f.trigger() instanceof Trigger.Every e) {
            if (e.period().isNegative() || e.period().isZero() || e.period().compareTo(scenario.duration()) > 0) {
                problem(at + ".every", Units.format(e.period()), "a period above 0 and at most the duration "
                        + Units.format(scenario.duration()));
            }
            share(at + ".probability", e.probability(), "a probability 0..1");
        }
        FaultAction action = f.action();
        if (action instanceof FaultAction.DestroyObjects d) {
            objectGroup(at + ".objects", d.objects());
            share(at + ".share", d.share(), Units.SHARE_FORM);
        } else if (action instanceof FaultAction.CrashObjects c) {
            if (scenario.world().mountTree(c.objects()).isEmpty()) {
                objectGroup(at + ".objects", c.objects());
            }
            share(at + ".share", c.share(), Units.SHARE_FORM);
        } else if (action instanceof FaultAction.DetachMounts d) {
            mountTree(at + ".mounts", d.mounts(), "a mount tree of world.mounts");
            share(at + ".share", d.share(), Units.SHARE_FORM);
        } else if (action instanceof FaultAction.ExpireAutomounts e) {
            mountTree(at + ".mounts", e.mounts(), "a mount tree of world.mounts").ifPresent(t -> {
                if (t.automounts() < 1) {
                    problem(at + ".mounts", quote(e.mounts()) + ", a tree without automount points",
                            "a mount tree with automounts = 1 or more");
                }
            });
            share(at + ".share", e.share(), Units.SHARE_FORM);
        } else if (action instanceof FaultAction.CrashWatches c) {
            queueGroup(at + ".queues", c.queues());
            share(at + ".share", c.share(), Units.SHARE_FORM);
        } else if (action instanceof FaultAction.CloseQueues c) {
            queueGroup(at + ".queues", c.queues());
            share(at + ".share", c.share(), Units.SHARE_FORM);
        } else if (action instanceof FaultAction.StallReaders s) {
            queueGroup(at + ".queues", s.queues());
            share(at + ".share", s.share(), Units.SHARE_FORM);
            positive(at + ".for", s.length());
        } else if (action instanceof FaultAction.SlowReaders s) {
            queueGroup(at + ".queues", s.queues());
            share(at + ".share", s.share(), Units.SHARE_FORM);
            positive(at + ".pace", s.pace());
            positive(at + ".for", s.length());
        } else if (action instanceof FaultAction.ShrinkBuffer s) {
            queueGroup(at + ".queues", s.queues());
            share(at + ".share", s.share(), Units.SHARE_FORM);
            // Below a record's size every read() fails with ENOBUFS: the reader would read nothing more.
            if (s.buffer() < Reader.MIN_BUFFER || s.buffer() > Reader.MAX_BUFFER) {
                problem(at + ".buffer", Integer.toString(s.buffer()), Reader.MIN_BUFFER + ".." + Reader.MAX_BUFFER
                        + " bytes (a key or removal record is 16 bytes)");
            }
        } else if (action instanceof FaultAction.SwapPolicy s) {
            policy(at + ".policy", s.policy());
        } else if (action instanceof FaultAction.FloodQueue fl) {
            queueGroup(at + ".queues", fl.queues());
            if (fl.records() < 1) {
                problem(at + ".records", Integer.toString(fl.records()), "1 or more records");
            }
        }
    }

    private void credentials(String at, Credentials c) {
        if (c.uid() < 0) {
            problem(at + ".uid", Integer.toString(c.uid()), "a uid 0 or more");
        }
        if (c.gid() < 0) {
            problem(at + ".gid", Integer.toString(c.gid()), "a gid 0 or more");
        }
        for (int g : c.groups()) {
            if (g < 0) {
                problem(at + ".groups", Integer.toString(g), "gids 0 or more");
            }
        }
        String label = c.label();
        if (!SmackLabel.isValid(label)) {
            problem(at + ".label", quote(label), "a label of " + SmackLabel.EXPECTED);
        } else if (label.equals(SmackLabel.STAR) || label.equals(SmackLabel.WEB)) {
            problem(at + ".label", quote(label), "a label a process may take (not * or @)");
        }
    }

    private void name(String at, String name, Set<String> seen, String what) {
        if (!NAME.matcher(name).matches()) {
            problem(at, "the " + what + " name " + quote(name), NAME_FORM);
        }
        if (!seen.add(name)) {
            problem(at, "a second " + what + " named " + name, "each name once");
        }
    }

    private Optional<ObjectGroup> objectGroup(String at, String name) {
        Optional<ObjectGroup> g = scenario.world().group(name);
        if (g.isEmpty()) {
            List<String> names = scenario.world().groups().stream().map(ObjectGroup::name).toList();
            problem(at, quote(name), oneOf("an object group of world.groups", names) + Suggestions.didYouMean(name, names));
        }
        return g;
    }

    private Optional<MountTree> mountTree(String at, String name, String expected) {
        Optional<MountTree> t = scenario.world().mountTree(name);
        if (t.isEmpty()) {
            List<String> names = scenario.world().mounts().stream().map(MountTree::name).toList();
            problem(at, quote(name), oneOf(expected, names) + Suggestions.didYouMean(name, names));
        }
        return t;
    }

    private Optional<ObjectGroup> keyringGroup(String at, String name) {
        Optional<ObjectGroup> g = objectGroup(at, name);
        if (g.isPresent() && g.get().type() != KeyType.KEYRING) {
            List<String> rings = scenario.world().groups().stream().filter(o -> o.type() == KeyType.KEYRING)
                    .map(ObjectGroup::name).toList();
            problem(at, quote(name) + ", a group of " + g.get().type().typeName() + " keys", oneOf("a keyring group", rings));
            return Optional.empty();
        }
        return g;
    }

    private Optional<QueueGroup> queueGroup(String at, String name) {
        Optional<QueueGroup> q = scenario.queueGroup(name);
        if (q.isEmpty()) {
            List<String> names = scenario.queues().stream().map(QueueGroup::name).toList();
            problem(at, quote(name), oneOf("a queue group of queues", names) + Suggestions.didYouMean(name, names));
        }
        return q;
    }

    private static String oneOf(String what, List<String> names) {
        return names.isEmpty() ? what + " (there is none)" : what + ": " + String.join(", ", names);
    }

    private void timeInRun(String at, Duration t) {
        if (t.isNegative() || t.compareTo(scenario.duration()) >= 0) {
            problem(at, Units.format(t), "a time from 0 to before the end of the run ("
                    + Units.format(scenario.duration()) + ")");
        }
    }

    private void positive(String at, Duration d) {
        if (d.isNegative() || d.isZero()) {
            problem(at, Units.format(d), "a duration above 0");
        }
    }

    private void positive(String at, Rate r) {
        if (r.perSecond() <= 0) {
            problem(at, r.toString(), "a rate above 0");
        }
    }

    private void share(String at, double share, String expected) {
        if (!(share >= 0 && share <= 1)) {
            problem(at, Units.number(share), expected);
        }
    }

    private void problem(String key, String found, String expected) {
        problems.add(ScenarioProblem.at(key, found, expected));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String hex(int v) {
        return String.format("0x%x", v);
    }
}
