package dev.cos.installer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cos.installer.spec.SquashCompression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryImagesTest {

    @Test
    void theCompressionOfTheExistingSquashfsComesFromUnsquashfs() throws IOException {
        String gzip = Files.readString(Path.of("src/test/resources/fixtures/upgrade/unsquashfs-s-gzip.txt"));
        assertEquals(Optional.of(SquashCompression.GZIP), RecoveryImages.compression(gzip));
        assertEquals(Optional.of(SquashCompression.XZ), RecoveryImages.compression(gzip.replace("gzip", "xz")));
        assertEquals(Optional.empty(), RecoveryImages.compression(gzip.replace("gzip", "zstd")), "GRUB cannot read zstd");
        assertEquals(Optional.empty(), RecoveryImages.compression("garbage"));
    }
}
