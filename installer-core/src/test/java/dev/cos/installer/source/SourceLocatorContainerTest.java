package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.process.RecordingCommandRunner;
import dev.cos.installer.source.oci.Digest;
import dev.cos.installer.testsupport.FakeContainerImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container image source: pinned once, pulled by digest into a private tree, recorded as the image. */
class SourceLocatorContainerTest {

    private static final Digest DIGEST = new Digest("c0".repeat(32));
    private static final String TAGGED = "oci:registry.example.org:5000/cos/system:2.0";
    private static final String PINNED = "oci:registry.example.org:5000/cos/system@" + DIGEST;

    @TempDir
    Path temp;

    private FakeContainerImages store;
    private Path downloads;

    @BeforeEach
    void setUp() throws IOException {
        Path template = Files.createDirectories(temp.resolve("template/etc"));
        Files.writeString(template.resolve("os-release"), "NAME=\"cOS demo\"\nVERSION_ID=2.0\n");
        store = new FakeContainerImages(template.getParent(), DIGEST);
        downloads = Files.createDirectories(temp.resolve("downloads"));
    }

    private SourceLocator locator(ContainerSettings settings) {
        return new SourceLocator((source, directory, progress) -> {
            throw new AssertionError("no http download expected");
        }, downloads, warning -> { }, CallerAccess.root(), store, settings);
    }

    @Test
    void aTagIsResolvedOnceAndTheImagePulledByItsDigest() {
        List<Long> bytes = new ArrayList<>();
        try (CleanupStack cleanup = new CleanupStack()) {
            LocatedSource located = locator(ContainerSettings.DEFAULTS).locate(TAGGED, cleanup,
                    (done, total) -> bytes.add(done));

            assertEquals(List.of(TAGGED), store.pins);
            assertEquals(List.of(PINNED), store.pulls, "the pull names the digest, not the tag");
            Path tree = located.image().path();
            assertEquals(new DirectorySource(tree), located.image(), "read as a directory source");
            assertTrue(Files.isRegularFile(tree.resolve("etc/os-release")));
            assertEquals("rwx------", PosixFilePermissions.toString(uncheckedPermissions(tree.getParent())),
                    "the tree's directory is private");
            assertEquals(List.of(FakeContainerImages.COMPRESSED_BYTES), bytes, "the pull's bytes are the download's progress");
            assertEquals(Optional.of("2.0"), located.pinned().orElseThrow().tag());
        }
    }

    @Test
    void theScanIsRecordedAsTheImageItsDigestAndTag() {
        try (CleanupStack cleanup = new CleanupStack()) {
            SourceInspector.Inspection inspection = new SourceInspector(locator(ContainerSettings.DEFAULTS),
                    new RecordingCommandRunner()).inspect(TAGGED, cleanup, ByteProgress.NONE, ByteProgress.NONE);

            SourceFacts facts = inspection.facts();
            assertEquals(PINNED, facts.uri());
            assertEquals(DIGEST.hex(), facts.sha256(), "the manifest digest, what the registry is asked for");
            assertEquals(FakeContainerImages.COMPRESSED_BYTES, facts.sourceBytes());
            assertEquals(Optional.of("2.0"), facts.tag());
            assertEquals(Optional.of("2.0"), inspection.osRelease().flatMap(OsRelease::versionId), "the tree's os-release");
            assertEquals(new dev.cos.installer.state.ImageRecord(PINNED, "sha256:" + DIGEST.hex(),
                    FakeContainerImages.COMPRESSED_BYTES, Optional.of("COS_ACTIVE"), "ext2", Optional.of("2.0")),
                    facts.imageRecord(Optional.of("COS_ACTIVE"), "ext2"));
        }
    }

    @Test
    void theCleanupRemovesThePulledTree() throws IOException {
        Path tree;
        try (CleanupStack cleanup = new CleanupStack()) {
            tree = locator(ContainerSettings.DEFAULTS).locate(TAGGED, cleanup, ByteProgress.NONE).image().path();
        }
        assertFalse(Files.exists(tree));
        try (Stream<Path> left = Files.list(downloads)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aRefusedImageIsNeverPulledAndLeavesNothing() throws IOException {
        store.refusal = new InstallerException(ErrorCode.SOURCE, "no cosign signature for " + DIGEST
                + " in registry.example.org:5000: sign it, or turn verification off");
        try (CleanupStack cleanup = new CleanupStack()) {
            InstallerException e = assertThrows(InstallerException.class,
                    () -> locator(ContainerSettings.DEFAULTS).locate(TAGGED, cleanup, ByteProgress.NONE));
            assertTrue(e.getMessage().startsWith("no cosign signature"), e.getMessage());
        }
        assertEquals(List.of(), store.pulls);
        try (Stream<Path> left = Files.list(downloads)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void theRequestsSettingsReachTheStore() throws IOException {
        Path key = Files.writeString(temp.resolve("cosign.pub"), "key");
        ContainerSettings settings = new ContainerSettings(dev.cos.installer.source.oci.Platform.parse("linux/arm64"),
                Optional.of(key), Optional.empty(), java.util.Set.of("127.0.0.1:5000"), java.util.Map.of());
        try (CleanupStack cleanup = new CleanupStack()) {
            LocatedSource located = locator(settings).locate(TAGGED, cleanup, ByteProgress.NONE);

            assertEquals(List.of(settings), store.settingsSeen);
            assertEquals(Optional.of(FakeContainerImages.KEY), located.pinned().orElseThrow().signedBy());
        }
    }

    @Test
    void anAlreadyPinnedReferenceIsPulledByItsDigestAndKeepsItsTag() {
        try (CleanupStack cleanup = new CleanupStack()) {
            LocatedSource located = locator(ContainerSettings.DEFAULTS).locate(
                    "oci:registry.example.org:5000/cos/system:2.0@" + DIGEST, cleanup, ByteProgress.NONE);

            assertEquals(PINNED, located.pinned().orElseThrow().uri());
            assertEquals(Optional.of("2.0"), located.pinned().orElseThrow().tag());
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
