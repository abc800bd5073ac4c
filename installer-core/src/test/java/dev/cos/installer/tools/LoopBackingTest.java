package dev.cos.installer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cos.installer.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopBackingTest {

    @TempDir
    Path temp;

    @Test
    void parsesLosetupsBackingInodeAndDevice() {
        // util-linux 2.38's columns, padded as it prints them.
        assertEquals(new LoopBacking.FileIdentity(2146964, 254, 0), LoopBacking.parse(" 2146964      254:0  \n"));
        assertThrows(IllegalArgumentException.class, () -> LoopBacking.parse("\n"));
    }

    @Test
    void aFilesIdentityIsItsInodeAndTheMajorAndMinorOfItsDevice() throws IOException {
        Path file = Files.writeString(temp.resolve("disk.img"), "x");
        String[] stat = Tools.run("stat", "--format=%i %d", file.toString()).strip().split(" ");
        long dev = Long.parseLong(stat[1]);
        // What stat(1) prints through glibc's major()/minor() for the same st_dev.
        String[] majorMinor = Tools.run("stat", "--format=%Hd %Ld", file.toString()).strip().split(" ");
        assertEquals(new LoopBacking.FileIdentity(Long.parseLong(stat[0]), Long.parseLong(majorMinor[0]),
                Long.parseLong(majorMinor[1])), LoopBacking.FileIdentity.of(file), "st_dev " + dev);
    }
}
