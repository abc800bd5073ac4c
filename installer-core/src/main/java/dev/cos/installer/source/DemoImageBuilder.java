package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The bundled demo OS image: {@code packaging/demo-image/build-demo-image.sh} builds its root tree
 * (or finds it in its cache) and prints the tree's path on its last stdout line. The source of an
 * install that names none.
 */
public final class DemoImageBuilder {

    /** System property naming the script; wins over the environment variable. */
    public static final String SCRIPT_PROPERTY = "cos.demoImageScript";
    /** Environment variable naming the script; the launcher (bin/cos-installer) sets it. */
    public static final String SCRIPT_ENV = "COS_DEMO_IMAGE_SCRIPT";
    static final String RELATIVE_PATH = "packaging/demo-image/build-demo-image.sh";

    private final CommandRunner runner;
    private final Optional<Path> script;

    public DemoImageBuilder(CommandRunner runner, Optional<Path> script) {
        this.runner = runner;
        this.script = script;
    }

    /**
     * Where the script is: the system property, else the environment variable, else the first of
     * {@code searchFrom} (and their parents) that holds packaging/demo-image/build-demo-image.sh.
     */
    public static Optional<Path> locate(UnaryOperator<String> property, UnaryOperator<String> env, List<Path> searchFrom) {
        for (String named : new String[] {property.apply(SCRIPT_PROPERTY), env.apply(SCRIPT_ENV)}) {
            if (named != null && !named.isBlank()) {
                return Optional.of(Path.of(named));
            }
        }
        for (Path start : searchFrom) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(RELATIVE_PATH);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** From this process: its properties, environment, working directory and jar location. */
    public static DemoImageBuilder system(CommandRunner runner) {
        List<Path> searchFrom = new ArrayList<>(List.of(Path.of("")));
        try {
            searchFrom.add(Path.of(DemoImageBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code location (e.g. a custom class loader): the working directory still counts
        }
        return new DemoImageBuilder(runner, locate(System::getProperty, System::getenv, searchFrom));
    }

    /** Builds (or finds cached) the demo tree and returns its path; SOURCE error when it cannot. */
    public String build() {
        Path found = script.orElseThrow(() -> new InstallerException(ErrorCode.USAGE, "no source given and the demo"
                + " image script (" + RELATIVE_PATH + ") was not found: use --source DIR|ARCHIVE|IMAGE, or set "
                + SCRIPT_ENV));
        if (!Files.isRegularFile(found)) {
            throw new InstallerException(ErrorCode.SOURCE, "the demo image script " + found + " does not exist: use"
                    + " --source DIR|ARCHIVE|IMAGE, or set " + SCRIPT_ENV + " to the script");
        }
        CommandResult result = runner.execute(Command.of("bash", found.toString()));
        List<String> lines = result.stdout().lines().filter(line -> !line.isBlank()).toList();
        if (!result.succeeded() || lines.isEmpty()) {
            String stderr = result.stderr().strip();
            throw new InstallerException(ErrorCode.SOURCE, "building the demo image with " + found + " failed (exit "
                    + result.exitCode() + ")" + (stderr.isEmpty() ? "" : ": " + stderr.lines().reduce((a, b) -> b).orElse(""))
                    + "; give a source with --source", "stdout:\n" + result.stdout() + "\nstderr:\n" + result.stderr());
        }
        return lines.get(lines.size() - 1).strip();
    }
}
