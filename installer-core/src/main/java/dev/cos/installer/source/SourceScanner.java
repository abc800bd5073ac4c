package dev.cos.installer.source;

import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.process.CommandRunner;

/**
 * Validates and measures a source before anything is unpacked: digest, sizes, entry count and
 * os-release. Tar archives are read in one pass that refuses entries which would land outside the
 * tree and archives that are corrupt or truncated.
 */
public final class SourceScanner {

    private final FilesystemImageScanner images;

    public SourceScanner(CommandRunner runner) {
        this.images = new FilesystemImageScanner(runner);
    }

    /**
     * Scans {@code source}. Reads the whole source; runs on the caller's thread.
     *
     * @param progress bytes of the source read so far (for a directory: bytes of file content)
     * @throws dev.cos.installer.error.InstallerException with
     *     {@link dev.cos.installer.error.ErrorCode#SOURCE} when the source is unreadable, corrupt,
     *     truncated, or holds an entry that would escape the tree
     */
    /**
     * Measures a directory tree without reading its files' content (sizes, entries, os-release): for
     * a tree pulled from a container image, already checked layer by layer.
     */
    public SourceFacts measure(DirectorySource tree, ByteProgress progress) {
        return DirectoryScanner.measure(tree, progress);
    }

    public SourceFacts scan(ImageSource source, ByteProgress progress) {
        if (source instanceof DirectorySource directory) {
            return DirectoryScanner.scan(directory, progress);
        }
        if (source instanceof TarArchiveSource tar) {
            return TarScanner.scan(tar, progress);
        }
        if (source instanceof SquashfsSource squashfs) {
            return images.scanSquashfs(squashfs, progress);
        }
        return images.scanExtImage((ExtImageSource) source, progress);
    }
}
