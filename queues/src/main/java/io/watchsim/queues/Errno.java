package io.watchsim.queues;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Linux error numbers, with the values of x86-64 and the other "generic" architectures.
 * Every refusal in WatchSim carries one of these, so that a script prints what Linux prints.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    EPIPE(32, "Broken pipe"),
    EDEADLK(35, "Resource deadlock avoided"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    EBADSLT(57, "Invalid slot"),
    ENODATA(61, "No data available"),
    ENOPKG(65, "Package not installed"),
    EOPNOTSUPP(95, "Operation not supported"),
    ENOBUFS(105, "No buffer space available"),
    ETIMEDOUT(110, "Connection timed out"),
    EDQUOT(122, "Disk quota exceeded"),
    ENOKEY(126, "Required key not available"),
    EKEYEXPIRED(127, "Key has expired"),
    EKEYREVOKED(128, "Key has been revoked"),
    EKEYREJECTED(129, "Key was rejected by service");

    private static final Map<String, Errno> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));
    private static final Map<Integer, Errno> BY_NUMBER = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Errno::number, Function.identity()));

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    /** The positive errno value, as user space sees it in {@code errno}. */
    public int number() {
        return number;
    }

    /** strerror() text. */
    public String description() {
        return description;
    }

    /** The form the kernel returns: {@code -number}. */
    public int negated() {
        return -number;
    }

    /** {@code EINVAL (errno 22)}: the form kernel scripts print. */
    public String display() {
        return name() + " (errno " + number + ")";
    }

    /** Looks an errno up by name ({@code ENOKEY}) or number ({@code 126}). */
    public static Optional<Errno> parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(t.charAt(0))) {
            try {
                return Optional.ofNullable(BY_NUMBER.get(Integer.parseInt(t)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(BY_NAME.get(t.toUpperCase(Locale.ROOT)));
    }

    public static Optional<Errno> ofNumber(int number) {
        return Optional.ofNullable(BY_NUMBER.get(Math.abs(number)));
    }
}
