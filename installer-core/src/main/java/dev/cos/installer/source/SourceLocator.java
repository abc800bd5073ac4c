package dev.cos.installer.source;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the source a user named into one the scanners read: a local path or {@code dir://} /
 * {@code file://} URI is detected where it is; an {@code http(s)://} URL is downloaded first
 * ({@link ImageFetcher}) and the local copy detected from its bytes, as a file source would be. A
 * download that no digest checked (only possible when unverified images are allowed) is told to
 * {@code unverified}, with a message for people, before it is used.
 */
public final class SourceLocator {

    private final ImageFetcher fetcher;
    private final Path tempDir;
    private final Consumer<String> unverified;
    private final SourceDetector detector;

    /**
     * @param tempDir where {@link #locate(String, CleanupStack, ByteProgress)} makes its private download directory
     * @param unverified hears the warning about each download used without a digest check
     */
    public SourceLocator(ImageFetcher fetcher, Path tempDir, Consumer<String> unverified) {
        this(fetcher, tempDir, unverified, CallerAccess.root());
    }

    /** @param access what the user who asked may open: a local source is read only if they may read it */
    public SourceLocator(ImageFetcher fetcher, Path tempDir, Consumer<String> unverified, CallerAccess access) {
        this.fetcher = fetcher;
        this.tempDir = tempDir;
        this.unverified = unverified;
        this.detector = new SourceDetector(access);
    }

    /**
     * With the real HTTP client, downloading into {@code java.io.tmpdir} unless told where.
     *
     * @param allowUnverified whether an http(s) image with no published digest is used (else refused)
     */
    public static SourceLocator system(boolean allowUnverified, Consumer<String> unverified, CallerAccess access) {
        return new SourceLocator(HttpImageFetcher.system(allowUnverified), Path.of(System.getProperty("java.io.tmpdir")),
                unverified, access);
    }

    /** The warning for an image no digest checked: loud, and saying why it was used anyway. */
    static String unverifiedWarning(RemoteSource source) {
        return "UNVERIFIED IMAGE: " + source.uri() + " has no digest (no #sha256= in the URL and no " + source.sidecar()
                + "): nothing shows it is the image its publisher meant; it is used only because unverified images were"
                + " allowed (--allow-unverified, or allow-unverified: true in config.yaml)";
    }

    /**
     * Locates {@code spec}, downloading a remote one into a new private directory under the temp
     * directory; {@code cleanup} removes both.
     */
    public LocatedSource locate(String spec, CleanupStack cleanup, ByteProgress download) {
        if (!RemoteSource.isRemote(spec)) {
            return new LocatedSource(detector.detect(spec), Optional.empty());
        }
        Path directory;
        try {
            directory = Files.createTempDirectory(tempDir, "cos-installer-download-");
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "cannot create a directory for the download in " + tempDir + ": "
                    + e.getMessage(), e.toString(), e);
        }
        cleanup.push("remove " + directory, () -> Files.deleteIfExists(directory));
        return locate(spec, directory, cleanup, download);
    }

    /**
     * Locates {@code spec}. A download goes into a new file in {@code downloadDir} (created when
     * missing); {@code cleanup} removes the file, and the directory when this call created it. A
     * failed download leaves neither behind.
     *
     * @param download bytes received, for remote sources only
     * @throws InstallerException see {@link SourceDetector#detect} and {@link ImageFetcher#fetch}
     */
    public LocatedSource locate(String spec, Path downloadDir, CleanupStack cleanup, ByteProgress download) {
        if (!RemoteSource.isRemote(spec)) {
            return new LocatedSource(detector.detect(spec), Optional.empty());
        }
        RemoteSource remote = RemoteSource.parse(spec);
        createDirectory(downloadDir, cleanup);
        FetchedImage fetched = fetcher.fetch(remote, downloadDir, download);
        cleanup.push("remove the downloaded " + fetched.file(), () -> Files.deleteIfExists(fetched.file()));
        if (fetched.unverified()) {
            unverified.accept(unverifiedWarning(remote));
        }
        return new LocatedSource(detector.detect(fetched.file().toString()), Optional.of(fetched));
    }

    private static void createDirectory(Path directory, CleanupStack cleanup) {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "cannot create " + directory + " for the download: "
                    + e.getMessage(), e.toString(), e);
        }
        cleanup.push("remove " + directory, () -> Files.deleteIfExists(directory));
    }
}
