package dev.cos.installer.installed;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.state.InstallState;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A cOS system made reachable: its partitions' devices, where COS_STATE, COS_RECOVERY and COS_OEM
 * are mounted, and what state.yaml says. Valid until the cleanup stack that opened it unwinds.
 *
 * @param booted the slot running (online) or acted as (offline {@code --as-booted}); empty offline without one
 * @param online whether this is the running system
 * @param disk the whole disk (the loop device of an image file) when known: offline always
 * @param rootDevice online: the device mounted as / (the running image's loop device); offline empty
 */
public record OpenedSystem(Optional<Slot> booted, boolean online, Optional<String> disk, Map<PartitionRole, String> devices,
                           Map<PartitionRole, Path> mounts, InstallState state, Optional<String> rootDevice) {

    public OpenedSystem {
        devices = Map.copyOf(devices);
        mounts = Map.copyOf(mounts);
    }

    public Path mount(PartitionRole role) {
        Path path = mounts.get(role);
        if (path == null) {
            throw new InstallerException(ErrorCode.INTERNAL, role.gptName() + " partition is not mounted");
        }
        return path;
    }

    public String device(PartitionRole role) {
        String device = devices.get(role);
        if (device == null) {
            throw new InstallerException(ErrorCode.INTERNAL, "no device known for the " + role.gptName() + " partition");
        }
        return device;
    }

    /** COS_STATE:/cOS. */
    public Path stateImages() {
        return mount(PartitionRole.STATE).resolve("cOS");
    }

    /** COS_RECOVERY:/cOS. */
    public Path recoveryImages() {
        return mount(PartitionRole.RECOVERY).resolve("cOS");
    }
}
