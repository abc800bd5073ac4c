package dev.cos.installer.disk;

import dev.cos.installer.disk.UnusableReason.Kind;
import dev.cos.installer.model.ByteSize;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether a disk may be written now: not the running system, not the live medium, nothing
 * on it mounted, swapping, held by LVM/MD/device-mapper, not read-only and big enough. Reads the
 * system state through {@link SystemFiles} at each call; starts no process.
 */
public final class TargetUsage {

    /** Where live systems (Debian live-boot, dracut dmsquash-live) mount their boot medium. */
    static final List<String> LIVE_MEDIUM_MOUNTS = List.of(
            "/run/live/medium", "/lib/live/mount/medium", "/run/initramfs/live",
            "/run/live/findiso", "/run/initramfs/isoscan");

    private final SystemFiles files;

    public TargetUsage(SystemFiles files) {
        this.files = files;
    }

    /**
     * Every reason {@code disk} cannot be installed on now, each naming the device, what uses it and
     * what to do; an empty list when it can be.
     *
     * @param disk a top-level device of {@code tree}
     * @param tree every top-level device lsblk reported, to follow loop devices back to their disks
     * @param partitions the disk's partitions with their FS labels (used to find the live medium
     *     named by label on the kernel command line)
     */
    public List<UnusableReason> reasonsAgainst(BlockNode disk, List<BlockNode> tree, List<DiskPartition> partitions,
            ByteSize minimum) {
        Map<String, BlockNode> byMajorMinor = new HashMap<>();
        tree.stream().flatMap(BlockNode::selfAndDescendants).forEach(n -> byMajorMinor.putIfAbsent(n.majorMinor(), n));
        MountTable mounts = new MountTable(MountEntry.parseMountInfo(files.mountInfo()), byMajorMinor, files);
        Footprint footprint = new Footprint(disk);

        Set<UnusableReason> reasons = new LinkedHashSet<>();
        Optional<MountEntry> root = mounts.at("/");
        root.map(mounts::carriers).filter(footprint::carries).ifPresent(hops -> reasons.add(new UnusableReason(
                Kind.HOLDS_RUNNING_ROOT,
                disk.path() + " holds the running system (/ is on " + MountTable.describe(hops) + "): choose another disk")));
        liveMedium(disk, partitions, mounts, footprint).ifPresent(reasons::add);
        mounted(disk, mounts, root, footprint, reasons);
        swap(mounts, footprint, reasons);
        holders(disk, tree, reasons);
        if (disk.readOnly() || files.readOnly(disk.kernelName())) {
            reasons.add(new UnusableReason(Kind.READ_ONLY, disk.path() + " is read-only: choose a writable disk"));
        }
        if (disk.size().isLessThan(minimum)) {
            reasons.add(new UnusableReason(Kind.TOO_SMALL, disk.path() + " is " + disk.size().human()
                    + ", less than the " + minimum.human() + " the installation needs: choose a bigger disk"));
        }
        return List.copyOf(reasons);
    }

    private Optional<UnusableReason> liveMedium(BlockNode disk, List<DiskPartition> partitions, MountTable mounts,
            Footprint footprint) {
        for (String point : LIVE_MEDIUM_MOUNTS) {
            Optional<String> carriedBy = mounts.at(point).map(mounts::carriers).filter(footprint::carries)
                    .map(MountTable::describe);
            if (carriedBy.isPresent()) {
                return Optional.of(new UnusableReason(Kind.LIVE_MEDIUM, disk.path() + " holds the live medium ("
                        + point + " is on " + carriedBy.get() + "): choose another disk"));
            }
        }
        Set<String> liveLabels = liveLabels(files.kernelCommandLine());
        return partitions.stream()
                .filter(p -> !p.fsLabel().isEmpty() && liveLabels.contains(p.fsLabel()))
                .findFirst()
                .map(p -> new UnusableReason(Kind.LIVE_MEDIUM, disk.path() + " holds the live medium (" + p.path()
                        + " is labelled " + p.fsLabel() + ", the live root on the kernel command line): choose another disk"));
    }

    /** The labels in {@code root=live:LABEL=X} or {@code root=live:CDLABEL=X} (dracut's live root). */
    static Set<String> liveLabels(String commandLine) {
        Set<String> labels = new HashSet<>();
        for (String word : commandLine.split("\\s+")) {
            for (String prefix : List.of("root=live:LABEL=", "root=live:CDLABEL=")) {
                if (word.startsWith(prefix) && word.length() > prefix.length()) {
                    labels.add(word.substring(prefix.length()).replace("\\x20", " "));
                }
            }
        }
        return labels;
    }

    private static void mounted(BlockNode disk, MountTable mounts, Optional<MountEntry> root, Footprint footprint,
            Set<UnusableReason> reasons) {
        // The root filesystem and the live medium have their own reasons; "unmount /" helps nobody.
        Set<String> ownReason = new HashSet<>(LIVE_MEDIUM_MOUNTS);
        ownReason.add("/");
        String rootDevice = root.map(MountEntry::majorMinor).orElse("");
        for (MountEntry mount : mounts.all()) {
            Optional<BlockNode> device = footprint.device(mount.majorMinor(), mount.source());
            if (device.isPresent() && !ownReason.contains(mount.mountPoint()) && !mount.majorMinor().equals(rootDevice)) {
                reasons.add(mountedReason(device.get().path(), mount.mountPoint()));
            }
        }
        // lsblk read the same table; its view also counts, should the two ever disagree.
        disk.selfAndDescendants()
                .filter(n -> !n.majorMinor().equals(rootDevice))
                .forEach(n -> n.mountpoints().stream()
                        .filter(point -> !ownReason.contains(point))
                        .forEach(point -> reasons.add(mountedReason(n.path(), point))));
    }

    private static UnusableReason mountedReason(String device, String mountPoint) {
        return new UnusableReason(Kind.MOUNTED, device + " is mounted at " + mountPoint + ": unmount it first");
    }

    private void swap(MountTable mounts, Footprint footprint, Set<UnusableReason> reasons) {
        for (String name : MountEntry.parseSwaps(files.swaps())) {
            Optional<BlockNode> device = footprint.device("", name);
            if (device.isPresent()) {
                reasons.add(new UnusableReason(Kind.ACTIVE_SWAP, device.get().path() + " is in use as swap: run swapoff "
                        + name + " first"));
            } else if (name.startsWith("/") && !name.startsWith("/dev/")) {
                // A swap file: the disk is busy when the filesystem holding the file is on it.
                mounts.containing(name).map(mounts::carriers).filter(footprint::carries).ifPresent(hops ->
                        reasons.add(new UnusableReason(Kind.ACTIVE_SWAP, "swap file " + name + " is on "
                                + MountTable.describe(hops) + ": run swapoff " + name + " first")));
            }
        }
    }

    private void holders(BlockNode disk, List<BlockNode> tree, Set<UnusableReason> reasons) {
        Map<String, String> pathsByKernelName = tree.stream().flatMap(BlockNode::selfAndDescendants)
                .collect(Collectors.toMap(BlockNode::kernelName, BlockNode::path, (a, b) -> a));
        for (BlockNode device : Stream.concat(Stream.of(disk), disk.partitions().stream()).toList()) {
            List<String> holders = files.holders(device.kernelName()).stream()
                    .map(h -> pathsByKernelName.getOrDefault(h, "/dev/" + h)).toList();
            if (!holders.isEmpty()) {
                reasons.add(new UnusableReason(Kind.IN_USE_BY_HOLDER, device.path() + " is in use by "
                        + String.join(", ", holders) + " (LVM, RAID or device-mapper): deactivate it first,"
                        + " e.g. with vgchange -an VG or mdadm --stop"));
            }
        }
    }

    /** The devices that belong to one disk: itself, its partitions and anything stacked on them. */
    private static final class Footprint {
        private final Map<String, BlockNode> byMajorMinor = new HashMap<>();
        private final Map<String, BlockNode> byPath = new HashMap<>();

        Footprint(BlockNode disk) {
            disk.selfAndDescendants().forEach(n -> {
                byMajorMinor.putIfAbsent(n.majorMinor(), n);
                byPath.putIfAbsent(n.path(), n);
                byPath.putIfAbsent("/dev/" + n.kernelName(), n);
            });
        }

        /** The device of the disk a mount or swap names, by major:minor or else by path. */
        Optional<BlockNode> device(String majorMinor, String path) {
            BlockNode node = majorMinor.isEmpty() ? null : byMajorMinor.get(majorMinor);
            return Optional.ofNullable(node != null ? node : byPath.get(path));
        }

        boolean carries(List<MountTable.Hop> hops) {
            return hops.stream().anyMatch(h -> device(h.majorMinor(), h.devicePath()).isPresent());
        }
    }
}
