package dev.cos.installer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.DirectoryNotEmptyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed undo is reported in words, and the rest still run. */
class CleanupStackTest {

    @Test
    void aFailedUndoSaysWhatWentWrongAndTheOthersStillRun() {
        CleanupStack cleanup = new CleanupStack();
        boolean[] ran = {false};
        cleanup.push("unmount /mnt/state", () -> ran[0] = true);
        cleanup.push("remove /mnt/state/work", () -> {
            throw new DirectoryNotEmptyException("/mnt/state/work");
        });

        List<String> failures = cleanup.unwind();

        assertEquals(List.of("remove /mnt/state/work: the directory is not empty"), failures);
        assertEquals(true, ran[0], "the unmount still ran");
        assertEquals(true, cleanup.isEmpty());
    }
}
