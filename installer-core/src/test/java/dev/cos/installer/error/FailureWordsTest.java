package dev.cos.installer.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Exceptions whose message is empty or only a path still say what went wrong. */
class FailureWordsTest {

    @Test
    void exceptionsThatSayItOnlyByTheirClassAreSaidInWords() {
        assertEquals("the data ends too early (the file is truncated)", FailureWords.describe(new EOFException()));
        assertEquals("the directory is not empty", FailureWords.describe(new DirectoryNotEmptyException("/mnt/state/work")));
        assertEquals("it does not exist", FailureWords.describe(new NoSuchFileException("/x")));
        assertEquals("permission denied", FailureWords.describe(new AccessDeniedException("/x")));
    }

    @Test
    void otherFileSystemErrorsGiveTheSystemsReasonWithoutThePath() {
        assertEquals("No space left on device",
                FailureWords.describe(new FileSystemException("/mnt/state/x", null, "No space left on device")));
    }

    @Test
    void aMessageIsKeptAndAnEmptyOneFallsBackToTheCause() {
        assertEquals("Truncated TAR archive", FailureWords.describe(new IOException("Truncated TAR archive")));
        assertEquals("the data ends too early (the file is truncated)",
                FailureWords.describe(new IllegalStateException(null, new EOFException())));
        assertEquals("an unexpected internal error", FailureWords.describe(new NullPointerException()));
    }
}
