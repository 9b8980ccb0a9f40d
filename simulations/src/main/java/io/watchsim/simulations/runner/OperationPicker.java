package io.watchsim.simulations.runner;

import io.watchsim.simulations.scenario.Generator;
import io.watchsim.simulations.scenario.KeyOperation;
import io.watchsim.simulations.scenario.ObjectGroup;
import io.watchsim.simulations.scenario.World;
import io.watchsim.sources.keys.KeyOp;
import io.watchsim.sources.keys.KeyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generator's operations, drawn one at a time from its weighted mix with its own random stream:
 * the operation, then the object it acts on, then the keyring, each uniformly from the built world.
 * Nothing else decides a draw (no clock, no answer of the kernel), so two runs with one seed draw
 * the same sequence; an operation is drawn only when it is issued, so one that was never sent
 * (max-in-flight reached) takes nothing from the stream. Not thread-safe: one caller at a time.
 *
 * <p>Operations on a key act on an object of the generator's {@code objects} group (for a tree:
 * its leaves). Those on a keyring (link, unlink, add, clear) act on a keyring of its
 * {@code keyrings} group, by default the group {@code objects} is linked into; a keyring group that
 * is a tree offers its leaves and its inner keyrings alike.
 *
 * <ul>
 *   <li>update: a new payload of the group's size, whose first bytes are the draw's number;</li>
 *   <li>setperm: the group's permission mask (or its type's default) again, so that it posts
 *       setattr without locking the workload out of its keys;</li>
 *   <li>add: a new key of the group's type and payload, described {@code workload:NAME:N} (unique
 *       per run, and with the ':' a logon key's description needs);</li>
 *   <li>timeout: the generator's key-timeout in whole seconds.</li>
 * </ul>
 */
final class OperationPicker implements OperationSource<KeyOp> {
    private final Generator generator;
    private final KeyType type;
    private final int payload;
    private final long perm;
    private final List<Integer> objects;
    private final int[] keyrings;
    private final WeightedMix<KeyOperation> mix;
    private final SplittableRandom random;
    private long drawn;
    private long added;

    OperationPicker(Generator generator, World world, BuiltWorld built, SplittableRandom random) {
        this.generator = generator;
        this.random = random;
        ObjectGroup group = world.group(generator.objects()).orElseThrow(() -> new IllegalArgumentException(
                "workload." + generator.name() + ".objects: no object group " + generator.objects()));
        this.type = group.type();
        this.payload = group.payload();
        this.perm = Integer.toUnsignedLong(group.perm().orElse(type.defaultPerm()));
        this.objects = built.objects(generator.objects());
        this.keyrings = keyrings(generator, group, built);
        this.mix = WeightedMix.of(generator.mix());
        mix.operations().forEach(this::needs);
        if (mix.operations().isEmpty()) {
            throw new IllegalArgumentException("workload." + generator.name() + ".mix: no operation with a weight above 0");
        }
    }

    /** The keyrings link, unlink, add and clear act on: the keyring group's objects and inner keyrings. */
    private static int[] keyrings(Generator generator, ObjectGroup group, BuiltWorld built) {
        String ringGroup = generator.keyrings().or(group::linkedInto).orElse(null);
        if (ringGroup == null) {
            return new int[0];
        }
        List<Integer> rings = new ArrayList<>(built.objects(ringGroup));
        rings.addAll(built.innerRings().getOrDefault(ringGroup, List.of()));
        return rings.stream().mapToInt(Integer::intValue).toArray();
    }

    private void needs(KeyOperation op) {
        if (op.onKeyring() && keyrings.length == 0) {
            throw new IllegalArgumentException("workload." + generator.name() + ".mix." + op.keyword()
                    + ": no keyring to act on (keyrings = GROUP, or objects linked into a keyring group)");
        }
        if (op != KeyOperation.ADD && op != KeyOperation.CLEAR && objects.isEmpty()) {
            throw new IllegalArgumentException("workload." + generator.name() + ".mix." + op.keyword()
                    + ": group " + generator.objects() + " has no objects");
        }
    }

    /** The next operation of the mix, with its targets. */
    @Override
    public KeyOp next() {
        long n = drawn++;
        KeyOperation op = operation();
        switch (op) {
            case UPDATE:
                return new KeyOp.Update(object(), payload(n));
            case LINK:
                return new KeyOp.Link(object(), keyring());
            case UNLINK:
                return new KeyOp.Unlink(object(), keyring());
            case SETPERM:
                return new KeyOp.SetPerm(object(), perm);
            case REVOKE:
                return new KeyOp.Revoke(object());
            case INVALIDATE:
                return new KeyOp.Invalidate(object());
            case CLEAR:
                return new KeyOp.Clear(keyring());
            case ADD:
                return new KeyOp.Add(type.typeName(), "workload:" + generator.name() + ":" + added++,
                        type == KeyType.KEYRING ? null : payload(n), keyring());
            case TIMEOUT:
                return new KeyOp.SetTimeout(object(), generator.keyTimeout().toSeconds());
            default:
                throw new IllegalStateException("no such operation: " + op);
        }
    }

    private KeyOperation operation() {
        return mix.draw(random);
    }

    private int object() {
        return objects.get(random.nextInt(objects.size()));
    }

    private int keyring() {
        return keyrings[random.nextInt(keyrings.length)];
    }

    /** A payload of the group's size that differs from the last: the draw's number, little-endian, first. */
    private byte[] payload(long n) {
        byte[] p = new byte[payload];
        for (int i = 0; i < Math.min(Long.BYTES, p.length); i++) {
            p[i] = (byte) (n >>> (8 * i));
        }
        return p;
    }

    /** One operation as a line of a report: {@code update key 123 (32 bytes)}. */
    static String describe(KeyOp op) {
        if (op instanceof KeyOp.Update u) {
            return "update key " + u.key() + " (" + u.payload().length + " bytes)";
        } else if (op instanceof KeyOp.Link l) {
            return "link key " + l.key() + " into keyring " + l.ring();
        } else if (op instanceof KeyOp.Unlink u) {
            return "unlink key " + u.key() + " from keyring " + u.ring();
        } else if (op instanceof KeyOp.SetPerm s) {
            return "setperm key " + s.key() + " 0x" + Long.toHexString(s.perm());
        } else if (op instanceof KeyOp.Revoke r) {
            return "revoke key " + r.key();
        } else if (op instanceof KeyOp.Invalidate i) {
            return "invalidate key " + i.key();
        } else if (op instanceof KeyOp.Clear c) {
            return "clear keyring " + c.ring();
        } else if (op instanceof KeyOp.Add a) {
            return "add " + a.type() + " \"" + a.description() + "\" into keyring " + a.ring();
        } else if (op instanceof KeyOp.SetTimeout t) {
            return "timeout key " + t.key() + " " + t.seconds() + "s";
        }
        return op.toString();
    }
}
