package io.watchsim.simulations.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How a scenario file includes shared parts: {@code include "common/x.conf"} names a file relative
 * to the including file's folder ({@code .conf} may be left out), {@code include file("...")} one
 * relative to the working folder, as HOCON says. Typesafe Config skips a missing include without a
 * word; here it is a mistake, reported with the line of the include and parsing goes on without it.
 */
final class FileIncluder implements ConfigIncluder, ConfigIncluderFile {
    private final Path includingFile;
    private final Consumer<ScenarioProblem> problems;
    private final ConfigIncluder fallback;

    private FileIncluder(Path includingFile, Consumer<ScenarioProblem> problems, ConfigIncluder fallback) {
        this.includingFile = includingFile;
        this.problems = problems;
        this.fallback = fallback;
    }

    /** The parse options for {@code file}: HOCON whatever its name, the file must exist, includes through this class. */
    static ConfigParseOptions options(Path file, Consumer<ScenarioProblem> problems) {
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)
                .setIncluder(new FileIncluder(file, problems, null));
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder newFallback) {
        return new FileIncluder(includingFile, problems, newFallback);
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        Path dir = includingFile.toAbsolutePath().getParent();
        Path target = dir.resolve(what).normalize();
        if (!Files.isRegularFile(target) && !what.endsWith(".conf") && Files.isRegularFile(dir.resolve(what + ".conf"))) {
            target = dir.resolve(what + ".conf").normalize();
        }
        return parse(relative(target), what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        return parse(what.toPath(), what.getPath());
    }

    private ConfigObject parse(Path target, String asWritten) {
        if (!Files.isRegularFile(target)) {
            problems.accept(new ScenarioProblem(java.util.Optional.of(includingFile.toString()), lineOf(asWritten),
                    "include", "\"" + asWritten + "\", which does not exist (" + target + ")",
                    "a file relative to the including file's folder"));
            return ConfigFactory.empty().root();
        }
        try {
            return ConfigFactory.parseFile(target.toFile(), options(target, problems)).root();
        } catch (ConfigException.IO e) {
            problems.accept(new ScenarioProblem(java.util.Optional.of(includingFile.toString()), lineOf(asWritten),
                    "include", "\"" + asWritten + "\", which cannot be read", "a readable file"));
            return ConfigFactory.empty().root();
        }
    }

    /** {@code target} as the including file names its folder: relative when it was relative, so messages stay short. */
    private Path relative(Path target) {
        if (includingFile.isAbsolute()) {
            return target;
        }
        Path cwd = Path.of("").toAbsolutePath();
        return target.startsWith(cwd) ? cwd.relativize(target) : target;
    }

    /** The line of the include naming {@code what} in the including file, or 0. */
    private int lineOf(String what) {
        try {
            List<String> lines = Files.readAllLines(includingFile);
            Pattern p = Pattern.compile("^\\s*include\\b.*\"" + Pattern.quote(what) + "\"");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public String toString() {
        return "FileIncluder[" + includingFile + (fallback == null ? "" : ", with fallback") + "]";
    }
}
