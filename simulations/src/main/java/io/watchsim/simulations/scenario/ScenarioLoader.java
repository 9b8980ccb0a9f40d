package io.watchsim.simulations.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.watchsim.policies.Capability;
import io.watchsim.policies.Credentials;
import io.watchsim.policies.selinux.SelinuxModule;
import io.watchsim.sources.keys.KeyType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a scenario from a HOCON file (Typesafe Config): one file per scenario, {@code include}s for
 * shared parts, {@code ${...}} substitutions. Strict: every key must be one of
 * {@link ScenarioSchema}, every value of its type, and the {@link ScenarioValidator}'s rules must
 * hold. Every mistake is reported at once, each as {@code FILE:LINE: KEY: found X, expected Y}
 * with the file and line the value was written at (an included file's own), in a
 * {@link ScenarioException}. Reads the disk (the file, its includes, the policy's rule files), so
 * call it from a plain thread.
 */
public final class ScenarioLoader {
    /** Stands in for a missing duration while the rest is checked, so that no time looks late. */
    private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE / 4);
    private static final String CONF = ".conf";

    private final Path file;
    private final List<ScenarioProblem> problems = new ArrayList<>();
    private final Map<String, ConfigOrigin> origins = new HashMap<>();

    private ScenarioLoader(Path file) {
        this.file = file;
    }

    /**
     * Loads {@code file}.
     *
     * @throws ScenarioException with every mistake
     */
    public static Scenario load(Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads {@code file} with {@code overrides} laid over it, by path ({@code "world.groups.keys.count" -> 10}):
     * how tests scale a shipped scenario down.
     *
     * @throws ScenarioException with every mistake
     */
    public static Scenario load(Path file, Map<String, ?> overrides) {
        return new ScenarioLoader(file).run(overrides);
    }

    /**
     * The scenario as run: {@code file} with its includes and {@code overrides}, substitutions
     * resolved, as HOCON text (no comments); for a run's report and {@code scenario.conf}. The file
     * must load (call {@link #load} first).
     */
    public static String resolvedText(Path file, Map<String, ?> overrides) {
        Config parsed = ConfigFactory.parseFile(file.toFile(), FileIncluder.options(file, p -> { }));
        Config config = ConfigFactory.parseMap(overrides, "overrides").withFallback(parsed).resolve();
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
                .setJson(false).setFormatted(true));
    }

    /**
     * The scenario as run, as {@link #resolvedText} gives it, but with every rule file named by its absolute
     * path: text that loads from any folder (a deterministic run keeps it in its history for replay).
     */
    public static String portableText(Path file, Map<String, ?> overrides) {
        Config parsed = ConfigFactory.parseFile(file.toFile(), FileIncluder.options(file, p -> { }));
        Config config = ConfigFactory.parseMap(overrides, "overrides").withFallback(parsed).resolve();
        ScenarioLoader loader = new ScenarioLoader(file);
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            List<String> keys = com.typesafe.config.ConfigUtil.splitPath(e.getKey());
            if (keys.get(keys.size() - 1).equals("rules") && e.getValue().valueType() == ConfigValueType.LIST) {
                List<Object> absolute = new ArrayList<>();
                for (ConfigValue item : (ConfigList) e.getValue()) {
                    absolute.add(item.valueType() == ConfigValueType.STRING
                            ? loader.relativeToOrigin(item.origin(), (String) item.unwrapped()).toString()
                            : item.unwrapped());
                }
                config = config.withValue(e.getKey(), com.typesafe.config.ConfigValueFactory.fromIterable(absolute));
            }
        }
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
                .setJson(false).setFormatted(true));
    }

    private Scenario run(Map<String, ?> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(List.of(new ScenarioProblem(Optional.of(file.toString()), 0, "",
                    Files.isDirectory(file) ? "a folder" : Files.exists(file) ? "no regular file" : "no such file",
                    "a scenario file (HOCON, .conf)")));
        }
        notText().ifPresent(p -> {
            throw new ScenarioException(List.of(p));
        });
        Config config;
        try {
            Config parsed = ConfigFactory.parseFile(file.toFile(), FileIncluder.options(file, problems::add));
            config = ConfigFactory.parseMap(overrides, "overrides").withFallback(parsed).resolve();
        } catch (ConfigException e) {
            problems.add(fromConfig(e));
            throw new ScenarioException(problems);
        }
        Scenario scenario = scenario(new Node("", config.root(), ScenarioSchema.TOP));
        // A value the file got wrong was replaced by a stand-in; the validator's word on it would repeat the mistake.
        Set<String> reported = new HashSet<>();
        problems.forEach(p -> reported.add(p.key()));
        for (ScenarioProblem p : ScenarioValidator.check(scenario)) {
            if (!reported.contains(p.key())) {
                problems.add(locate(p));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return scenario;
    }

    /** A file that is not UTF-8 text is refused at its first bad byte, before HOCON reads it. */
    private Optional<ScenarioProblem> notText() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.of(new ScenarioProblem(Optional.of(file.toString()), 0, "", "a file that cannot be read ("
                    + e.getClass().getSimpleName() + ")", "a readable scenario file"));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        int bad = result.isError() ? in.position() : -1;
        for (int i = 0; i < bytes.length && (bad < 0 || i < bad); i++) {
            if (bytes[i] == 0) {
                bad = i;
                break;
            }
        }
        if (bad < 0) {
            return Optional.empty();
        }
        int line = 1;
        for (int i = 0; i < bad; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return Optional.of(new ScenarioProblem(Optional.of(file.toString()), line, "", String.format(
                "byte 0x%02X (byte %d of the file), %s", bytes[bad] & 0xFF, bad + 1, bytes[bad] == 0 ? "a NUL"
                        : "not UTF-8"), "a UTF-8 text file"));
    }

    private Scenario scenario(Node root) {
        String fileName = file.getFileName().toString();
        String defaultName = fileName.endsWith(CONF) ? fileName.substring(0, fileName.length() - CONF.length()) : fileName;
        String name = string(root, "name").orElse(defaultName);
        long seed = longValue(root, "seed", Scenario.DEFAULT_SEED);
        Duration duration = required(root, "duration", duration(root, "duration", null), UNBOUNDED);
        Node worldNode = object(root, "world", ScenarioSchema.WORLD);
        World world = new World(duration(worldNode, "gc-delay", World.DEFAULT_GC_DELAY),
                map(worldNode, "groups", ScenarioSchema.GROUP, this::group),
                map(worldNode, "mounts", ScenarioSchema.MOUNT_TREE, this::mountTree), bool(worldNode, "v5-bugs", false));
        List<QueueGroup> queues = map(root, "queues", ScenarioSchema.QUEUE_GROUP, this::queueGroup);
        List<WatchRule> watches = map(root, "watches", ScenarioSchema.WATCH_RULE, this::watchRule);
        Node policyNode = object(root, "policy", ScenarioSchema.POLICY);
        Policy policy = policyNode.isAbsent() ? Policy.PERMISSIVE : policy(policyNode);
        Workload workload = new Workload(map(root, "workload", ScenarioSchema.GENERATOR, this::generator));
        FaultPlan faults = new FaultPlan(map(root, "faults", null, this::fault));
        List<Assertion> assertions = assertions(root);
        Node out = object(root, "output", ScenarioSchema.OUTPUT);
        Output output = new Output(string(out, "directory").map(Path::of), bool(out, "history", false),
                duration(out, "progress", Output.DEFAULT_PROGRESS),
                duration(out, "sample-interval", Output.DEFAULT_SAMPLE_INTERVAL));
        return new Scenario(name, seed, duration, world, queues, watches, policy, workload, faults, assertions, output);
    }

    // ---- the sections ----

    private ObjectGroup group(String name, Node n) {
        KeyType type = keyword(n, "type", List.of("user", "logon", "keyring"), KeyType.USER,
                k -> KeyType.byName(k).orElseThrow());
        int count = intValue(n, "count", 1);
        int payload = intValue(n, "payload", ObjectGroup.defaultPayload(type));
        String shapeWord = keyword(n, "shape", List.of("flat", "tree", "hot"), "flat", k -> k);
        OptionalInt depth = n.has("depth") ? OptionalInt.of(intValue(n, "depth", 1)) : OptionalInt.empty();
        Shape shape = switch (shapeWord) {
            case "tree" -> {
                if (depth.isEmpty()) {
                    missing(n, "depth", "1.." + ObjectGroup.MAX_TREE_DEPTH + " with shape tree");
                }
                yield Shape.tree(depth.orElse(1));
            }
            case "hot" -> Shape.HOT;
            default -> Shape.FLAT;
        };
        if (depth.isPresent() && !(shape instanceof Shape.Tree)) {
            problem(n.child("depth"), "depth with shape " + shapeWord, "depth only with shape tree");
        }
        Optional<String> linkedInto = string(n, "linked-into");
        Credentials owner = credentials(n, "owner");
        OptionalInt perm = n.has("perm") ? OptionalInt.of(u32(n, "perm", 0)) : OptionalInt.empty();
        return new ObjectGroup(name, type, count, payload, shape, linkedInto, owner, perm);
    }

    private MountTree mountTree(String name, Node n) {
        return new MountTree(name, intValue(n, "depth", 1), intValue(n, "fanout", 2), intValue(n, "binds", 0),
                intValue(n, "automounts", 0), intValue(n, "spares", MountTree.DEFAULT_SPARES));
    }

    private QueueGroup queueGroup(String name, Node n) {
        int count = intValue(n, "count", 1);
        int size = intValue(n, "size", QueueGroup.DEFAULT_SIZE);
        Optional<QueueFilter> filter = Optional.empty();
        ConfigValue f = n.value("filter");
        if (f != null) {
            List<FilterEntry> entries = new ArrayList<>();
            List<Node> items = objectList(n, "filter", ScenarioSchema.FILTER_ENTRY);
            for (Node e : items) {
                entries.add(filterEntry(e));
            }
            filter = Optional.of(new QueueFilter(entries));
        }
        Node r = object(n, "reader", ScenarioSchema.READER);
        int buffer = intValue(r, "buffer", Reader.DEFAULT_BUFFER);
        ReadPace pace = ReadPace.CONTINUOUS;
        Optional<String> paceText = string(r, "pace");
        if (paceText.isPresent() && !paceText.get().equals("continuous")) {
            pace = ReadPace.at(rate(r, "pace", Rate.perSecond(1)));
        }
        List<Stall> stalls = new ArrayList<>();
        for (Node s : objectList(r, "stalls", ScenarioSchema.STALL)) {
            stalls.add(new Stall(required(s, "at", duration(s, "at", null), Duration.ZERO),
                    required(s, "for", duration(s, "for", null), Duration.ofSeconds(1))));
        }
        boolean mountinfo = keyword(r, "recovery", List.of("none", "mountinfo"), "none", k -> k).equals("mountinfo");
        return new QueueGroup(name, count, size, filter, new Reader(buffer, pace, stalls, mountinfo));
    }

    private FilterEntry filterEntry(Node e) {
        List<String> types = List.of("meta", "key", "mount", "superblock");
        int type = 1;
        ConfigValue t = e.value("type");
        if (t == null) {
            missing(e, "type", "meta, key, mount or superblock");
        } else if (t.valueType() == ConfigValueType.NUMBER) {
            type = intValue(e, "type", 1);
        } else {
            type = keyword(e, "type", types, 1, types::indexOf);
        }
        int subtypes = FilterEntry.ALL_SUBTYPES;
        ConfigValue s = e.value("subtypes");
        if (s != null && !(s.valueType() == ConfigValueType.STRING && s.unwrapped().equals("all"))) {
            List<String> names = FilterEntry.subtypeNames(type);
            String expected = "all, or a list of subtypes 0..31" + (names.isEmpty() ? "" : " or names: "
                    + String.join(", ", names));
            if (s.valueType() != ConfigValueType.LIST) {
                problem(e.child("subtypes"), render(s), expected);
            } else {
                subtypes = 0;
                ConfigList list = (ConfigList) s;
                for (int i = 0; i < list.size(); i++) {
                    ConfigValue item = list.get(i);
                    String at = e.child("subtypes") + "[" + i + "]";
                    origins.put(at, item.origin());
                    Object raw = item.unwrapped();
                    int sub = -1;
                    if (item.valueType() == ConfigValueType.NUMBER && raw instanceof Number num
                            && num.doubleValue() == Math.rint(num.doubleValue())) {
                        sub = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, num.longValue()));
                        if (sub < 0 || sub > 31) {
                            problem(at, render(item), "0..31 (the kernel keeps only the first word of the subtype "
                                    + "bitmap)");
                            continue;
                        }
                    } else if (item.valueType() == ConfigValueType.STRING && names.contains((String) raw)) {
                        sub = names.indexOf((String) raw);
                    } else {
                        problem(at, render(item), expected + Suggestions.didYouMean(String.valueOf(raw), names));
                        continue;
                    }
                    subtypes |= 1 << sub;
                }
            }
        }
        return new FilterEntry(type, subtypes, u32(e, "info-filter", 0), u32(e, "info-mask", 0));
    }

    private WatchRule watchRule(String name, Node n) {
        String queues = required(n, "queues", string(n, "queues").orElse(null), "");
        String objects = required(n, "objects", string(n, "objects").orElse(null), "");
        String coverageWord = keyword(n, "coverage", List.of("all", "spread"), "all", k -> k);
        Coverage coverage = Coverage.ALL;
        if (coverageWord.equals("spread")) {
            coverage = Coverage.spread(intValue(n, "per-object", 1));
        } else if (n.has("per-object")) {
            problem(n.child("per-object"), "per-object with coverage all", "per-object only with coverage spread");
        }
        TagRange tags = TagRange.of(0);
        ConfigValue tag = n.value("tag");
        if (tag != null) {
            Object raw = tag.unwrapped();
            if (tag.valueType() == ConfigValueType.NUMBER && raw instanceof Integer i) {
                tags = TagRange.of(i);
            } else if (tag.valueType() == ConfigValueType.STRING) {
                try {
                    tags = TagRange.parse((String) raw);
                } catch (IllegalArgumentException ex) {
                    problem(n.child("tag"), render(tag), ex.getMessage());
                }
            } else {
                problem(n.child("tag"), render(tag), "a tag 0..255 or a range FIRST..LAST (\"1..8\")");
            }
        }
        WatchKind kind = keyword(n, "kind", Arrays.stream(WatchKind.values()).map(WatchKind::keyword).toList(),
                WatchKind.KEY, k -> WatchKind.byKeyword(k).orElseThrow());
        WatchScope scope = keyword(n, "scope", List.of("top", "every"), WatchScope.TOP,
                k -> WatchScope.valueOf(k.toUpperCase(Locale.ROOT)));
        if (n.has("scope") && kind == WatchKind.KEY) {
            problem(n.child("scope"), "scope with kind key", "scope only with kind mount or superblock");
        }
        return new WatchRule(name, queues, objects, coverage, tags, credentials(n, "setter"), kind, scope);
    }

    private Policy policy(Node n) {
        List<Policy.Engine> engines = new ArrayList<>();
        ConfigValue e = n.value("engine");
        List<String> names = Arrays.stream(Policy.Engine.values()).map(Policy.Engine::keyword).toList();
        String expected = "permissive, smack, selinux, or a list [smack, selinux]";
        if (e == null) {
            engines.add(Policy.Engine.PERMISSIVE);
        } else {
            List<ConfigValue> items = new ArrayList<>();
            if (e.valueType() == ConfigValueType.LIST) {
                items.addAll((ConfigList) e);
            } else {
                items.add(e);
            }
            for (ConfigValue item : items) {
                if (item.valueType() != ConfigValueType.STRING) {
                    problem(n.child("engine"), render(item), expected);
                    continue;
                }
                for (String word : ((String) item.unwrapped()).split("\\+", -1)) {
                    Optional<Policy.Engine> engine = Policy.Engine.byKeyword(word.strip());
                    if (engine.isPresent()) {
                        engines.add(engine.get());
                    } else {
                        problem(n.child("engine"), render(item), expected + Suggestions.didYouMean(word.strip(), names));
                    }
                }
            }
            if (engines.isEmpty() && problemsAt(n.child("engine")) == 0) {
                problem(n.child("engine"), render(e), expected);
            }
        }
        List<Path> rules = new ArrayList<>();
        ConfigValue r = n.value("rules");
        if (r != null) {
            if (r.valueType() != ConfigValueType.LIST) {
                problem(n.child("rules"), render(r), "a list of rule files ([\"lab.smack\"])");
            } else {
                ConfigList list = (ConfigList) r;
                for (int i = 0; i < list.size(); i++) {
                    ConfigValue item = list.get(i);
                    String at = n.child("rules") + "[" + i + "]";
                    origins.put(at, item.origin());
                    if (item.valueType() != ConfigValueType.STRING) {
                        problem(at, render(item), "a rule file's path");
                        continue;
                    }
                    rules.add(relativeToOrigin(item.origin(), (String) item.unwrapped()));
                }
            }
        }
        SelinuxModule.Mode mode = keyword(n, "selinux-mode", List.of("strict", "extended"), SelinuxModule.Mode.EXTENDED,
                k -> SelinuxModule.Mode.valueOf(k.toUpperCase(Locale.ROOT)));
        return new Policy(engines.isEmpty() ? List.of(Policy.Engine.PERMISSIVE) : engines, rules, mode);
    }

    /** A path named in a file, against that file's folder. */
    private Path relativeToOrigin(ConfigOrigin origin, String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        Path base = origin != null && origin.filename() != null ? Path.of(origin.filename()) : file;
        Path dir = base.toAbsolutePath().getParent();
        return dir.resolve(p).normalize();
    }

    private Generator generator(String name, Node n) {
        String objects = required(n, "objects", string(n, "objects").orElse(null), "");
        Optional<String> keyrings = string(n, "keyrings");
        Map<KeyOperation, Double> mix = new EnumMap<>(KeyOperation.class);
        Map<MountOperation, Double> mountMix = new EnumMap<>(MountOperation.class);
        Node m = object(n, "mix", ScenarioSchema.MIX);
        if (m.isAbsent()) {
            missing(n, "mix", "an object of operation weights (mix { update = 1 })");
            mix.put(KeyOperation.UPDATE, 1.0);
        } else {
            for (KeyOperation op : KeyOperation.values()) {
                if (m.has(op.keyword())) {
                    mix.put(op, number(m, op.keyword(), 0));
                }
            }
            for (MountOperation op : MountOperation.values()) {
                if (m.has(op.keyword())) {
                    mountMix.put(op, number(m, op.keyword(), 0));
                }
            }
        }
        Injection injection = injection(n);
        Credentials creds = credentials(n, "credentials");
        Duration keyTimeout = duration(n, "key-timeout", Generator.DEFAULT_KEY_TIMEOUT);
        int maxInFlight = intValue(n, "max-in-flight", Generator.DEFAULT_MAX_IN_FLIGHT);
        int maxBacklog = intValue(n, "max-backlog", Generator.DEFAULT_MAX_BACKLOG);
        return new Generator(name, objects, keyrings, mix, injection, creds, keyTimeout, maxInFlight, maxBacklog,
                mountMix);
    }

    private Injection injection(Node generator) {
        Injection placeholder = new Injection.Constant(Rate.perSecond(1));
        ConfigValue v = generator.value("injection");
        if (v == null) {
            missing(generator, "injection", "an object with a profile (injection { profile = constant, rate = 1k/s })");
            return placeholder;
        }
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(generator.child("injection"), render(v), "an object with a profile");
            return placeholder;
        }
        Node n = new Node(generator.child("injection"), (ConfigObject) v, null);
        String profile = keyword(n, "profile", ScenarioSchema.profiles(), null, k -> k);
        if (profile == null) {
            if (!n.has("profile")) {
                missing(n, "profile", String.join(", ", ScenarioSchema.profiles()));
            }
            n.accept(ScenarioSchema.INJECTION, ScenarioSchema.PROFILES);
            return placeholder;
        }
        n.accept(ScenarioSchema.profile(profile).orElseThrow(), List.of());
        Rate one = Rate.perSecond(1);
        return switch (profile) {
            case "constant" -> new Injection.Constant(requiredRate(n, "rate"));
            case "poisson" -> new Injection.Poisson(requiredRate(n, "rate"));
            case "ramp" -> new Injection.Ramp(requiredRate(n, "from"), requiredRate(n, "to"),
                    required(n, "over", duration(n, "over", null), Duration.ofSeconds(1)));
            case "stairs" -> new Injection.Stairs(requiredRate(n, "start"), requiredRate(n, "step"),
                    required(n, "steps", n.has("steps") ? intValue(n, "steps", 1) : null, 1),
                    required(n, "each", duration(n, "each", null), Duration.ofSeconds(1)));
            case "spike" -> new Injection.Spike(requiredRate(n, "base"), requiredRate(n, "peak"),
                    required(n, "at", duration(n, "at", null), Duration.ZERO),
                    required(n, "for", duration(n, "for", null), Duration.ofSeconds(1)));
            case "closed" -> new Injection.Closed(required(n, "clients", n.has("clients") ? intValue(n, "clients", 1)
                    : null, 1), duration(n, "think", Duration.ZERO));
            default -> new Injection.Constant(one);
        };
    }

    private Fault fault(String name, Node n) {
        Trigger trigger;
        boolean at = n.has("at");
        boolean every = n.has("every");
        if (at && every) {
            problem(n.child("every"), "both at and every", "one of at (once) and every (periodic)");
        } else if (!at && !every) {
            missing(n, "at", "at (a time) or every (a period)");
        }
        if (every) {
            trigger = new Trigger.Every(duration(n, "every", Duration.ofSeconds(1)), share(n, "probability", 1));
        } else {
            trigger = new Trigger.At(duration(n, "at", Duration.ZERO));
            if (n.has("probability")) {
                problem(n.child("probability"), "probability with at", "probability only with every");
            }
        }
        String action = keyword(n, "action", ScenarioSchema.actions(), null, k -> k);
        FaultAction placeholder = new FaultAction.ReloadPolicy();
        if (action == null) {
            if (!n.has("action")) {
                missing(n, "action", String.join(", ", ScenarioSchema.actions()));
            }
            n.accept(ScenarioSchema.FAULT, ScenarioSchema.ACTIONS);
            return new Fault(name, trigger, placeholder);
        }
        n.accept(ScenarioSchema.action(action).orElseThrow(), List.of());
        FaultAction a = switch (action) {
            case "destroy-objects" -> new FaultAction.DestroyObjects(ref(n, "objects"), requiredShare(n));
            case "crash-objects" -> new FaultAction.CrashObjects(ref(n, "objects"), requiredShare(n));
            case "crash-watches" -> new FaultAction.CrashWatches(ref(n, "queues"), requiredShare(n));
            case "close-queues" -> new FaultAction.CloseQueues(ref(n, "queues"), requiredShare(n));
            case "stall-readers" -> new FaultAction.StallReaders(ref(n, "queues"), requiredShare(n),
                    required(n, "for", duration(n, "for", null), Duration.ofSeconds(1)));
            case "slow-readers" -> new FaultAction.SlowReaders(ref(n, "queues"), requiredShare(n), requiredRate(n, "pace"),
                    required(n, "for", duration(n, "for", null), Duration.ofSeconds(1)));
            case "shrink-buffer" -> new FaultAction.ShrinkBuffer(ref(n, "queues"), requiredShare(n),
                    required(n, "buffer", n.has("buffer") ? intValue(n, "buffer", Reader.DEFAULT_BUFFER) : null,
                            Reader.DEFAULT_BUFFER));
            case "swap-policy" -> {
                Node p = object(n, "policy", ScenarioSchema.POLICY);
                if (p.isAbsent()) {
                    missing(n, "policy", "the new policy (policy { engine = smack, rules = [...] })");
                    yield new FaultAction.SwapPolicy(Policy.PERMISSIVE);
                }
                yield new FaultAction.SwapPolicy(policy(p));
            }
            case "detach-mounts" -> new FaultAction.DetachMounts(ref(n, "mounts"), requiredShare(n));
            case "expire-automounts" -> new FaultAction.ExpireAutomounts(ref(n, "mounts"), requiredShare(n));
            case "flood-queue" -> new FaultAction.FloodQueue(ref(n, "queues"),
                    required(n, "records", n.has("records") ? intValue(n, "records", 1) : null, 1));
            default -> placeholder;
        };
        return new Fault(name, trigger, a);
    }

    private List<Assertion> assertions(Node root) {
        List<Assertion> out = new ArrayList<>();
        ConfigValue v = root.value("assertions");
        if (v == null) {
            return out;
        }
        if (v.valueType() != ConfigValueType.LIST) {
            problem("assertions", render(v), "a list of assertions ([\"invariants.all\", \"loss.rate < 0.01\"])");
            return out;
        }
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            String at = "assertions[" + i + "]";
            origins.put(at, item.origin());
            if (item.valueType() != ConfigValueType.STRING) {
                problem(at, render(item), "an assertion in quotes: " + AssertionParser.FORM);
                continue;
            }
            try {
                out.add(Assertion.parse((String) item.unwrapped()));
            } catch (AssertionParser.Mistake m) {
                problem(at, m.found() + " in \"" + item.unwrapped() + "\"", m.expected());
            }
        }
        return out;
    }

    private Credentials credentials(Node parent, String key) {
        Node n = object(parent, key, ScenarioSchema.CREDENTIALS);
        Credentials root = Credentials.root();
        if (n.isAbsent()) {
            return root;
        }
        int uid = intValue(n, "uid", 0);
        int gid = intValue(n, "gid", 0);
        Set<Integer> groups = new HashSet<>();
        ConfigValue g = n.value("groups");
        if (g != null) {
            if (g.valueType() != ConfigValueType.LIST) {
                problem(n.child("groups"), render(g), "a list of gids ([100, 101])");
            } else {
                ConfigList list = (ConfigList) g;
                for (int i = 0; i < list.size(); i++) {
                    ConfigValue item = list.get(i);
                    if (item.valueType() == ConfigValueType.NUMBER && item.unwrapped() instanceof Integer gid1) {
                        groups.add(gid1);
                    } else {
                        problem(n.child("groups") + "[" + i + "]", render(item), "a gid, a whole number 0 or more");
                    }
                }
            }
        }
        String label = string(n, "label").orElse(Credentials.FLOOR_LABEL);
        long caps = Credentials.ALL_CAPABILITIES;
        ConfigValue c = n.value("capabilities");
        if (c != null) {
            caps = capabilities(n.child("capabilities"), c);
        }
        return new Credentials(uid, gid, groups, caps, label);
    }

    private long capabilities(String at, ConfigValue c) {
        List<String> names = Arrays.stream(Capability.values())
                .map(cap -> cap.name().substring(4).toLowerCase(Locale.ROOT)).toList();
        String expected = "all, none, or a list of capability names (mac_override, CAP_SYS_ADMIN)";
        if (c.valueType() == ConfigValueType.STRING) {
            String word = (String) c.unwrapped();
            if (word.equals("all")) {
                return Credentials.ALL_CAPABILITIES;
            }
            if (word.equals("none")) {
                return 0;
            }
            problem(at, render(c), expected);
            return Credentials.ALL_CAPABILITIES;
        }
        if (c.valueType() != ConfigValueType.LIST) {
            problem(at, render(c), expected);
            return Credentials.ALL_CAPABILITIES;
        }
        long caps = 0;
        ConfigList list = (ConfigList) c;
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            Optional<Capability> cap = item.valueType() == ConfigValueType.STRING
                    ? Capability.parse((String) item.unwrapped()) : Optional.empty();
            if (cap.isPresent()) {
                caps |= cap.get().bit();
            } else {
                String word = String.valueOf(item.unwrapped()).toLowerCase(Locale.ROOT).replaceFirst("^cap_", "");
                problem(at + "[" + i + "]", render(item), "a capability name (" + String.join(", ", names.subList(0, 4))
                        + ", ...)" + Suggestions.didYouMean(word, names));
            }
        }
        return caps;
    }

    // ---- typed values ----

    private Optional<String> string(Node n, String key) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER
                || v.valueType() == ConfigValueType.BOOLEAN) {
            return Optional.of(String.valueOf(v.unwrapped()));
        }
        problem(n.child(key), render(v), "a string");
        return Optional.empty();
    }

    private String ref(Node n, String key) {
        return required(n, key, string(n, key).orElse(null), "");
    }

    private <T> T keyword(Node n, String key, List<String> allowed, T fallback, Function<String, T> convert) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        String expected = String.join(", ", allowed);
        if (v.valueType() != ConfigValueType.STRING) {
            problem(n.child(key), render(v), expected);
            return fallback;
        }
        String word = (String) v.unwrapped();
        if (!allowed.contains(word)) {
            problem(n.child(key), render(v), expected + Suggestions.didYouMean(word, allowed));
            return fallback;
        }
        return convert.apply(word);
    }

    private long longValue(Node n, String key, long fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        Object raw = v.unwrapped();
        if (v.valueType() == ConfigValueType.NUMBER && (raw instanceof Integer || raw instanceof Long)) {
            return ((Number) raw).longValue();
        }
        problem(n.child(key), render(v), "a whole number (64-bit)");
        return fallback;
    }

    /** A whole number that fits an int: a HOCON number, or a count with a suffix ({@code 10k}). */
    private int intValue(Node n, String key, int fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        Object raw = v.unwrapped();
        long value;
        if (v.valueType() == ConfigValueType.NUMBER && raw instanceof Number num
                && num.doubleValue() == Math.rint(num.doubleValue()) && Math.abs(num.doubleValue()) < 1e18) {
            value = num.longValue();
        } else if (v.valueType() == ConfigValueType.STRING) {
            try {
                value = Units.parseCount((String) raw);
            } catch (IllegalArgumentException e) {
                problem(n.child(key), render(v), Units.COUNT_FORM);
                return fallback;
            }
        } else {
            problem(n.child(key), render(v), Units.COUNT_FORM);
            return fallback;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            problem(n.child(key), render(v), "at most " + Integer.MAX_VALUE);
            return fallback;
        }
        return (int) value;
    }

    /** A 32-bit word: a number 0..0xffffffff or a hex string {@code 0xff00}. */
    private int u32(Node n, String key, int fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        Object raw = v.unwrapped();
        long value = -1;
        if (v.valueType() == ConfigValueType.NUMBER && (raw instanceof Integer || raw instanceof Long)) {
            value = ((Number) raw).longValue();
        } else if (v.valueType() == ConfigValueType.STRING) {
            String t = ((String) raw).strip().toLowerCase(Locale.ROOT);
            try {
                value = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                value = -1;
            }
        }
        if (value < 0 || value > 0xFFFFFFFFL) {
            problem(n.child(key), render(v), "a 32-bit word 0..0xffffffff (a number or a hex string \"0x3f3f0000\")");
            return fallback;
        }
        return (int) value;
    }

    private double number(Node n, String key, double fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        if (v.valueType() == ConfigValueType.NUMBER) {
            return ((Number) v.unwrapped()).doubleValue();
        }
        problem(n.child(key), render(v), "a number");
        return fallback;
    }

    private double share(Node n, String key, double fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        if (v.valueType() == ConfigValueType.NUMBER) {
            return ((Number) v.unwrapped()).doubleValue();
        }
        if (v.valueType() == ConfigValueType.STRING) {
            try {
                return Units.parsePercent((String) v.unwrapped());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        problem(n.child(key), render(v), Units.SHARE_FORM);
        return fallback;
    }

    private double requiredShare(Node n) {
        if (!n.has("share")) {
            missing(n, "share", Units.SHARE_FORM);
            return 0;
        }
        return share(n, "share", 0);
    }

    private boolean bool(Node n, String key, boolean fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        if (v.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) v.unwrapped();
        }
        problem(n.child(key), render(v), "true or false");
        return fallback;
    }

    private Duration duration(Node n, String key, Duration fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        if (v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER) {
            try {
                return Units.parseDuration(String.valueOf(v.unwrapped()));
            } catch (IllegalArgumentException e) {
                problem(n.child(key), render(v), e.getMessage());
                return fallback == null ? Duration.ofSeconds(1) : fallback;
            }
        }
        problem(n.child(key), render(v), Units.DURATION_FORM);
        return fallback == null ? Duration.ofSeconds(1) : fallback;
    }

    private Rate rate(Node n, String key, Rate fallback) {
        ConfigValue v = n.value(key);
        if (v == null) {
            return fallback;
        }
        if (v.valueType() == ConfigValueType.STRING) {
            try {
                return Rate.parse((String) v.unwrapped());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        String expected = Rate.FORM + ("pace".equals(key) && n.section == ScenarioSchema.READER ? ", or continuous" : "");
        problem(n.child(key), render(v), expected);
        return fallback;
    }

    private Rate requiredRate(Node n, String key) {
        Rate r = rate(n, key, null);
        return required(n, key, r, Rate.perSecond(1));
    }

    /** {@code value}, or {@code placeholder} with a problem when the key is absent. */
    private <T> T required(Node n, String key, T value, T placeholder) {
        if (value != null) {
            return value;
        }
        if (!n.has(key)) {
            missing(n, key, n.section == null ? "a value" : n.section.key(key).map(ScenarioLoader::expectation)
                    .orElse("a value"));
        }
        return placeholder;
    }

    /** What a key takes, as "expected" says it: {@code a duration above 0}, {@code a queue group of queues}. */
    private static String expectation(ScenarioSchema.Key k) {
        String allowed = k.allowed();
        if (allowed.startsWith("a ") || allowed.startsWith("an ")) {
            return allowed;
        }
        return ("aeiou".indexOf(k.type().charAt(0)) >= 0 ? "an " : "a ") + k.type() + " " + allowed;
    }

    // ---- objects, maps and lists ----

    /** The object at {@code key}, or an absent node when there is none (or it is no object: a problem). */
    private Node object(Node parent, String key, ScenarioSchema.Section section) {
        ConfigValue v = parent.value(key);
        if (v == null) {
            return new Node(parent.child(key), null, section);
        }
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(parent.child(key), render(v), "an object { ... }");
            return new Node(parent.child(key), null, section);
        }
        return new Node(parent.child(key), (ConfigObject) v, section);
    }

    /** {@code key} as a map of NAME to object, read by {@code reader} in name order. */
    private <T> List<T> map(Node parent, String key, ScenarioSchema.Section section, EntryReader<T> reader) {
        List<T> out = new ArrayList<>();
        ConfigValue v = parent.value(key);
        if (v == null) {
            return out;
        }
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(parent.child(key), render(v), "an object of NAME { ... } entries");
            return out;
        }
        Map<String, ConfigValue> sorted = new TreeMap<>((ConfigObject) v);
        for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
            String at = parent.child(key) + "." + e.getKey();
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                origins.put(at, e.getValue().origin());
                problem(at, render(e.getValue()), "an object { ... } (" + (section == null ? "a fault" : section.about())
                        + ")");
                continue;
            }
            Node n = new Node(at, (ConfigObject) e.getValue(), section);
            out.add(reader.read(e.getKey(), n));
        }
        return out;
    }

    /** Reads one entry of a map of NAME to object. */
    @FunctionalInterface
    private interface EntryReader<T> {
        T read(String name, Node node);
    }

    private List<Node> objectList(Node parent, String key, ScenarioSchema.Section section) {
        List<Node> out = new ArrayList<>();
        ConfigValue v = parent.value(key);
        if (v == null) {
            return out;
        }
        if (v.valueType() != ConfigValueType.LIST) {
            problem(parent.child(key), render(v), "a list of objects [ { ... } ]");
            return out;
        }
        ConfigList list = (ConfigList) v;
        for (int i = 0; i < list.size(); i++) {
            String at = parent.child(key) + "[" + i + "]";
            ConfigValue item = list.get(i);
            if (item.valueType() != ConfigValueType.OBJECT) {
                origins.put(at, item.origin());
                problem(at, render(item), "an object { ... } (" + section.about() + ")");
                continue;
            }
            out.add(new Node(at, (ConfigObject) item, section));
        }
        return out;
    }

    /**
     * One object of the file: its path, its keys, the section that says which keys it may hold.
     * Reading a key outside the section is a bug of the loader, not of the file.
     */
    private final class Node {
        final String path;
        final ConfigObject object;
        ScenarioSchema.Section section;

        Node(String path, ConfigObject object, ScenarioSchema.Section section) {
            this.path = path;
            this.object = object;
            if (object != null) {
                origins.put(path, object.origin());
            }
            if (section != null) {
                accept(section, List.of());
            }
        }

        boolean isAbsent() {
            return object == null;
        }

        /**
         * Checks the keys against {@code accepted}; any other is reported, with a near miss from
         * {@code accepted} or, failing that, from {@code alsoKnown} (a variant's keys).
         */
        void accept(ScenarioSchema.Section accepted, List<ScenarioSchema.Section> alsoKnown) {
            this.section = accepted;
            if (object == null) {
                return;
            }
            Set<String> names = accepted.names();
            Set<String> others = new HashSet<>();
            alsoKnown.forEach(s -> others.addAll(s.names()));
            for (String key : new TreeMap<>(object).keySet()) {
                if (names.contains(key) || others.contains(key)) {
                    continue;
                }
                origins.put(child(key), object.get(key).origin());
                List<String> known = new ArrayList<>(names);
                problem(child(key), "an unknown key", (names.isEmpty() ? "no keys here" : "one of "
                        + String.join(", ", known)) + Suggestions.didYouMean(key, known));
            }
        }

        boolean has(String key) {
            return value(key) != null;
        }

        String child(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        /** The value at {@code key}, null when absent or null. */
        ConfigValue value(String key) {
            if (section != null && section.key(key).isEmpty()) {
                throw new IllegalStateException("the loader read " + child(key) + ", which " + section.path()
                        + " in ScenarioSchema does not list");
            }
            if (object == null) {
                return null;
            }
            ConfigValue v = object.get(key);
            if (v == null || v.valueType() == ConfigValueType.NULL) {
                return null;
            }
            origins.put(child(key), v.origin());
            return v;
        }
    }

    // ---- problems ----

    private void missing(Node n, String key, String expected) {
        problem(n.child(key), "nothing", expected);
    }

    private void problem(String key, String found, String expected) {
        problems.add(locate(ScenarioProblem.at(key, found, expected)));
    }

    private int problemsAt(String key) {
        return (int) problems.stream().filter(p -> p.key().equals(key)).count();
    }

    /** The problem with the file and line of its key, or of the nearest enclosing key that has one. */
    private ScenarioProblem locate(ScenarioProblem p) {
        String key = p.key();
        while (true) {
            ConfigOrigin o = origins.get(key);
            if (o != null) {
                return p.locatedAt(o.filename() != null ? o.filename() : o.description(), Math.max(0, o.lineNumber()));
            }
            int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
            if (cut <= 0) {
                return p.locatedAt(file.toString(), 0);
            }
            key = key.substring(0, cut);
        }
    }

    private ScenarioProblem fromConfig(ConfigException e) {
        ConfigOrigin o = e.origin();
        String message = String.valueOf(e.getMessage());
        if (o != null && message.startsWith(o.description() + ": ")) {
            message = message.substring(o.description().length() + 2);
        }
        String where = o != null && o.filename() != null ? o.filename() : file.toString();
        int line = o != null ? Math.max(0, o.lineNumber()) : 0;
        String found = e instanceof ConfigException.UnresolvedSubstitution ? "a substitution that cannot be resolved ("
                + message + ")" : "a syntax error (" + message + ")";
        String expected = e instanceof ConfigException.UnresolvedSubstitution
                ? "a path defined in the file or its includes (shared values go under defs)" : "HOCON (docs/SCENARIOS.md)";
        return new ScenarioProblem(Optional.of(where), line, "", found, expected);
    }

    /** A value as "found" shows it: strings in quotes, numbers as written, lists and objects by kind. */
    static String render(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING -> "\"" + v.unwrapped() + "\"";
            case LIST -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> v.render(ConfigRenderOptions.concise());
        };
    }
}
