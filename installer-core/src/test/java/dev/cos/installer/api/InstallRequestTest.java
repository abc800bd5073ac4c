package dev.cos.installer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstallRequestTest {

    @Test
    void aNewImageFileWithTheDemoImageAndDefaultSizes() {
        InstallRequest request = new InstallRequest("/home/a/cos.img", Optional.of("8192M"), Optional.empty(), "hybrid", Map.of());
        assertEquals(List.of("--target", "/home/a/cos.img", "--size", "8192M", "--firmware", "hybrid"), request.arguments());
    }

    @Test
    void sizesTheUserSetGoInDiskOrder() {
        InstallRequest request = new InstallRequest("/dev/sdb", Optional.empty(), Optional.of("/srv/os.tar.xz"), "efi",
                Map.of("state", 8192L, "oem", 128L));
        assertEquals(List.of("--target", "/dev/sdb", "--source", "/srv/os.tar.xz", "--firmware", "efi",
                "--part-size", "oem=128,state=8192"), request.arguments());
    }

    @Test
    void anUnverifiedSourceTheUserAcceptedIsPassedOn() {
        InstallRequest request = new InstallRequest("/dev/sdb", Optional.empty(), Optional.of("http://lab/os.squashfs"), "efi",
                Map.of(), true);
        assertEquals(List.of("--target", "/dev/sdb", "--source", "http://lab/os.squashfs", "--allow-unverified",
                "--firmware", "efi"), request.arguments());
    }
}
