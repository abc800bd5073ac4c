package dev.cos.installer.installed;

import dev.cos.installer.model.Slot;
import java.nio.file.Path;
import java.util.Optional;

/** Where the cOS system a verb works on is: a disk or image file given offline, or the running system. */
public sealed interface SystemLocation {

    /**
     * A disk image file or block device that is not running.
     *
     * @param asBooted the slot to act as if booted from (upgrade needs it; status reports "offline")
     */
    record Offline(Path target, Optional<Slot> asBooted) implements SystemLocation {}

    /** The running system: booted slot from /proc/cmdline, partitions by label. */
    record Online() implements SystemLocation {}
}
