package dev.cos.installer.source;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the source a user named into one the scanners read: a local path or {@code dir://} /
 * {@code file://} URI is detected where it is; an {@code http(s)://} URL is downloaded first
 * ({@link ImageFetcher}) and the local copy detected from its bytes, as a file source would be. A
 * download that no digest checked (only possible when unverified images are allowed) is told to
 * {@code unverified}, with a message for people, before it is used. A container image
 * ({@link ContainerSource}) is pinned to its digest once, verified when the settings ask, then pulled
 * by that digest into a private tree that is read as a directory source.
 */
public final class SourceLocator {

    private static final Logger LOG = LoggerFactory.getLogger(SourceLocator.class);
    /** The private directory a container image is pulled into, in the download directory. */
    static final String PULL_PREFIX = "cos-installer-image-";
    static final String TREE = "tree";

    private final ImageFetcher fetcher;
    private final Path tempDir;
    private final Consumer<String> unverified;
    private final SourceDetector detector;
    private final CallerAccess access;
    private final ContainerImages containers;
    private final ContainerSettings settings;

    /**
     * @param tempDir where {@link #locate(String, CleanupStack, ByteProgress)} makes its private download directory
     * @param unverified hears the warning about each download used without a digest check
     */
    public SourceLocator(ImageFetcher fetcher, Path tempDir, Consumer<String> unverified) {
        this(fetcher, tempDir, unverified, CallerAccess.root());
    }

    /** @param access what the user who asked may open: a local source is read only if they may read it */
    public SourceLocator(ImageFetcher fetcher, Path tempDir, Consumer<String> unverified, CallerAccess access) {
        this(fetcher, tempDir, unverified, access, ContainerImages.NONE, ContainerSettings.DEFAULTS);
    }

    /**
     * @param containers where container images are pinned and pulled
     * @param settings how this request reads them (platform, signature, registries)
     */
    public SourceLocator(ImageFetcher fetcher, Path tempDir, Consumer<String> unverified, CallerAccess access,
                         ContainerImages containers, ContainerSettings settings) {
        this.fetcher = fetcher;
        this.tempDir = tempDir;
        this.unverified = unverified;
        this.access = access;
        this.detector = new SourceDetector(access);
        this.containers = containers;
        this.settings = settings;
    }

    /** Whether {@code spec} is fetched (downloaded or pulled) rather than read where it is. */
    public static boolean isFetched(String spec) {
        return RemoteSource.isRemote(spec) || ContainerSource.isContainer(spec);
    }

    /**
     * With the real HTTP client, downloading into {@code java.io.tmpdir} unless told where.
     *
     * @param allowUnverified whether an http(s) image with no published digest is used (else refused)
     */
    public static SourceLocator system(boolean allowUnverified, Consumer<String> unverified, CallerAccess access,
                                       ContainerImages containers, ContainerSettings settings) {
        return new SourceLocator(HttpImageFetcher.system(allowUnverified), Path.of(System.getProperty("java.io.tmpdir")),
                unverified, access, containers, settings);
    }

    /** The warning for an image no digest checked: loud, and saying why it was used anyway. */
    static String unverifiedWarning(RemoteSource source) {
        return "UNVERIFIED IMAGE: " + source.uri() + " has no digest (no #sha256= in the URL and no " + source.sidecar()
                + "): nothing shows it is the image its publisher meant; it is used only because unverified images were"
                + " allowed (--allow-unverified, or allow-unverified: true in config.yaml)";
    }

    /**
     * Locates {@code spec}, downloading a remote one (or pulling a container image) into a new
     * private directory under the temp directory; {@code cleanup} removes both.
     */
    public LocatedSource locate(String spec, CleanupStack cleanup, ByteProgress download) {
        if (!isFetched(spec)) {
            return LocatedSource.local(detector.detect(spec));
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
     * failed download leaves neither behind. A container image is pulled into a tree in a new
     * private directory there, which {@code cleanup} removes.
     *
     * @param download bytes received, for remote sources and container images only
     * @throws InstallerException see {@link SourceDetector#detect}, {@link ImageFetcher#fetch} and
     *     {@link ContainerImages}
     */
    public LocatedSource locate(String spec, Path downloadDir, CleanupStack cleanup, ByteProgress download) {
        if (ContainerSource.isContainer(spec)) {
            return pull(ContainerSource.parse(spec), downloadDir, cleanup, download);
        }
        if (!RemoteSource.isRemote(spec)) {
            return LocatedSource.local(detector.detect(spec));
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

    /**
     * Pins {@code source} once, then pulls it by that digest: what was resolved (and verified) is what
     * is written, even if the tag moves meanwhile.
     */
    public PinnedImage pin(ContainerSource source) {
        if (source instanceof ContainerSource.Layout layout) {
            if (layout.kind() == ContainerSource.LayoutKind.DIRECTORY) {
                access.requireReadableTree(layout.path(), "OCI layout");
            } else {
                access.requireReadable(layout.path(), "OCI archive");
            }
        }
        settings.cosignKey().ifPresent(key -> access.requireReadable(key, "cosign key"));
        settings.caFile().ifPresent(ca -> access.requireReadable(ca, "registry CA file"));
        PinnedImage pinned = containers.pin(source, settings);
        LOG.info("{} is {} ({} for {}){}", source.reference(), pinned.digest(), pinned.manifestDigest(), pinned.platform(),
                pinned.signedBy().map(key -> ", signed by key " + key).orElse(""));
        return pinned;
    }

    /**
     * The digest {@code source} names now, without downloading the image (a registry's manifest HEAD):
     * for the update check, which compares it with the installed digest.
     */
    public dev.cos.installer.source.oci.Digest resolve(ContainerSource source) {
        settings.caFile().ifPresent(ca -> access.requireReadable(ca, "registry CA file"));
        dev.cos.installer.source.oci.Digest digest = containers.resolve(source, settings);
        LOG.info("{} points at {}", source.reference(), digest);
        return digest;
    }

    private LocatedSource pull(ContainerSource source, Path downloadDir, CleanupStack cleanup, ByteProgress progress) {
        PinnedImage pinned = pin(source);
        createDirectory(downloadDir, cleanup);
        Path directory;
        try {
            directory = Files.createTempDirectory(downloadDir, PULL_PREFIX,
                    PosixFilePermissions.asFileAttribute(SourceUnpacker.WORK_DIR_MODE));
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.DOWNLOAD, "cannot create a directory for the image in " + downloadDir + ": "
                    + e.getMessage(), e.toString(), e);
        }
        // The tree holds setuid programs and device nodes: it goes with the run, as a download does.
        cleanup.push("remove the image pulled into " + directory, () -> Trees.delete(directory));
        Path tree = directory.resolve(TREE);
        containers.pull(pinned, settings, tree, progress);
        return new LocatedSource(new DirectorySource(tree), Optional.of(new PulledImage(pinned, tree)));
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
