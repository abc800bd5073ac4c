package dev.cos.installer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Parsers fed with output captured from real runs (see the fixture files). */
class ToolOutputParsersTest {

    @Test
    void sumsAnUnsquashfsListing() throws IOException {
        // Fixture tree: 4 regular names (os-release 30 B, "with space" 4 B, prog and its hard
        // link prog2 10000 B each), 4 directories under the root, 2 symlinks, a char device, a FIFO.
        UnsquashfsListing listing = UnsquashfsListing.parse(Fixtures.read("unsquashfs-lls.txt"));

        assertEquals(30 + 4 + 10000 + 10000, listing.regularFileBytes());
        assertEquals(4, listing.regularFiles());
        assertEquals(8, listing.otherEntries());
        assertEquals(12, listing.entries());
        assertEquals(20034 + 8 * 4096, listing.treeBytes());
    }

    @Test
    void ignoresLinesThatAreNotEntries() {
        UnsquashfsListing listing = UnsquashfsListing.parse("Parallel unsquashfs: Using 2 processors\n"
                + "drwxr-xr-x 0/0 3 2024-01-01 00:00 squashfs-root\n"
                + "-rw-r--r-- 0/0 7 2024-01-01 00:00 squashfs-root/a -> b\n\n");

        assertEquals(new UnsquashfsListing(7, 1, 0), listing);
    }

    @Test
    void readsTheDumpe2fsSuperblock() throws IOException {
        Dumpe2fsHeader header = Dumpe2fsHeader.parse(Fixtures.read("dumpe2fs-h.txt"));

        assertEquals(new Dumpe2fsHeader(8192, 7614, 1024, 548, 2048, 2026, 11), header);
        assertEquals((8192 - 7614 - 548) * 1024L, header.contentBytes());
        // 11 inodes of the tree below the root, plus lost+found
        assertEquals(12, header.usedInodes());
    }

    @Test
    void aDumpe2fsOutputWithoutBlockCountIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dumpe2fsHeader.parse("Block size: 4096\n"));

        assertEquals("dumpe2fs printed no 'Block count' line", e.getMessage());
    }
}
