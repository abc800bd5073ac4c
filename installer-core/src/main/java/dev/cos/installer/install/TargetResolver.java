package dev.cos.installer.install;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.tools.DiskTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the target before anything is written and reads its size. Read-only: it runs only
 * probing commands (blockdev, losetup --associated).
 */
public final class TargetResolver {

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private final CommandRunner runner;
    private final TargetGuard guard;
    private final CallerAccess access;

    /** @param access what the user who asked may open: an image file is used only if they may write it */
    public TargetResolver(CommandRunner runner, TargetGuard guard, CallerAccess access) {
        this.runner = runner;
        this.guard = guard;
        this.access = access;
    }

    public ResolvedTarget resolve(InstallSpec spec) {
        Path path = Path.of(spec.target()).toAbsolutePath().normalize();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            return newFile(spec, path);
        }
        if (isBlockDevice(path)) {
            return blockDevice(spec, path);
        }
        if (Files.isSymbolicLink(path)) {
            // A link is followed when it is opened, not when it was checked: its target could change in between.
            throw new InstallerException(ErrorCode.ACCESS_DENIED, "target " + path + " is a symbolic link: give the image"
                    + " file's own path (a link could point elsewhere by the time it is opened)");
        }
        if (!Files.isRegularFile(path)) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + path
                    + " is neither a block device nor a disk image file: give a disk such as /dev/sdX or an image file");
        }
        access.requireReadWrite(path, "target image file");
        return existingFile(spec, path);
    }

    private ResolvedTarget newFile(InstallSpec spec, Path path) {
        if (spec.createSize().isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + path
                    + " does not exist: to create a disk image file there, give its size, e.g. --size 8G");
        }
        Path parent = path.getParent();
        if (parent != null) {
            access.requireCreatableIn(parent, "directory of the target image file");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot create " + path + ": directory " + parent
                    + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot create " + path + ": directory " + parent
                    + " is not writable");
        }
        return new ResolvedTarget(TargetKind.NEW_FILE, path, spec.createSize().get(), 512);
    }

    private ResolvedTarget existingFile(InstallSpec spec, Path path) {
        if (spec.createSize().isPresent()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + path + " already exists, so --size "
                    + spec.createSize().get() + " cannot create it: drop --size to install onto it as it is, or remove it first");
        }
        if (!spec.assumeYes()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + path
                    + " already exists and everything on it will be erased: add --yes to confirm");
        }
        if (!Files.isWritable(path)) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + path + " is not writable");
        }
        String attached = runner.run(Command.of("losetup", "--associated", path.toString())).stdout().strip();
        if (!attached.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + path + " is in use: it is attached as "
                    + attached.split(":", 2)[0] + "; detach it first (losetup -d)");
        }
        try {
            return new ResolvedTarget(TargetKind.EXISTING_FILE, path, ByteSize.ofBytes(Files.size(path)), 512);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot read the size of " + path + ": " + FailureWords.describe(e));
        }
    }

    private ResolvedTarget blockDevice(InstallSpec spec, Path path) {
        String device = path.toString();
        List<String> reasons = guard.reasonsNotToUse(device);
        if (!reasons.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "refusing to install to " + device + ": "
                    + String.join("; ", reasons));
        }
        if (!spec.assumeYes()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "everything on " + device
                    + " will be erased: add --yes to confirm");
        }
        long bytes = parseNumber(runner.run(DiskTools.blockdevSize(device)), device);
        int sector = (int) parseNumber(runner.run(DiskTools.blockdevSectorSize(device)), device);
        return new ResolvedTarget(TargetKind.BLOCK_DEVICE, path, ByteSize.ofBytes(bytes), sector);
    }

    private static long parseNumber(CommandResult result, String device) {
        try {
            return Long.parseLong(result.stdout().strip());
        } catch (NumberFormatException e) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot read the size of " + device + ": `"
                    + result.command().display() + "` printed '" + result.stdout().strip() + "'");
        }
    }

    static boolean isBlockDevice(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
