package dev.cos.installer.source;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what the user typed (a path, {@code dir:///path} or {@code file:///path}) into an
 * {@link ImageSource} (container images are pulled by {@link SourceLocator} first). The kind comes from the file's magic bytes, never from its name, so a
 * {@code .tar.gz} called {@code rootfs.bin} is still read as a gzip-compressed tar.
 */
public final class SourceDetector {

    static final String ACCEPTED = "give a directory, a tar archive (plain or compressed with gzip, xz, zstd or bzip2),"
            + " a squashfs or an ext image, or a container image (oci:REF, docker:REF, oci-dir:PATH, oci-archive:FILE)";

    private static final int TAR_MAGIC_OFFSET = 257;
    private static final int EXT_MAGIC_OFFSET = 1080;
    private static final int HEAD_BYTES = 4096;

    private final CallerAccess access;

    /** For a root caller: every source may be read. */
    public SourceDetector() {
        this(CallerAccess.root());
    }

    /** @param access what the user who asked may open: a local source is read only if they may read all of it */
    public SourceDetector(CallerAccess access) {
        this.access = access;
    }

    /**
     * Detects the kind of source {@code spec} names.
     *
     * @throws InstallerException with {@link ErrorCode#SOURCE} when the source is missing,
     *     unreadable, of an unknown format, or a container image reference
     */
    public ImageSource detect(String spec) {
        String trimmed = spec.strip();
        if (trimmed.isEmpty()) {
            throw error("no source given: " + ACCEPTED);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("docker-archive:")) {
            throw error("docker-archive sources are not read (" + trimmed + "): convert it to an OCI archive with"
                    + " skopeo copy docker-archive:FILE oci-archive:FILE.tar, and give oci-archive:FILE.tar");
        }
        if (ContainerSource.isContainer(trimmed)) {
            // SourceLocator pulls these; a path is all this class reads.
            throw new IllegalArgumentException("a container image is pulled, not detected: " + trimmed);
        }
        if (lower.startsWith("dir://")) {
            ImageSource source = detectPath(uriPath(trimmed, "dir://"));
            if (!(source instanceof DirectorySource)) {
                throw error(trimmed + " names a " + source.description() + ", not a directory: write it as file://" + source.path());
            }
            return source;
        }
        if (lower.startsWith("file://")) {
            ImageSource source = detectPath(uriPath(trimmed, "file://"));
            if (source instanceof DirectorySource) {
                throw error(trimmed + " names a directory, not a file: write it as dir://" + source.path());
            }
            return source;
        }
        if (trimmed.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw error("source " + trimmed + " uses a scheme the installer does not read: use a path, dir:///path, file:///path or an http(s):// URL");
        }
        try {
            return detectPath(Path.of(trimmed).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw error("source " + trimmed + " is not a valid path: " + e.getReason());
        }
    }

    private static Path uriPath(String uri, String scheme) {
        String rest = uri.substring(scheme.length());
        if (!rest.startsWith("/")) {
            throw error("source " + uri + " must name an absolute path, as in " + scheme + "/abs/path");
        }
        return Path.of(rest).normalize();
    }

    private ImageSource detectPath(Path path) {
        access.requireReadableTree(path, "source");
        if (!Files.exists(path)) {
            throw error("source " + path + " does not exist: " + ACCEPTED);
        }
        if (Files.isDirectory(path)) {
            if (!Files.isReadable(path) || !Files.isExecutable(path)) {
                throw error("source directory " + path + " is not readable: check its permissions");
            }
            return new DirectorySource(path);
        }
        if (!Files.isRegularFile(path)) {
            throw error("source " + path + " is neither a directory nor a regular file: " + ACCEPTED);
        }
        byte[] head = readHead(path);
        return sniff(path, head).orElseThrow(() -> error("source " + path + " is not in a format the installer reads: "
                + ACCEPTED + " (the kind is recognised from the file's content, not its name)"));
    }

    private static byte[] readHead(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.SOURCE, "source " + path + " cannot be read: " + FailureWords.describe(e)
                    + " (check its permissions)", e.toString(), e);
        }
    }

    /** The source kind {@code head} (the first bytes of {@code path}) announces, if any. */
    static Optional<ImageSource> sniff(Path path, byte[] head) {
        Optional<Compression> compression = compressionOf(head);
        if (compression.isPresent()) {
            requireTarInside(path, compression.get());
            return Optional.of(new TarArchiveSource(path, compression.get()));
        }
        if (isTarHeader(head)) {
            return Optional.of(new TarArchiveSource(path, Compression.NONE));
        }
        if (startsWith(head, 0, 'h', 's', 'q', 's')) {
            return Optional.of(new SquashfsSource(path));
        }
        if (startsWith(head, EXT_MAGIC_OFFSET, 0x53, 0xEF)) {
            return Optional.of(new ExtImageSource(path));
        }
        return Optional.empty();
    }

    static Optional<Compression> compressionOf(byte[] head) {
        if (startsWith(head, 0, 0x1f, 0x8b)) {
            return Optional.of(Compression.GZIP);
        }
        if (startsWith(head, 0, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return Optional.of(Compression.XZ);
        }
        if (startsWith(head, 0, 0x28, 0xb5, 0x2f, 0xfd)) {
            return Optional.of(Compression.ZSTD);
        }
        if (startsWith(head, 0, 'B', 'Z', 'h') && head.length > 3 && head[3] >= '1' && head[3] <= '9') {
            return Optional.of(Compression.BZIP2);
        }
        return Optional.empty();
    }

    /** POSIX ("ustar\0") and GNU ("ustar ") headers both carry "ustar" at offset 257. */
    static boolean isTarHeader(byte[] block) {
        return startsWith(block, TAR_MAGIC_OFFSET, 'u', 's', 't', 'a', 'r');
    }

    // A compressed file is only a source if a tar is inside: say so now rather than mid-install.
    private static void requireTarInside(Path path, Compression compression) {
        byte[] firstBlock;
        try (InputStream in = compression.decompress(Files.newInputStream(path))) {
            firstBlock = in.readNBytes(512);
        } catch (IOException | RuntimeException e) {
            throw new InstallerException(ErrorCode.SOURCE, "source " + path + " starts like a " + compression.displayName()
                    + " file but cannot be decompressed: " + FailureWords.describe(e) + " (the file is corrupt or truncated)", e.toString(), e);
        }
        if (!isTarHeader(firstBlock)) {
            throw error("source " + path + " is " + compression.displayName() + "-compressed but does not hold a tar archive: "
                    + ACCEPTED);
        }
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static InstallerException error(String message) {
        return new InstallerException(ErrorCode.SOURCE, message);
    }
}
