package dev.cos.installer.source;

import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import java.util.List;
import java.util.Optional;

/**
 * Reads the os-release of a squashfs or ext image without mounting it: {@code unsquashfs -cat} and
 * {@code debugfs -R cat} (which opens the image read-only). The scan of a directory or tar archive
 * already reads os-release, so this is only for the two image kinds.
 */
public final class ImageOsReleaseReader {

    /** Where os-release(5) says to look, in order; /etc/os-release is often a symlink the tools do not follow. */
    static final List<String> PATHS = List.of("etc/os-release", "usr/lib/os-release");

    private final CommandRunner runner;

    public ImageOsReleaseReader(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * The image's os-release, or empty when {@code source} is not a squashfs or ext image or neither
     * file holds an assignment. Never throws for a missing or unreadable file: the name is optional.
     */
    public Optional<OsRelease> read(ImageSource source) {
        for (String path : PATHS) {
            Optional<Command> command = catCommand(source, path);
            if (command.isEmpty()) {
                return Optional.empty();
            }
            CommandResult result = runner.execute(command.get());
            // debugfs exits 0 even when the file is missing: an answer counts only if it has fields.
            if (result.succeeded()) {
                OsRelease release = OsReleaseParser.parse(result.stdout());
                if (release.name().isPresent() || release.versionId().isPresent() || release.prettyName().isPresent()) {
                    return Optional.of(release);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Command> catCommand(ImageSource source, String path) {
        String file = source.path().toString();
        if (source instanceof SquashfsSource) {
            return Optional.of(Command.of("unsquashfs", "-cat", file, path));
        }
        if (source instanceof ExtImageSource) {
            return Optional.of(Command.of("debugfs", "-R", "cat /" + path, file));
        }
        return Optional.empty();
    }
}
