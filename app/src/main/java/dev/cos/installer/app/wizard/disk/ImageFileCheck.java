package dev.cos.installer.app.wizard.disk;

import dev.cos.installer.app.Messages;
import dev.cos.installer.model.ByteSize;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates the disk image file choice: its path (absolute, not a directory, its directory existing
 * or creatable by this user) and its size (a size the engine reads, at least the engine's minimum).
 * Reads file metadata only (no writes).
 */
final class ImageFileCheck {

    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*");

    /** A valid choice: the file and its size in whole MiB (what the engine's --size gets). */
    record Valid(Path file, long sizeBytes, boolean exists) {}

    /** The outcome: a valid choice or the message naming the problem and the fix. */
    sealed interface Result {
        record Ok(Valid valid) implements Result {}

        record Problem(String message) implements Result {}
    }

    private ImageFileCheck() {}

    static Result check(String pathText, String sizeText, long minimumBytes) {
        String trimmed = pathText == null ? "" : pathText.strip();
        if (trimmed.isEmpty()) {
            return new Result.Problem(Messages.get("disk.image.problem.no-path"));
        }
        Path file;
        try {
            file = Path.of(trimmed);
        } catch (InvalidPathException e) {
            return new Result.Problem(Messages.get("disk.image.problem.bad-path", trimmed));
        }
        if (!file.isAbsolute()) {
            return new Result.Problem(Messages.get("disk.image.problem.relative", trimmed));
        }
        if (Files.isDirectory(file)) {
            return new Result.Problem(Messages.get("disk.image.problem.directory", file, file.resolve("cos.img")));
        }
        Optional<String> parentProblem = parentProblem(file);
        if (parentProblem.isPresent()) {
            return new Result.Problem(parentProblem.get());
        }
        Optional<Long> size = parseSize(sizeText);
        if (size.isEmpty()) {
            return new Result.Problem(Messages.get("disk.image.problem.size-not-a-size", sizeText == null ? "" : sizeText.strip()));
        }
        long bytes = size.get() / ByteSize.MIB * ByteSize.MIB;
        if (bytes < minimumBytes) {
            return new Result.Problem(Messages.get("disk.image.problem.size-too-small", ByteSize.ofBytes(bytes).human(),
                    ByteSize.ofBytes(minimumBytes).human(), ByteSize.ofBytes(minimumBytes).mibRoundedUp() / 1024.0));
        }
        return new Result.Ok(new Valid(file, bytes, Files.exists(file)));
    }

    /**
     * "8G", "8 GiB", "8192M"; a bare number means GiB (no one means 8 bytes). Empty when it is not a
     * size.
     */
    static Optional<Long> parseSize(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String input = BARE_NUMBER.matcher(text).matches() ? text.strip() + "G" : text;
        try {
            return Optional.of(ByteSize.parse(input).bytes());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The directory must exist, or its nearest existing ancestor must be a directory this user may write. */
    private static Optional<String> parentProblem(Path file) {
        Path parent = file.getParent();
        if (parent == null) {
            return Optional.of(Messages.get("disk.image.problem.no-parent", file));
        }
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return Optional.of(Messages.get("disk.image.problem.parent-not-directory", parent, existing == null ? parent : existing));
        }
        if (!Files.isWritable(existing)) {
            return Optional.of(Messages.get("disk.image.problem.parent-not-writable", parent, existing));
        }
        return Optional.empty();
    }
}
