package dev.cos.installer.config;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the unattended-install configuration (spec section 7). Layers, later wins field by field:
 * {@code <dir>/config.yaml}, then {@code <dir>/config.d/*.yaml} in file-name order, then the
 * {@code ELEMENTAL_*} environment variables. The CLI applies its flags on top with
 * {@link InstallConfig#merge} (or {@link InstallerConfigs#withInstall}).
 */
public final class ConfigLoader {

    public static final Path DEFAULT_DIR = Path.of("/etc/elemental");
    static final String MAIN_FILE = "config.yaml";
    static final String DROP_IN_DIR = "config.d";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final Path defaultDir;
    private final CallerAccess access;

    /** @param access what the user who asked may open: a config path they name is read only if they may read it */
    public ConfigLoader(CallerAccess access) {
        this(DEFAULT_DIR, access);
    }

    /** @param defaultDir the directory read when no path is given, if it exists (tests pass a temp dir) */
    public ConfigLoader(Path defaultDir) {
        this(defaultDir, CallerAccess.root());
    }

    private ConfigLoader(Path defaultDir, CallerAccess access) {
        this.defaultDir = defaultDir;
        this.access = access;
    }

    /**
     * Reads and merges all layers. Reads files only; no side effects.
     *
     * @param configPathOrDir a config directory, or a single file (a file named config.yaml also
     *     brings its sibling config.d); empty means {@link #DEFAULT_DIR} if it exists, else no files
     * @param env the environment, usually {@code System.getenv()}
     * @throws InstallerException BAD_CONFIG for a path that does not exist, malformed YAML, unknown
     *     keys, wrong types or values; the message names file, line, column and key; ACCESS_DENIED for a
     *     given path (or a file in it) the caller may not read
     */
    public InstallerConfigs load(Optional<Path> configPathOrDir, Map<String, String> env) {
        InstallerConfigs merged = InstallerConfigs.EMPTY;
        // The default directory is the administrator's; a path the caller names must be theirs to read.
        configPathOrDir.ifPresent(given -> access.requireReadable(given, "config path"));
        for (Path file : files(configPathOrDir)) {
            if (configPathOrDir.isPresent()) {
                access.requireReadable(file, "config file");
            }
            LOG.info("reading config file {}", file);
            Optional<ConfigNode> document = YamlConfigReader.read(file);
            merged = merged.merge(ConfigBinder.bind(YamlSection.root(document, file)));
        }
        return merged.merge(ConfigBinder.bind(EnvSection.root(env)));
    }

    /**
     * The files {@link #load} reads, in the order it applies them.
     *
     * @throws InstallerException BAD_CONFIG when a given path does not exist or cannot be listed
     */
    public List<Path> files(Optional<Path> configPathOrDir) {
        if (configPathOrDir.isEmpty()) {
            return Files.isDirectory(defaultDir) ? filesOfDir(defaultDir) : List.of();
        }
        Path given = configPathOrDir.get();
        if (Files.isDirectory(given)) {
            return filesOfDir(given);
        }
        if (!Files.isRegularFile(given)) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "config path " + given
                    + " does not exist (or is not a file or directory): give an existing config.yaml or config directory");
        }
        List<Path> files = new ArrayList<>(List.of(given));
        Path parent = given.toAbsolutePath().getParent();
        if (given.getFileName().toString().equals(MAIN_FILE) && parent != null) {
            files.addAll(dropIns(parent.resolve(DROP_IN_DIR)));
        }
        return files;
    }

    private static List<Path> filesOfDir(Path dir) {
        List<Path> files = new ArrayList<>();
        Path main = dir.resolve(MAIN_FILE);
        if (Files.isRegularFile(main)) {
            files.add(main);
        }
        files.addAll(dropIns(dir.resolve(DROP_IN_DIR)));
        if (files.isEmpty()) {
            LOG.info("config directory {} holds neither {} nor {}/*.yaml", dir, MAIN_FILE, DROP_IN_DIR);
        }
        return files;
    }

    private static List<Path> dropIns(Path dropInDir) {
        if (!Files.isDirectory(dropInDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dropInDir)) {
            List<Path> all = entries.sorted().toList();
            all.stream().filter(p -> !isDropIn(p)).forEach(p -> LOG.info("ignoring {}: only *.yaml files are read", p));
            return all.stream().filter(ConfigLoader::isDropIn).toList();
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.BAD_CONFIG, "cannot list config directory " + dropInDir + ": " + FailureWords.describe(e),
                    e.toString(), e);
        }
    }

    private static boolean isDropIn(Path path) {
        return path.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(path);
    }
}
