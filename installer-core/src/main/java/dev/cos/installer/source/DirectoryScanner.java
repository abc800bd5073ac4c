package dev.cos.installer.source;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.model.ByteSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scans a directory tree without following symlinks. Its digest is the SHA-256 of a canonical
 * manifest: one record per entry, sorted by relative path, of path, type, mode, uid, gid, size,
 * device number, symlink target and content SHA-256; so it changes when content or metadata does
 * (mtimes are left out: copying a tree must not change its identity).
 */
final class DirectoryScanner {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private DirectoryScanner() {
    }

    /** One entry of the tree, with the metadata the manifest records. */
    private record Entry(String relativePath, Path path, int mode, int uid, int gid, long sizeBytes, long rdev) {

        boolean isRegular() {
            return (mode & S_IFMT) == S_IFREG;
        }

        boolean isSymlink() {
            return (mode & S_IFMT) == S_IFLNK;
        }
    }

    static SourceFacts scan(DirectorySource source, ByteProgress progress) {
        return scan(source, progress, true);
    }

    /**
     * Sizes, entries and os-release without reading file content: for a tree pulled from a container
     * image, whose layers were checked against their digests as they streamed and which is recorded
     * by its manifest digest. The facts' sha256 is then that of the metadata manifest only.
     */
    static SourceFacts measure(DirectorySource source, ByteProgress progress) {
        return scan(source, progress, false);
    }

    private static SourceFacts scan(DirectorySource source, ByteProgress progress, boolean hashContent) {
        Path root = source.path();
        List<Entry> entries = list(root);
        long contentBytes = entries.stream().filter(Entry::isRegular).mapToLong(Entry::sizeBytes).sum();
        MessageDigest manifest = HashingInputStream.sha256();
        long treeBytes = 0;
        long done = 0;
        for (Entry entry : entries) {
            String target = "";
            String contentSha = "";
            if (entry.isRegular()) {
                long base = done;
                contentSha = hashContent ? digestContent(entry, (read, total) -> progress.update(base + read, contentBytes)) : "";
                done += entry.sizeBytes();
                treeBytes += entry.sizeBytes();
            } else {
                // The root is in the manifest (its owner and mode matter) but, as elsewhere, not an entry.
                treeBytes += entry.relativePath().isEmpty() ? 0 : SourceFacts.BYTES_PER_INODE;
                target = entry.isSymlink() ? readLink(entry) : "";
            }
            record(manifest, entry.relativePath(), Integer.toOctalString(entry.mode()), Integer.toString(entry.uid()),
                    Integer.toString(entry.gid()), entry.isRegular() ? Long.toString(entry.sizeBytes()) : "",
                    Long.toString(entry.rdev()), target, contentSha);
        }
        progress.update(contentBytes, contentBytes);
        String sha256 = HexFormat.of().formatHex(manifest.digest());
        return new SourceFacts(source.uri(), sha256, contentBytes, ByteSize.ofBytes(treeBytes), entries.size() - 1L,
                readOsRelease(root));
    }

    // NUL ends each field: it is the one byte a path cannot contain, so records cannot run together.
    private static void record(MessageDigest manifest, String... fields) {
        for (String field : fields) {
            manifest.update(field.getBytes(StandardCharsets.UTF_8));
            manifest.update((byte) 0);
        }
    }

    private static List<Entry> list(Path root) {
        List<Entry> entries = new ArrayList<>();
        try {
            // walkFileTree does not follow symlinks unless asked to.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    entries.add(entry(root, dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    entries.add(entry(root, file));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        entries.sort(Comparator.comparing(Entry::relativePath));
        return entries;
    }

    private static Entry entry(Path root, Path path) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,size,rdev", LinkOption.NOFOLLOW_LINKS);
        return new Entry(root.relativize(path).toString(), path, (Integer) unix.get("mode"), (Integer) unix.get("uid"),
                (Integer) unix.get("gid"), (Long) unix.get("size"), (Long) unix.get("rdev"));
    }

    private static String digestContent(Entry entry, ByteProgress progress) {
        try {
            return HashingInputStream.sha256Of(entry.path(), progress);
        } catch (IOException e) {
            throw unreadable(entry.path(), e);
        }
    }

    private static String readLink(Entry entry) {
        try {
            return Files.readSymbolicLink(entry.path()).toString();
        } catch (IOException e) {
            throw unreadable(entry.path(), e);
        }
    }

    /** etc/os-release if it is a regular file, else usr/lib/os-release, as os-release(5) says. */
    static Optional<OsRelease> readOsRelease(Path root) {
        for (String candidate : new String[] {"etc/os-release", "usr/lib/os-release"}) {
            Path file = root.resolve(candidate);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    return Optional.of(OsReleaseParser.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw unreadable(file, e);
                }
            }
        }
        return Optional.empty();
    }

    private static InstallerException unreadable(Path path, IOException e) {
        return new InstallerException(ErrorCode.SOURCE, "cannot read " + path + " in the source tree: " + FailureWords.describe(e)
                + " (check its permissions)", e.toString(), e);
    }
}
