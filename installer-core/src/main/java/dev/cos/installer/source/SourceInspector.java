package dev.cos.installer.source;

import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.process.CommandRunner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a source is, the one way every verb finds out: locate it (download an http(s) image), scan
 * it (validity, sha256, tree size) and read its os-release. Install's preflight, upgrade, reset and
 * inspect all go through here; the first three locate and scan in separate steps, so each part is
 * callable alone.
 */
public final class SourceInspector {

    private final SourceLocator locator;
    private final SourceScanner scanner;
    private final ImageOsReleaseReader releases;

    public SourceInspector(SourceLocator locator, CommandRunner runner) {
        this.locator = locator;
        this.scanner = new SourceScanner(runner);
        this.releases = new ImageOsReleaseReader(runner);
    }

    /** What {@link #inspect} found: the located source, its facts as recorded, and its os-release when it has one. */
    public record Inspection(LocatedSource located, SourceFacts facts, Optional<OsRelease> osRelease) {}

    /** Locates {@code spec}; an http(s) image is downloaded into a temp directory {@code cleanup} removes. */
    public LocatedSource locate(String spec, CleanupStack cleanup, ByteProgress download) {
        return locator.locate(spec, cleanup, download);
    }

    /** Locates {@code spec}; an http(s) image is downloaded into {@code downloadDir} ({@code cleanup} removes it). */
    public LocatedSource locate(String spec, Path downloadDir, CleanupStack cleanup, ByteProgress download) {
        return locator.locate(spec, downloadDir, cleanup, download);
    }

    /** Reads the located source fully; the facts name a downloaded image by its URL, as state.yaml records it. */
    public SourceFacts scan(LocatedSource located, ByteProgress read) {
        return located.recorded(scanner.scan(located.image(), read));
    }

    /** The os-release the scan saw, or else the one read from the image file itself. */
    public Optional<OsRelease> osRelease(LocatedSource located, SourceFacts facts) {
        return facts.osRelease().or(() -> releases.read(located.image()));
    }

    /** Resolves a container image to its digest (and verifies it when asked) without pulling a layer. */
    public PinnedImage pin(ContainerSource source) {
        return locator.pin(source);
    }

    /** Locate, scan and os-release in one go. */
    public Inspection inspect(String spec, CleanupStack cleanup, ByteProgress download, ByteProgress read) {
        LocatedSource located = locate(spec, cleanup, download);
        SourceFacts facts = scan(located, read);
        return new Inspection(located, facts, osRelease(located, facts));
    }
}
