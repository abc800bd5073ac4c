package dev.cos.installer.installed;

import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import java.util.Map;
import java.util.Optional;

/**
 * A cOS system whose partitions were found but not mounted (offline: the image file is attached).
 * Valid until the cleanup stack that located it unwinds. {@link SystemOpener#mount} mounts it.
 *
 * @param devices by role: STATE, RECOVERY, OEM and PERSISTENT always; EFI (the ESP) when the disk has one
 * @param mountTable online: the running system's mounts (device -> mount point); offline empty
 */
public record LocatedSystem(Optional<Slot> booted, boolean online, Optional<String> disk,
                            Map<PartitionRole, String> devices, Map<String, String> mountTable) {

    public LocatedSystem {
        devices = Map.copyOf(devices);
        mountTable = Map.copyOf(mountTable);
    }

    /** Where the running system mounted this partition, if it did (online only). */
    public Optional<String> mountedAt(PartitionRole role) {
        return Optional.ofNullable(devices.get(role)).map(mountTable::get);
    }
}
