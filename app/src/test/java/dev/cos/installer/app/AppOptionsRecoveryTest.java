package dev.cos.installer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cos.installer.api.OfflineSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recovery screen's offline options. */
class AppOptionsRecoveryTest {

    @Test
    void targetAndAsBootedMakeTheRecoveryScreenOffline() {
        AppOptions options = AppOptions.parse(List.of("--recovery-screen", "--target=/tmp/r.img", "--as-booted=recovery"),
                Map.of(), Path.of("/home/u"));
        assertEquals(AppOptions.Face.RECOVERY, options.face());
        assertEquals(Optional.of(new OfflineSystem(Path.of("/tmp/r.img"), "recovery")), options.offline());
        assertEquals(Optional.empty(), AppOptions.parse(List.of("--recovery-screen"), Map.of(), Path.of("/home/u")).offline());
    }

    @Test
    void oneWithoutTheOtherOrAnUnknownSlotIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> AppOptions.parse(List.of("--target=/tmp/r.img"), Map.of(), Path.of("/home/u")));
        assertThrows(IllegalArgumentException.class,
                () -> AppOptions.parse(List.of("--target=/tmp/r.img", "--as-booted=sideways"), Map.of(), Path.of("/home/u")));
    }
}
