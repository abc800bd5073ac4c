package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.sys.CommandMounter;
import dev.cos.installer.sys.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

        // Even unscanned, extraction writes nothing outside its directory, fails, and is undone.
        SourceUnpacker unpacker = new SourceUnpacker(runner, new CommandMounter(runner));
        try (CleanupStack cleanup = new CleanupStack()) {
            InstallerException failed = assertThrows(InstallerException.class, () -> unpacker.unpack(source, work, cleanup));
            assertEquals(ErrorCode.SOURCE, failed.code());
            assertFalse(everything().stream().anyMatch(p -> p.getFileName().toString().startsWith("evil")), everything().toString());
        }
        assertEquals(List.of(tmp.resolve("a"), tmp.resolve("a/b"), work, archive), everything());
    }

    private List<Path> everything() throws IOException {
        try (var walk = Files.walk(tmp)) {
            return walk.filter(p -> !p.equals(tmp)).sorted().toList();
        }
    }
}
