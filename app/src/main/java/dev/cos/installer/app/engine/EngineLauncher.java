package dev.cos.installer.app.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the GUI starts the engine: the {@code cos-installer} launcher, through {@code pkexec} when the
 * GUI is not root (the polkit policy under packaging/polkit names the launcher's installed path).
 *
 * @param engine the engine launcher's real path (pkexec matches the policy's exec.path against it exactly)
 * @param viaPkexec whether the engine is started through pkexec
 */
public record EngineLauncher(Path engine, boolean viaPkexec) {

    /** Where a .deb or the live ISO installs the engine launcher. */
    public static final Path INSTALLED_ENGINE = Path.of("/usr/lib/cos-installer/bin/cos-installer");

    /** pkexec's exit codes: the user dismissed the authentication dialog, or is not authorized. */
    public static final int PKEXEC_DISMISSED = 126;
    public static final int PKEXEC_NOT_AUTHORIZED = 127;

    public EngineLauncher {
        Objects.requireNonNull(engine, "engine");
    }

    /**
     * Finds the engine: {@code -Dcos.engine=PATH}, else {@code $COS_INSTALLER_ENGINE}, else the installed
     * launcher, else the source tree's {@code installer-core/bin/cos-installer} seen from the working
     * directory (so {@code mvn -pl app javafx:run} works in a checkout).
     *
     * @param isRoot whether this process runs as root (then no pkexec)
     * @throws EngineException ENGINE_MISSING naming every place looked at
     */
    public static EngineLauncher locate(Optional<String> property, Map<String, String> env, Path workingDirectory,
            boolean isRoot, Predicate<Path> exists) throws EngineException {
        List<Path> candidates = new ArrayList<>();
        property.filter(p -> !p.isBlank()).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(env.get("COS_INSTALLER_ENGINE")).filter(p -> !p.isBlank()).map(Path::of).ifPresent(candidates::add);
        candidates.add(INSTALLED_ENGINE);
        candidates.add(workingDirectory.resolve("installer-core/bin/cos-installer"));
        candidates.add(workingDirectory.resolve("../installer-core/bin/cos-installer"));
        for (Path candidate : candidates) {
            if (exists.test(candidate)) {
                return new EngineLauncher(realPath(candidate), !isRoot);
            }
        }
        throw new EngineException("ENGINE_MISSING", 1, "The installer engine (cos-installer) was not found. "
                + "Install the cos-installer package, or build the project with: mvn package",
                "looked at: " + candidates);
    }

    /** The system default: this process's properties, environment and user. */
    public static EngineLauncher locate() throws EngineException {
        return locate(Optional.ofNullable(System.getProperty("cos.engine")), System.getenv(),
                Path.of("").toAbsolutePath(), CurrentUser.isRoot(), Files::isRegularFile);
    }

    /** The full command line for engine arguments {@code args}. */
    public List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        if (viaPkexec) {
            argv.add("pkexec");
        }
        argv.add(engine.toString());
        argv.addAll(args);
        return List.copyOf(argv);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
