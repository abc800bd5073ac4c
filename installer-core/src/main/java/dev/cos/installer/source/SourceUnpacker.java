package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandFailedException;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.process.OutputListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Makes a source available as a root tree with all its metadata (owners, modes, links, devices,
 * times, xattrs). A directory is used in place. Anything else is unpacked inside a private work
 * directory that this class creates (root-only, 0700: an unpacked tree holds setuid programs and
 * device nodes, and nobody else may reach them before they are inside an image) and removes again
 * in one {@code rm} (so a dry run, which runs no command, leaves nothing that later cleanup trips
 * over). A source file is first copied there and checked against its scan; then an archive or
 * squashfs is extracted from the copy, or the copy of an ext image is loop-mounted read-only,
 * nosuid, nodev, noexec. Callers scan first ({@link SourceScanner}); extraction still relies on GNU
 * tar's own refusal to write outside its directory.
 */
public final class SourceUnpacker {

    static final String TAR_TREE = "tar-source";
    static final String SQUASHFS_TREE = "squashfs-source";
    static final String EXT_MOUNT = "ext-source";
    /** An ext source is only read: its setuid programs, devices and binaries do nothing from there. */
    static final List<String> EXT_MOUNT_OPTIONS = List.of("ro", "nosuid", "nodev", "noexec", "loop");
    static final Set<PosixFilePermission> WORK_DIR_MODE = PosixFilePermissions.fromString("rwx------");

    /** The private copy of a source file, beside the tree unpacked from it. */
    static final String SOURCE_COPY = "source";

    private final CommandRunner runner;
    private final Mounter mounter;
    private final SourceCopier copier;

    public SourceUnpacker(CommandRunner runner, Mounter mounter) {
        this(runner, mounter, SourceCopier.files());
    }

    public SourceUnpacker(CommandRunner runner, Mounter mounter, SourceCopier copier) {
        this.runner = runner;
        this.mounter = mounter;
        this.copier = copier;
    }

    /**
     * Unpacks {@code source} below {@code workDir}, which must not exist yet (a leftover is not
     * ours to reuse: its owner or mode may have been changed): it is created mode 0700 and its
     * removal pushed first, so it runs after the unmount of an ext source.
     * <p>
     * A source file is read once more after its scan, and could have been rewritten in between by
     * whoever owns it. So it is first copied into the work directory, hashed as it is copied, and
     * refused unless that digest is the scan's: what is unpacked is then exactly what the scan
     * validated, and nobody else can change the copy. (Streaming it into tar would need no room
     * for the copy, but squashfs and ext images are read by path, and the loop mount of an ext
     * image reads the file for as long as it is mounted.)
     *
     * @param scanned the scan of {@code source}: its digest, and its tree size for progress
     * @param progress bytes copied, then bytes of a tar archive's (uncompressed) stream extracted
     * @return the root of the tree; valid until {@code cleanup} unwinds
     * @throws InstallerException SOURCE when the copy differs from the scan or extraction fails,
     *     MOUNT when the ext image cannot be mounted, INTERNAL when the work directory cannot be made
     */
    public Path unpack(ImageSource source, SourceFacts scanned, Path workDir, CleanupStack cleanup, ByteProgress progress) {
        if (source instanceof DirectorySource directory) {
            return directory.path();
        }
        createPrivateDirectory(workDir);
        // rm does not follow symlinks, and stays on this filesystem should a mount be left inside.
        cleanup.push("remove the work directory " + workDir,
                () -> runner.run("rm", "-rf", "--one-file-system", "--", workDir.toString()));
        long copyBytes = scanned.sourceBytes();
        long total = copyBytes + scanned.treeSize().bytes();
        Path copy = workDir.resolve(SOURCE_COPY);
        copier.copyVerified(source.path(), copy, scanned.sha256(), (done, size) -> progress.update(done, total));
        ByteProgress extracted = (done, size) -> progress.update(copyBytes + done, total);
        if (source instanceof TarArchiveSource) {
            Path dest = workDir.resolve(TAR_TREE);
            createDirectory(dest);
            extract(source, tarArgv(copy, dest), tarCheckpoints(extracted, scanned.treeSize().bytes()));
            deleteCopy(copy);
            return dest;
        }
        if (source instanceof SquashfsSource) {
            Path dest = workDir.resolve(SQUASHFS_TREE);
            // unsquashfs makes DEST itself and gives it the root inode's owner and mode.
            extract(source, unsquashfsArgv(copy, dest), OutputListener.NONE);
            deleteCopy(copy);
            return dest;
        }
        return mountExtImage(copy, workDir.resolve(EXT_MOUNT), cleanup);
    }

    /**
     * GNU tar (1.34) keeping everything a root filesystem needs. It detects the compression
     * itself, refuses members with '..', strips leading '/', and defers symlinks that point
     * outside so nothing is extracted through them. SELinux labels travel as security.* xattrs.
     */
    static List<String> tarArgv(Path archive, Path dest) {
        return List.of("tar", "--extract", "--file", archive.toString(), "--directory", dest.toString(),
                "--numeric-owner", "--same-owner", "--preserve-permissions",
                "--xattrs", "--xattrs-include=*", "--acls",
                "--checkpoint=" + CHECKPOINT_RECORDS, "--checkpoint-action=echo=%u");
    }

    /** unsquashfs (4.5+) refuses names with '/' or '..' and writes nothing outside DEST. */
    static List<String> unsquashfsArgv(Path image, Path dest) {
        return List.of("unsquashfs", "-n", "-d", dest.toString(), image.toString());
    }

    /** tar prints "tar: N" every CHECKPOINT_RECORDS records of 10 KiB: about every 2 MiB. */
    static final int CHECKPOINT_RECORDS = 200;
    static final long TAR_RECORD_BYTES = 10240;
    private static final java.util.regex.Pattern CHECKPOINT = java.util.regex.Pattern.compile("^tar: (\\d+)$");

    static OutputListener tarCheckpoints(ByteProgress progress, long expectedBytes) {
        return line -> {
            java.util.regex.Matcher m = CHECKPOINT.matcher(line);
            if (m.matches()) {
                long done = Long.parseLong(m.group(1)) * TAR_RECORD_BYTES;
                progress.update(Math.min(done, expectedBytes), expectedBytes);
            }
        };
    }

    private Path mountExtImage(Path image, Path mountPoint, CleanupStack cleanup) {
        createDirectory(mountPoint);
        try {
            mounter.mount(image.toString(), mountPoint, "", EXT_MOUNT_OPTIONS);
        } catch (CommandFailedException e) {
            throw new InstallerException(ErrorCode.MOUNT, "cannot mount ext image " + image + " read-only at "
                    + mountPoint + ": " + e.getMessage() + ". Check that it is an ext2/3/4 image this kernel can read.",
                    e.result().stderr(), e);
        }
        cleanup.push("unmount " + mountPoint, () -> mounter.unmount(mountPoint));
        return mountPoint;
    }

    private void extract(ImageSource source, List<String> argv, OutputListener output) {
        try {
            runner.run(Command.of(argv), output);
        } catch (CommandFailedException e) {
            throw new InstallerException(ErrorCode.SOURCE, "extracting " + source.description() + " " + source.path()
                    + " failed: " + e.getMessage(), e.result().stdout() + e.result().stderr(), e);
        }
    }

    /** The tree is out: the copy's room is free for the images built next. (A dry run made none.) */
    private static void deleteCopy(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot remove " + copy + ": " + FailureWords.describe(e),
                    e.toString(), e);
        }
    }

    /**
     * Makes {@code dir} (its parent may be missing) owned by this process's user (root) and mode
     * 0700, whatever the umask; refuses one that exists, a symlink included.
     */
    private static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw cannotCreate(dir.getParent(), e);
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallerException(ErrorCode.INTERNAL, "the work directory " + dir
                    + " already exists: remove it (it is left from an interrupted run), or use a fresh work directory");
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(WORK_DIR_MODE));
            Files.setPosixFilePermissions(dir, WORK_DIR_MODE);
        } catch (IOException e) {
            throw cannotCreate(dir, e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw cannotCreate(dir, e);
        }
    }

    private static InstallerException cannotCreate(Path dir, IOException e) {
        return new InstallerException(ErrorCode.INTERNAL, "cannot create " + dir + ": " + FailureWords.describe(e)
                + ". Check that the filesystem is writable and has room.", e.toString(), e);
    }
}
