package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.process.RecordingCommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** os-release of squashfs and ext images, against tool answers captured from real images. */
class ImageOsReleaseReaderTest {

    private static final Path IMAGE = Path.of("/srv/images/root.img");

    @Test
    void readsASquashfsOsReleaseFromUsrLibWhenEtcIsASymlinkUnsquashfsCannotFollow() throws IOException {
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .fail(List.of("unsquashfs", "-cat", IMAGE.toString(), "etc/os-release"), 2,
                        Fixtures.read("unsquashfs-cat-symlink.stderr.txt"))
                .answer(List.of("unsquashfs", "-cat", IMAGE.toString(), "usr/lib/os-release"),
                        Fixtures.read("unsquashfs-cat-os-release.txt"));

        Optional<OsRelease> release = new ImageOsReleaseReader(runner).read(new SquashfsSource(IMAGE));

        assertEquals(List.of("unsquashfs -cat " + IMAGE + " etc/os-release", "unsquashfs -cat " + IMAGE + " usr/lib/os-release"),
                runner.lines());
        assertEquals("Demo OS 1.2 (test)", release.orElseThrow().displayName());
        assertEquals(Optional.of("1.2"), release.orElseThrow().versionId());
    }

    @Test
    void readsAnExtImageOsReleaseWithDebugfsWhichAnswersEmptyForASymlink() throws IOException {
        // debugfs exits 0 with nothing on stdout when the file is a symlink or missing.
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .on(RecordingCommandRunner.startsWith(List.of("debugfs", "-R", "cat /etc/os-release")),
                        c -> new dev.cos.installer.process.CommandResult(c, 0, "", readUnchecked("debugfs-cat-symlink.stderr.txt")))
                .answer(List.of("debugfs", "-R", "cat /usr/lib/os-release"), Fixtures.read("debugfs-cat-os-release.txt"));

        Optional<OsRelease> release = new ImageOsReleaseReader(runner).read(new ExtImageSource(IMAGE));

        assertEquals(List.of("debugfs -R 'cat /etc/os-release' " + IMAGE, "debugfs -R 'cat /usr/lib/os-release' " + IMAGE),
                runner.lines());
        assertEquals(Optional.of("Demo OS"), release.orElseThrow().name());
        assertEquals(Optional.of("1.2"), release.orElseThrow().versionId());
    }

    @Test
    void anImageWithoutOsReleaseHasNoName() throws IOException {
        RecordingCommandRunner runner = new RecordingCommandRunner()
                .on(RecordingCommandRunner.startsWith(List.of("debugfs")),
                        c -> new dev.cos.installer.process.CommandResult(c, 0, "", readUnchecked("debugfs-cat-missing.stderr.txt")));

        assertEquals(Optional.empty(), new ImageOsReleaseReader(runner).read(new ExtImageSource(IMAGE)));
        assertEquals(2, runner.lines().size(), "both places were tried");
    }

    @Test
    void directoriesAndArchivesAreLeftToTheScanAndRunNothing() {
        RecordingCommandRunner runner = new RecordingCommandRunner();
        ImageOsReleaseReader reader = new ImageOsReleaseReader(runner);

        assertEquals(Optional.empty(), reader.read(new DirectorySource(Path.of("/srv/tree"))));
        assertEquals(Optional.empty(), reader.read(new TarArchiveSource(Path.of("/srv/root.tar"), Compression.NONE)));
        assertTrue(runner.lines().isEmpty(), runner.lines().toString());
    }

    private static String readUnchecked(String name) {
        try {
            return Fixtures.read(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
