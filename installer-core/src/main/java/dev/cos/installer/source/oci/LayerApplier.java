package dev.cos.installer.source.oci;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.process.NativeFiles;
import dev.cos.installer.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one image layer (a tar, plain, gzip or zstd by its media type) onto a root tree, as
 * container runtimes do: OCI whiteouts ({@code .wh.NAME}, opaque {@code .wh..wh..opq}) remove what
 * LOWER layers put there, never what this layer adds; entries keep owners, modes with
 * setuid/setgid/sticky, times, xattrs (security.capability included, as raw bytes), hard links,
 * symlinks, devices and fifos. Safety as for tar sources: a name with '..' or an absolute name is
 * refused, symlinks on the way are resolved inside the tree ({@link TreePaths}), and an entry
 * replaces a symlink at its place instead of writing through it.
 */
public final class LayerApplier {

    private static final Logger LOG = LoggerFactory.getLogger(LayerApplier.class);
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final NativeFiles files;

    public LayerApplier(NativeFiles files) {
        this.files = files;
    }

    /** The tree root's own metadata, as a layer's {@code ./} entry gives it. */
    public record RootAttributes(int mode, int uid, int gid, Instant modified, Map<String, byte[]> xattrs) {

        /** What a root gets when no layer names it: root's, 0755. */
        public static final RootAttributes DEFAULT = new RootAttributes(0755, 0, 0, Instant.EPOCH, Map.of());
    }

    /**
     * @param blob the layer as stored (compressed); read to its end, so that a {@link BlobStreams}
     *     stream checks the digest: what was applied before a mismatch is found is in the tree, which
     *     the caller then discards
     * @param mediaType the layer's media type: says how it is compressed
     * @param tree the root tree the lower layers were applied to
     * @param what the layer for messages ("layer 2 of 3 of ...")
     * @return the metadata this layer gives the tree root ({@code ./}), if it has such an entry: the
     *     root itself keeps its private mode until the caller applies it with {@link #applyRoot}
     * @throws InstallerException SOURCE for an unsafe or damaged layer, INTERNAL when the tree cannot be written
     */
    public Optional<RootAttributes> apply(InputStream blob, String mediaType, Path tree, String what) {
        try {
            PaxXattrs xattrs = new PaxXattrs(decompress(blob, mediaType, what));
            Optional<RootAttributes> root;
            try (TarArchiveInputStream tar = new TarArchiveInputStream(xattrs, "UTF-8")) {
                root = new Layer(tree, what, tar, xattrs).apply();
                // The rest (end-of-archive blocks, the compressor's trailer) is read too: the digest is
                // checked at the blob's end.
                tar.transferTo(OutputStream.nullOutputStream());
                xattrs.transferTo(OutputStream.nullOutputStream());
                blob.transferTo(OutputStream.nullOutputStream());
            }
            return root;
        } catch (InstallerException e) {
            throw e;
        } catch (IOException e) {
            // A damaged blob often breaks its decompression before its end, where the digest is checked:
            // read it to the end, so that the refusal names the digest it should have and the one it has.
            try {
                blob.transferTo(OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException drained) {
                if (drained instanceof InstallerException mismatch) {
                    throw mismatch;
                }
                e.addSuppressed(drained);
            }
            throw new InstallerException(ErrorCode.SOURCE, what + " could not be applied: " + FailureWords.describe(e)
                    + ". The image is damaged, or the work directory's filesystem is full or lacks a feature"
                    + " (xattrs, device nodes): check it and try again", e.toString(), e);
        }
    }

    /** Gives the tree root its final metadata, once every layer is in. */
    public void applyRoot(Path tree, RootAttributes root) {
        try {
            files.lchown(tree, root.uid(), root.gid());
            files.chmod(tree, root.mode());
            for (Map.Entry<String, byte[]> xattr : root.xattrs().entrySet()) {
                files.lsetxattr(tree, xattr.getKey(), xattr.getValue());
            }
            files.lutimes(tree, root.modified(), root.modified());
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INTERNAL, "cannot set the owner and mode of " + tree + ": "
                    + FailureWords.describe(e), e.toString(), e);
        }
    }

    private static InputStream decompress(InputStream blob, String mediaType, String what) throws IOException {
        String type = mediaType.replace(".nondistributable", "");
        return switch (type) {
            case MediaTypes.OCI_LAYER, MediaTypes.DOCKER_LAYER -> blob;
            case MediaTypes.OCI_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP -> new GzipCompressorInputStream(blob, true);
            case MediaTypes.OCI_LAYER_ZSTD -> new ZstdCompressorInputStream(blob);
            default -> throw new InstallerException(ErrorCode.SOURCE, what + " has the media type '" + mediaType
                    + "', which is not a layer this installer reads (tar, tar+gzip or tar+zstd)");
        };
    }

    /** One layer being applied: what it wrote so far, so that its whiteouts spare it. */
    private final class Layer {

        private final Path tree;
        private final String what;
        private final TarArchiveInputStream tar;
        private final PaxXattrs xattrs;
        /** Paths this layer wrote, and their directories: whiteouts and opaque directories spare them. */
        private final Set<Path> kept = new HashSet<>();
        /** Directories' times are set at the end: entries written into them later change them. */
        private final List<Runnable> directoryTimes = new ArrayList<>();
        private Optional<RootAttributes> root = Optional.empty();

        Layer(Path tree, String what, TarArchiveInputStream tar, PaxXattrs xattrs) {
            this.tree = tree;
            this.what = what;
            this.tar = tar;
            this.xattrs = xattrs;
        }

        Optional<RootAttributes> apply() throws IOException {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                try {
                    entry(entry, xattrs.next());
                } catch (InvalidPathException e) {
                    // Java encodes names with the locale the JVM started in: under LANG=C only ASCII names can be made.
                    throw new InstallerException(ErrorCode.INTERNAL, what + " has the file name " + entry.getName()
                            + ", which the installer cannot write in the character set of the locale it runs in ("
                            + System.getProperty("sun.jnu.encoding") + "): start it with a UTF-8 locale, e.g. LANG=C.UTF-8",
                            e.toString(), e);
                }
            }
            for (int i = directoryTimes.size() - 1; i >= 0; i--) {
                directoryTimes.get(i).run();
            }
            return root;
        }

        private void entry(TarArchiveEntry entry, Map<String, byte[]> attributes) throws IOException {
            String name = entry.getName();
            List<String> parts = TreePaths.components(name);
            if (name.startsWith("/") || parts.contains("..")) {
                throw refused(name, name.startsWith("/") ? "has an absolute name" : "has a '..' component in its name");
            }
            if (parts.isEmpty()) {
                root = Optional.of(new RootAttributes(entry.getMode() & 07777, (int) entry.getLongUserId(),
                        (int) entry.getLongGroupId(), entry.getLastModifiedTime().toInstant(), attributes));
                return;
            }
            String base = parts.get(parts.size() - 1);
            List<String> parent = parts.subList(0, parts.size() - 1);
            if (base.startsWith(WHITEOUT)) {
                whiteout(parent, base);
                return;
            }
            Path dir;
            try {
                dir = TreePaths.makeDirectory(tree, parent);
            } catch (TreePaths.NotADirectory e) {
                throw refused(name, "lies below " + tree.relativize(e.path) + ", which is not a directory");
            }
            write(entry, dir.resolve(base), attributes);
        }

        private void whiteout(List<String> parent, String base) throws IOException {
            Optional<Path> dir = TreePaths.directory(tree, parent);
            if (dir.isEmpty()) {
                return;   // nothing below there to hide
            }
            if (base.equals(OPAQUE)) {
                keep(dir.get());
                deleteLower(dir.get());
            } else if (!base.startsWith(WHITEOUT + WHITEOUT)) {   // other .wh..wh. names are aufs' own bookkeeping
                Path hidden = dir.get().resolve(base.substring(WHITEOUT.length()));
                if (!Files.exists(hidden, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                if (kept.contains(hidden)) {
                    deleteLower(hidden);
                } else {
                    Trees.deleteOrFail(hidden);
                }
            }
        }

        /** Removes below {@code dir} what lower layers put there, keeping what this layer wrote. */
        private void deleteLower(Path dir) throws IOException {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    if (kept.contains(child)) {
                        deleteLower(child);
                    } else {
                        Trees.deleteOrFail(child);
                    }
                }
            }
        }

        private void keep(Path path) {
            for (Path p = path; p != null && p.startsWith(tree) && kept.add(p); p = p.getParent()) {
                // every directory up to the tree is kept too
            }
        }

        private void write(TarArchiveEntry entry, Path target, Map<String, byte[]> attributes) throws IOException {
            boolean existingDirectory = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
            if (!(entry.isDirectory() && existingDirectory) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Trees.deleteOrFail(target);   // replaced, never written through (a symlink there included)
            }
            keep(target);
            if (entry.isDirectory()) {
                if (!existingDirectory) {
                    Files.createDirectory(target);
                }
                metadata(entry, target, attributes, false);
                Instant modified = entry.getLastModifiedTime().toInstant();
                Instant accessed = accessed(entry);
                directoryTimes.add(() -> times(target, accessed, modified));
            } else if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                metadata(entry, target, attributes, true);
            } else if (entry.isLink()) {
                hardLink(entry, target);
            } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                int type = entry.isCharacterDevice() ? NativeFiles.S_IFCHR
                        : entry.isBlockDevice() ? NativeFiles.S_IFBLK : NativeFiles.S_IFIFO;
                files.mknod(target, type, 0600, entry.getDevMajor(), entry.getDevMinor());
                metadata(entry, target, attributes, false);
            } else if (entry.isFile()) {
                Files.copy(tar, target);
                metadata(entry, target, attributes, false);
            } else {
                LOG.warn("{}: skipped {} (tar entry type '{}' is not a file type)", what, entry.getName(),
                        (char) entry.getLinkFlag());
            }
        }

        private void hardLink(TarArchiveEntry entry, Path target) throws IOException {
            String linkName = entry.getLinkName();
            List<String> parts = TreePaths.components(linkName);
            if (linkName.startsWith("/") || parts.contains("..") || parts.isEmpty()) {
                throw refused(entry.getName(), "is a hard link whose target (" + linkName + ") leaves the tree");
            }
            Optional<Path> dir = TreePaths.directory(tree, parts.subList(0, parts.size() - 1));
            Path existing = dir.map(d -> d.resolve(parts.get(parts.size() - 1))).orElse(null);
            if (existing == null || !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)
                    || Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(entry.getName(), "is a hard link to " + linkName + ", which is not a file in the tree");
            }
            Files.createLink(target, existing);
        }

        /** Owner first (a chown clears setuid bits and security.capability), then mode, xattrs and times. */
        private void metadata(TarArchiveEntry entry, Path target, Map<String, byte[]> attributes, boolean symlink)
                throws IOException {
            files.lchown(target, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
            if (!symlink) {
                files.chmod(target, entry.getMode() & 07777);
            }
            for (Map.Entry<String, byte[]> xattr : attributes.entrySet()) {
                files.lsetxattr(target, xattr.getKey(), xattr.getValue());
            }
            if (!entry.isDirectory()) {
                files.lutimes(target, accessed(entry), entry.getLastModifiedTime().toInstant());
            }
        }

        private void times(Path target, Instant accessed, Instant modified) {
            try {
                files.lutimes(target, accessed, modified);
            } catch (IOException e) {
                throw new InstallerException(ErrorCode.INTERNAL, "cannot set the times of " + target + ": "
                        + FailureWords.describe(e), e.toString(), e);
            }
        }

        private static Instant accessed(TarArchiveEntry entry) {
            return entry.getLastAccessTime() != null ? entry.getLastAccessTime().toInstant()
                    : entry.getLastModifiedTime().toInstant();
        }

        private InstallerException refused(String name, String problem) {
            return new InstallerException(ErrorCode.SOURCE, what + " is refused: its entry " + name + " " + problem
                    + ". The image is unsafe or damaged; nothing of it is installed");
        }
    }
}
