package dev.cos.installer.app.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Offline mode of the system verbs: work on a disk image file or block device as if booted from
 * {@code asBooted} ({@code --target FILE --as-booted SLOT}), for tests and for repairing another machine's disk.
 */
public record OfflineTarget(Path target, String asBooted) {

    public OfflineTarget {
        if (!List.of("active", "passive", "recovery").contains(asBooted)) {
            throw new IllegalArgumentException("--as-booted takes active, passive or recovery, not '" + asBooted + "'");
        }
    }

    public List<String> arguments() {
        return List.of("--target", target.toString(), "--as-booted", asBooted);
    }
}
