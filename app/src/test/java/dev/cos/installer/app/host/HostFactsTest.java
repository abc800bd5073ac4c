package dev.cos.installer.app.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.model.Firmware;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory from /proc/meminfo and firmware from /sys/firmware/efi. */
class HostFactsTest {

    @TempDir
    Path root;

    private static final String MEMINFO = """
            MemTotal:        4012348 kB
            MemFree:          123456 kB
            MemAvailable:    3000000 kB
            """;

    @Test
    void memTotalIsReadInKibibytes() {
        assertEquals(OptionalLong.of(4012348L * 1024), HostFacts.memTotalBytes(MEMINFO));
        assertEquals(OptionalLong.empty(), HostFacts.memTotalBytes("MemFree: 1 kB\n"));
    }

    @Test
    void efiDirectoryMeansUefi() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/meminfo"), MEMINFO);
        assertEquals(new HostFacts(OptionalLong.of(4012348L * 1024), Firmware.BIOS), HostFacts.Reader.under(root).read());

        Files.createDirectories(root.resolve("sys/firmware/efi"));
        assertEquals(Firmware.EFI, HostFacts.Reader.under(root).read().firmware());
    }

    @Test
    void missingMeminfoGivesNoMemory() {
        assertEquals(OptionalLong.empty(), HostFacts.Reader.under(root).read().ramBytes());
    }
}
