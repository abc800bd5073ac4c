package dev.cos.installer.source;

import dev.cos.installer.model.ByteSize;
import dev.cos.installer.state.ImageRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scan learnt about a source.
 *
 * @param uri the source as state.yaml records it
 * @param sha256 lower-case hex SHA-256 of the source file; for a directory, of its canonical
 *     manifest (paths, types, modes, owners, sizes, link targets and content digests)
 * @param sourceBytes the file's size; for a directory the sum of its regular files' sizes
 * @param treeSize a conservative apparent size of the unpacked tree: regular file bytes plus 4 KiB
 *     per directory, symlink, hard link or other entry (ext image: blocks in use plus 4 KiB per inode)
 * @param entryCount entries below the root (ext image: inodes in use outside the reserved ones)
 * @param osRelease the tree's os-release, when the scan can read it (directories and tar archives)
 * @param tag a container image's tag, recorded beside its pinned reference as the name it came from
 */
public record SourceFacts(String uri, String sha256, long sourceBytes, ByteSize treeSize, long entryCount,
        Optional<OsRelease> osRelease, Optional<String> tag) {

    /** The inode overhead counted per non-regular entry in {@link #treeSize}. */
    public static final long BYTES_PER_INODE = 4096;

    public SourceFacts {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(treeSize, "treeSize");
        Objects.requireNonNull(osRelease, "osRelease");
        Objects.requireNonNull(tag, "tag");
    }

    /** A scan's facts: no tag. */
    public SourceFacts(String uri, String sha256, long sourceBytes, ByteSize treeSize, long entryCount,
                       Optional<OsRelease> osRelease) {
        this(uri, sha256, sourceBytes, treeSize, entryCount, osRelease, Optional.empty());
    }

    /** The same facts recorded under another URI: a downloaded file is recorded as the URL it came from. */
    public SourceFacts withUri(String recordedUri) {
        return new SourceFacts(recordedUri, sha256, sourceBytes, treeSize, entryCount, osRelease, tag);
    }

    /** The state.yaml record of an image built from this source. */
    public ImageRecord imageRecord(Optional<String> label, String fs) {
        return new ImageRecord(uri, "sha256:" + sha256, sourceBytes, label, fs, tag);
    }

    /**
     * The facts of the tree a container image was pulled into, recorded as the image: its pinned
     * reference, its manifest digest (what a registry is asked for, and what the tray compares), its
     * compressed size and its tag. Tree size, entries and os-release stay the scan's.
     */
    public SourceFacts pulledFrom(PinnedImage image) {
        return new SourceFacts(image.uri(), image.digest().hex(), image.compressedBytes(), treeSize, entryCount, osRelease,
                image.tag());
    }
}
