package io.watchsim.policies;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Linux capabilities with their numbers ({@code include/uapi/linux/capability.h}). */
public enum Capability {
    CAP_CHOWN(0), CAP_DAC_OVERRIDE(1), CAP_DAC_READ_SEARCH(2), CAP_FOWNER(3), CAP_FSETID(4), CAP_KILL(5),
    CAP_SETGID(6), CAP_SETUID(7), CAP_SETPCAP(8), CAP_LINUX_IMMUTABLE(9), CAP_NET_BIND_SERVICE(10),
    CAP_NET_BROADCAST(11), CAP_NET_ADMIN(12), CAP_NET_RAW(13), CAP_IPC_LOCK(14), CAP_IPC_OWNER(15),
    CAP_SYS_MODULE(16), CAP_SYS_RAWIO(17), CAP_SYS_CHROOT(18), CAP_SYS_PTRACE(19), CAP_SYS_PACCT(20),
    CAP_SYS_ADMIN(21), CAP_SYS_BOOT(22), CAP_SYS_NICE(23), CAP_SYS_RESOURCE(24), CAP_SYS_TIME(25),
    CAP_SYS_TTY_CONFIG(26), CAP_MKNOD(27), CAP_LEASE(28), CAP_AUDIT_WRITE(29), CAP_AUDIT_CONTROL(30),
    CAP_SETFCAP(31), CAP_MAC_OVERRIDE(32), CAP_MAC_ADMIN(33), CAP_SYSLOG(34), CAP_WAKE_ALARM(35),
    CAP_BLOCK_SUSPEND(36), CAP_AUDIT_READ(37), CAP_PERFMON(38), CAP_BPF(39), CAP_CHECKPOINT_RESTORE(40);

    private static final Map<String, Capability> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The bit of this capability in a 64-bit capability set. */
    public long bit() {
        return 1L << number;
    }

    /**
     * Parses a capability as kernel scripts name it ({@code capdrop}): {@code mac_override},
     * {@code CAP_MAC_OVERRIDE} (either case) or its number {@code 32}.
     */
    public static Optional<Capability> parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
            try {
                int n = Integer.parseInt(t);
                return n >= 0 && n < values().length ? Optional.of(values()[n]) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String upper = t.toUpperCase(Locale.ROOT);
        return Optional.ofNullable(BY_NAME.get(upper.startsWith("CAP_") ? upper : "CAP_" + upper));
    }
}
