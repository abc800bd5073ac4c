package dev.cos.installer.disk;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link SystemFiles} read from {@code proc/} and {@code sys/} under a root directory. */
public final class RootedSystemFiles implements SystemFiles {

    private static final String DELETED_SUFFIX = " (deleted)";

    private final Path root;

    public RootedSystemFiles(Path root) {
        this.root = root;
    }

    @Override
    public String mountInfo() {
        Path file = root.resolve("proc/self/mountinfo");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL,
                    "cannot read " + file + ", so it is unknown which disks are in use: is /proc mounted?",
                    e.toString(), e);
        }
    }

    @Override
    public String swaps() {
        return readOrEmpty(root.resolve("proc/swaps"));
    }

    @Override
    public String kernelCommandLine() {
        return readOrEmpty(root.resolve("proc/cmdline")).strip();
    }

    @Override
    public List<String> holders(String kernelName) {
        Path dir = device(kernelName).resolve("holders");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot list " + dir + ": " + FailureWords.describe(e), e.toString(), e);
        }
    }

    @Override
    public boolean readOnly(String kernelName) {
        return readOrEmpty(device(kernelName).resolve("ro")).strip().equals("1");
    }

    @Override
    public Optional<String> loopBackingFile(String kernelName) {
        String file = readOrEmpty(device(kernelName).resolve("loop/backing_file")).strip();
        // The kernel appends " (deleted)" when the image was removed while attached.
        if (file.endsWith(DELETED_SUFFIX)) {
            file = file.substring(0, file.length() - DELETED_SUFFIX.length());
        }
        return file.isEmpty() ? Optional.empty() : Optional.of(file);
    }

    private Path device(String kernelName) {
        if (kernelName.isEmpty() || kernelName.contains("/") || kernelName.startsWith(".")) {
            throw new IllegalArgumentException("not a kernel device name: '" + kernelName + "'");
        }
        return root.resolve("sys/class/block").resolve(kernelName);
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot read " + file + ": " + FailureWords.describe(e), e.toString(), e);
        }
    }
}
