package dev.cos.installer.api;

import java.nio.file.Path;
import java.util.List;

/**
 * An installed system the engine opens offline ({@code --target FILE|DISK --as-booted SLOT}): a repair
 * machine, or tests against a disk image file.
 *
 * @param target the disk or image file
 * @param asBooted which slot the engine acts as booted from: active, passive or recovery
 */
public record OfflineSystem(Path target, String asBooted) {

    public OfflineSystem {
        if (!List.of("active", "passive", "recovery").contains(asBooted)) {
            throw new IllegalArgumentException("--as-booted takes active, passive or recovery, not '" + asBooted + "'");
        }
    }

    /** The engine's arguments for it. */
    public List<String> arguments() {
        return List.of("--target", target.toString(), "--as-booted", asBooted);
    }
}
