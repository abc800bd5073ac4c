package dev.cos.installer.app.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cos.installer.app.AppOptions;
import dev.cos.installer.api.OfflineSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --tray --target=FILE --as-booted=SLOT}: the tray over an installed image file, offline. */
class TrayOptionsTest {

    private static AppOptions parse(String... args) {
        return AppOptions.parse(List.of(args), Map.of(), Path.of("/home/a"));
    }

    @Test
    void theOfflineSystemIsPassedThrough() {
        AppOptions options = parse("--tray", "--target=/tmp/x.img", "--as-booted=passive");
        assertEquals(AppOptions.Face.TRAY, options.face());
        assertEquals(Optional.of(new OfflineSystem(Path.of("/tmp/x.img"), "passive")), options.offline());
        assertEquals(List.of("--target", "/tmp/x.img", "--as-booted", "passive"), options.offline().orElseThrow().arguments());
        assertEquals(Optional.empty(), parse("--tray").offline(), "the running system by default");
    }

    @Test
    void halfAnOfflineSystemOrABadSlotIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("--tray", "--target=/tmp/x.img"));
        assertThrows(IllegalArgumentException.class, () -> parse("--tray", "--as-booted=active"));
        assertThrows(IllegalArgumentException.class, () -> parse("--tray", "--target=/tmp/x.img", "--as-booted=sideways"));
    }
}
