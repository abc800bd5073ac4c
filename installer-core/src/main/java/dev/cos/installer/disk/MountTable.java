package dev.cos.installer.disk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mounts of the running system, and which block devices carry a mount: the mounted device,
 * and when that is a loop device, the device holding its image file, and so on (a cOS system runs
 * from {@code /cOS/active.img} on COS_STATE; a live system may run from an ISO file on a disk).
 */
final class MountTable {

    // Loop on a file on a loop on a file ...: deeper than this is a cycle or not worth following.
    private static final int MAX_HOPS = 8;

    /** One device on the way from a mount down to a disk; {@code imageFile} is empty for the last. */
    record Hop(String majorMinor, String devicePath, String imageFile) {}

    private final List<MountEntry> mounts;
    private final Map<String, BlockNode> devicesByMajorMinor;
    private final SystemFiles files;

    MountTable(List<MountEntry> mounts, Map<String, BlockNode> devicesByMajorMinor, SystemFiles files) {
        this.mounts = List.copyOf(mounts);
        this.devicesByMajorMinor = devicesByMajorMinor;
        this.files = files;
    }

    List<MountEntry> all() {
        return mounts;
    }

    /** The mount visible at {@code mountPoint}: the last one mounted there. */
    Optional<MountEntry> at(String mountPoint) {
        MountEntry found = null;
        for (MountEntry mount : mounts) {
            if (mount.mountPoint().equals(mountPoint)) {
                found = mount;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The mount whose filesystem holds the absolute {@code path}: the longest mount point above it. */
    Optional<MountEntry> containing(String path) {
        MountEntry found = null;
        for (MountEntry mount : mounts) {
            String point = mount.mountPoint();
            boolean above = point.equals("/") || path.equals(point) || path.startsWith(point + "/");
            if (above && (found == null || point.length() >= found.mountPoint().length())) {
                found = mount;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The devices carrying {@code mount}, starting with the mounted one. */
    List<Hop> carriers(MountEntry mount) {
        List<Hop> hops = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        MountEntry current = mount;
        while (hops.size() < MAX_HOPS && seen.add(current.majorMinor() + " " + current.source())) {
            BlockNode device = devicesByMajorMinor.get(current.majorMinor());
            String path = device != null ? device.path() : current.source();
            String image = loopName(device, current.source()).flatMap(files::loopBackingFile).orElse("");
            hops.add(new Hop(current.majorMinor(), path, image));
            if (image.isEmpty()) {
                break;
            }
            Optional<MountEntry> next = containing(image);
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return hops;
    }

    /** "/dev/loop0, whose image /run/cos/active.img is on /dev/sda4", for messages. */
    static String describe(List<Hop> hops) {
        StringBuilder text = new StringBuilder(hops.get(0).devicePath());
        for (int i = 0; i + 1 < hops.size(); i++) {
            text.append(", whose image ").append(hops.get(i).imageFile()).append(" is on ").append(hops.get(i + 1).devicePath());
        }
        return text.toString();
    }

    private static Optional<String> loopName(BlockNode device, String source) {
        if (device != null) {
            return device.type().equals("loop") ? Optional.of(device.kernelName()) : Optional.empty();
        }
        if (source.matches("/dev/loop[0-9]+")) {
            return Optional.of(source.substring("/dev/".length()));
        }
        return Optional.empty();
    }
}
