package dev.cos.installer.installed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mount directories killed runs leave behind: removed when their process is gone and they are empty, else kept. */
class MountBasesTest {

    // Above Linux's PID_MAX_LIMIT (2^22): no process can have it.
    private static final long DEAD = 4_194_305;
    private static final long ALIVE = 4_194_306;

    @TempDir
    Path run;

    private Path runDir(String name, String... mountPoints) throws IOException {
        Path dir = Files.createDirectories(run.resolve(name));
        for (String mountPoint : mountPoints) {
            Files.createDirectories(dir.resolve(mountPoint));
        }
        return dir;
    }

    @Test
    void theEmptyMountDirectoriesOfDeadRunsAreRemovedAndNothingElse() throws IOException {
        Path deadEmpty = runDir("upgrade-" + DEAD + "-123", "COS_STATE", "COS_RECOVERY");
        Path deadBare = runDir("status-" + DEAD + "-9");
        Path living = runDir("upgrade-" + ALIVE + "-456", "COS_STATE");
        Path stillMounted = runDir("reset-" + DEAD + "-789", "COS_STATE", "COS_OEM");
        Files.writeString(stillMounted.resolve("COS_STATE/state.yaml"), "a mounted filesystem's file\n");
        Path legacy = runDir("upgrade-14996127897611428626");
        Path file = Files.writeString(run.resolve("upgrade-" + DEAD + "-1"), "not a directory");

        List<Path> removed = MountBases.removeStale(run, pid -> pid == ALIVE);

        assertEquals(List.of(deadBare, deadEmpty), removed.stream().sorted().toList());
        assertFalse(Files.exists(deadEmpty) || Files.exists(deadBare));
        assertTrue(Files.isDirectory(living.resolve("COS_STATE")), "a living run keeps its mount points");
        assertTrue(Files.isRegularFile(stillMounted.resolve("COS_STATE/state.yaml")), "what is in a mount stays");
        assertTrue(Files.isDirectory(stillMounted), "a directory that is not empty stays");
        assertTrue(Files.isDirectory(legacy), "a name without a pid is not ours to judge");
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void aNewMountDirectoryIsNamedAfterItsVerbAndProcessAndReplacesTheStaleOnes() throws IOException {
        Path dead = runDir("upgrade-" + DEAD + "-5", "COS_STATE");
        Path base = MountBases.create(run.resolve("sub"), "upgrade");
        assertTrue(Files.isDirectory(base));
        assertTrue(base.getFileName().toString().startsWith("upgrade-" + ProcessHandle.current().pid() + "-"), base::toString);
        assertTrue(Files.isDirectory(dead), "only the given run dir is cleaned");

        Path other = MountBases.create(run, "status");
        assertFalse(Files.exists(dead), "no process " + DEAD + " exists, so its empty mount dirs went");
        MountBases.remove(other);
        assertFalse(Files.exists(other));
    }
}
