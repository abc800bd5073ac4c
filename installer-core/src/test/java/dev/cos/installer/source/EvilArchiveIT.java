package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.process.CommandMounter;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Root: an archive that tries to write outside its tree gets nowhere, scanned or not. */
class EvilArchiveIT {

    @TempDir
    Path tmp;

    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void aDotDotEntryIsRefusedAndNothingIsWritten() throws IOException {
        Path archive = new TarBuilder()
                .dir("./")
                .file("./good", "fine")
                .file("../evil", "EVIL")
                .file("../../evil2", "EVIL")
                .write(tmp.resolve("archive.tar"), Compression.NONE);
        Path work = Files.createDirectories(tmp.resolve("a/b/work"));
        ImageSource source = new SourceDetector().detect(archive.toString());

        InstallerException refused = assertThrows(InstallerException.class,
                () -> new SourceScanner(runner).scan(source, ByteProgress.NONE));

        assertEquals(ErrorCode.SOURCE, refused.code());
        assertTrue(refused.getMessage().contains("entry '../evil'"), refused.getMessage());
        assertEquals(List.of(tmp.resolve("a"), tmp.resolve("a/b"), work, archive), everything());

        // Even unscanned (facts made up, with the right digest), extraction writes nothing outside
        // its directory, fails, and is undone.
        SourceUnpacker unpacker = new SourceUnpacker(runner, new CommandMounter(runner));
        SourceFacts unscanned = new SourceFacts(archive.toUri().toString(), TarScannerTest.sha256(archive), Files.size(archive),
                ByteSize.ofMiB(1), 4, Optional.empty());
        try (CleanupStack cleanup = new CleanupStack()) {
            InstallerException failed = assertThrows(InstallerException.class,
                    () -> unpacker.unpack(source, unscanned, work.resolve("unpack"), cleanup, ByteProgress.NONE));
            assertEquals(ErrorCode.SOURCE, failed.code());
            assertFalse(everything().stream().anyMatch(p -> p.getFileName().toString().startsWith("evil")), everything().toString());
        }
        assertEquals(List.of(tmp.resolve("a"), tmp.resolve("a/b"), work, archive), everything());
    }

    /**
     * Device nodes and setuid/setgid files exist only inside the tree that becomes the image, and
     * that tree sits in a directory only root can enter while it exists.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tar", "squashfs"})
    void devicesAndSetuidFilesAreCreatedOnlyInsideThePrivateTree(String kind) throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Path dev = Files.createDirectories(tree.resolve("dev"));
        Files.createDirectories(tree.resolve("usr/bin"));
        Files.writeString(tree.resolve("usr/bin/su"), "setuid\n");
        Files.writeString(tree.resolve("usr/bin/wall"), "setgid\n");
        runner.run("chmod", "4755", tree.resolve("usr/bin/su").toString());
        runner.run("chmod", "2755", tree.resolve("usr/bin/wall").toString());
        runner.run("mknod", dev.resolve("sda").toString(), "b", "8", "0");
        runner.run("mknod", dev.resolve("mem").toString(), "c", "1", "1");
        Path archive = tmp.resolve("rootfs." + kind);
        if (kind.equals("tar")) {
            runner.run("tar", "--numeric-owner", "-cf", archive.toString(), "-C", tree.toString(), ".");
        } else {
            runner.run("mksquashfs", tree.toString(), archive.toString(), "-noappend", "-quiet");
        }
        ImageSource source = new SourceDetector().detect(archive.toString());
        SourceFacts facts = new SourceScanner(runner).scan(source, ByteProgress.NONE);
        Path state = Files.createDirectories(tmp.resolve("state"));
        Set<Path> before = specialFiles(tmp);

        try (CleanupStack cleanup = new CleanupStack()) {
            Path unpacked = new SourceUnpacker(runner, new CommandMounter(runner)).unpack(source, facts, state.resolve("work"),
                    cleanup, ByteProgress.NONE);

            Set<Path> created = new java.util.TreeSet<>(specialFiles(tmp));
            created.removeAll(before);
            assertEquals(Set.of(unpacked.resolve("dev/sda"), unpacked.resolve("dev/mem"), unpacked.resolve("usr/bin/su"),
                    unpacked.resolve("usr/bin/wall")), created, "devices and setuid/setgid files only in the tree");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("work"))));
        }
        assertEquals(before, specialFiles(tmp), "and they leave with it");
    }

    /** The archive is rewritten after its copy was checked: tar reads the copy, so the tree is the scanned one. */
    @Test
    void aFileRewrittenAfterItsCheckedCopyDoesNotReachTheTree() throws IOException {
        Path archive = new TarBuilder().dir("./").file("./etc/os-release", "NAME=checked\n")
                .write(tmp.resolve("rootfs.tar"), Compression.NONE);
        byte[] other = new TarBuilder().dir("./").file("./etc/os-release", "NAME=swapped\n").file("./evil", "EVIL").bytes();
        ImageSource source = new SourceDetector().detect(archive.toString());
        SourceFacts facts = new SourceScanner(runner).scan(source, ByteProgress.NONE);
        // Rewrites the user's file in place just before tar starts.
        CommandRunner swapping = command -> {
            if (command.program().equals("tar")) {
                try {
                    Files.write(archive, other);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return runner.execute(command);
        };

        try (CleanupStack cleanup = new CleanupStack()) {
            Path unpacked = new SourceUnpacker(swapping, new CommandMounter(swapping)).unpack(source, facts,
                    tmp.resolve("work"), cleanup, ByteProgress.NONE);

            assertEquals("NAME=checked\n", Files.readString(unpacked.resolve("etc/os-release")));
            assertFalse(Files.exists(unpacked.resolve("evil")));
        }
        assertTrue(java.util.Arrays.equals(other, Files.readAllBytes(archive)), "the file was rewritten before tar ran");
    }

    /** Block and character devices, and files with the setuid or setgid bit, below {@code root}. */
    private static Set<Path> specialFiles(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(p -> {
                try {
                    int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    int type = mode & 0170000;
                    return type == 0060000 || type == 0020000 || (type == 0100000 && (mode & 06000) != 0);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private List<Path> everything() throws IOException {
        try (var walk = Files.walk(tmp)) {
            return walk.filter(p -> !p.equals(tmp)).sorted().toList();
        }
    }
}
