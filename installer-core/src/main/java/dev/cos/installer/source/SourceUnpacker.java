package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.sys.Command;
import dev.cos.installer.sys.CommandFailedException;
import dev.cos.installer.sys.CommandRunner;
import dev.cos.installer.sys.Mounter;
import dev.cos.installer.sys.OutputListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes a source available as a root tree with all its metadata (owners, modes, links, devices,
 * times, xattrs). A directory is used in place; an archive or squashfs is extracted under the work
 * directory and its removal pushed on the cleanup stack; an ext image is loop-mounted read-only and
 * its unmount pushed. Callers scan first ({@link SourceScanner}); extraction still relies on GNU
 * tar's own refusal to write outside its directory.
 */
public final class SourceUnpacker {

    static final String TAR_TREE = "tar-source";
    static final String SQUASHFS_TREE = "squashfs-source";
    static final String EXT_MOUNT = "ext-source";

    private final CommandRunner runner;
    private final Mounter mounter;

    public SourceUnpacker(CommandRunner runner, Mounter mounter) {
        this.runner = runner;
        this.mounter = mounter;
    }

    /**
     * Unpacks {@code source} below {@code workDir} (created if missing).
     *
     * @return the root of the tree; valid until {@code cleanup} unwinds
     * @throws InstallerException SOURCE when extraction fails, MOUNT when the ext image cannot be
     *     mounted, INTERNAL when the work directory cannot be prepared
     */
    public Path unpack(ImageSource source, Path workDir, CleanupStack cleanup) {
        return unpack(source, workDir, cleanup, ByteProgress.NONE, 0);
    }

    /**
     * {@link #unpack(ImageSource, Path, CleanupStack, ByteProgress, long)} below {@code workDir},
     * which is created first; its removal (once empty, after what was unpacked there) is pushed too.
     */
    public Path unpackInWorkDir(ImageSource source, Path workDir, CleanupStack cleanup, ByteProgress progress,
                                long expectedBytes) throws IOException {
        Files.createDirectories(workDir);
        cleanup.push("remove " + workDir, () -> {
            if (Files.isDirectory(workDir, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(workDir);
            }
        });
        return unpack(source, workDir, cleanup, progress, expectedBytes);
    }

    /**
     * {@link #unpack(ImageSource, Path, CleanupStack)}, reporting how many bytes of a tar archive's
     * (uncompressed) stream are extracted so far against {@code expectedBytes}.
     */
    public Path unpack(ImageSource source, Path workDir, CleanupStack cleanup, ByteProgress progress, long expectedBytes) {
        if (source instanceof DirectorySource directory) {
            return directory.path();
        }
        if (source instanceof TarArchiveSource tar) {
            Path dest = workDir.resolve(TAR_TREE);
            createDirectory(dest);
            pushRemoval(dest, cleanup);
            extract(source, tarArgv(tar.path(), dest), tarCheckpoints(progress, expectedBytes));
            return dest;
        }
        if (source instanceof SquashfsSource squashfs) {
            Path dest = workDir.resolve(SQUASHFS_TREE);
            prepareParent(dest);
            pushRemoval(dest, cleanup);
            // unsquashfs makes DEST itself and gives it the root inode's owner and mode.
            extract(source, List.of("unsquashfs", "-n", "-d", dest.toString(), squashfs.path().toString()), OutputListener.NONE);
            return dest;
        }
        return mountExtImage((ExtImageSource) source, workDir.resolve(EXT_MOUNT), cleanup);
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

    private Path mountExtImage(ExtImageSource source, Path mountPoint, CleanupStack cleanup) {
        createDirectory(mountPoint);
        cleanup.push("remove mount point " + mountPoint, () -> Files.deleteIfExists(mountPoint));
        try {
            mounter.mount(source.path().toString(), mountPoint, "", List.of("ro", "loop"));
        } catch (CommandFailedException e) {
            throw new InstallerException(ErrorCode.MOUNT, "cannot mount ext image " + source.path() + " read-only at "
                    + mountPoint + ": " + e.getMessage(), e.result().stderr(), e);
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

    // The tree is ours and temporary; rm does not follow symlinks, and stays on this filesystem
    // should anything have been mounted inside.
    private void pushRemoval(Path tree, CleanupStack cleanup) {
        cleanup.push("remove unpacked tree " + tree, () -> runner.run("rm", "-rf", "--one-file-system", "--", tree.toString()));
    }

    /** Makes the work directory; {@code path} itself must not exist yet (a leftover is not ours to delete). */
    private static void prepareParent(Path path) {
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw cannotCreate(path.getParent(), e);
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new InstallerException(ErrorCode.INTERNAL, "the work directory already holds " + path
                    + ": remove it, or use a fresh work directory");
        }
    }

    private static void createDirectory(Path dir) {
        prepareParent(dir);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw cannotCreate(dir, e);
        }
    }

    private static InstallerException cannotCreate(Path dir, IOException e) {
        return new InstallerException(ErrorCode.INTERNAL, "cannot create " + dir + ": " + e.getMessage(), e.toString(), e);
    }
}
