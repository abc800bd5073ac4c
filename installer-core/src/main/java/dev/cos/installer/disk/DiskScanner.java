package dev.cos.installer.disk;

import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the disks an installation could target, with partitions, filesystems and whether each can
 * be used now. Runs lsblk for the device tree; as there may be no udev (lsblk then knows no labels),
 * filesystems come from {@code blkid -p} and GPT names and types from {@code sfdisk -J}, both run
 * only on disks that have partitions. Only reads; writes nothing.
 */
public final class DiskScanner {

    private static final Logger LOG = LoggerFactory.getLogger(DiskScanner.class);

    // blkid exits 2 when it finds nothing on the device: no filesystem, not a failure.
    private static final int BLKID_NOTHING_FOUND = 2;

    private final CommandRunner runner;
    private final SystemFiles files;
    private final TargetUsage usage;

    public DiskScanner(CommandRunner runner, SystemFiles files) {
        this.runner = runner;
        this.files = files;
        this.usage = new TargetUsage(files);
    }

    /**
     * Every disk and non-empty loop device, in lsblk's order; zram, ram, optical and empty loop
     * devices are left out.
     *
     * @param minimumInstallSize disks smaller than this are reported with a TOO_SMALL reason
     */
    public List<BlockDevice> scan(ByteSize minimumInstallSize) {
        List<BlockNode> tree = deviceTree();
        List<BlockDevice> disks = new ArrayList<>();
        for (BlockNode node : tree) {
            if (listable(node)) {
                disks.add(describe(node, tree, minimumInstallSize));
            }
        }
        return disks;
    }

    /**
     * One disk, looked up by its device node.
     *
     * @throws InstallerException {@link ErrorCode#INVALID_TARGET} when {@code devicePath} is not a
     *     disk {@link #scan} would list (a partition, a missing device, zram ...)
     */
    public BlockDevice inspect(String devicePath, ByteSize minimumInstallSize) {
        List<BlockNode> tree = deviceTree();
        Optional<BlockNode> disk = tree.stream().filter(n -> n.path().equals(devicePath) && listable(n)).findFirst();
        if (disk.isPresent()) {
            return describe(disk.get(), tree, minimumInstallSize);
        }
        boolean partition = tree.stream().flatMap(BlockNode::selfAndDescendants)
                .anyMatch(n -> n.path().equals(devicePath) && n.type().equals("part"));
        throw new InstallerException(ErrorCode.INVALID_TARGET, partition
                ? devicePath + " is a partition: give the whole disk it belongs to (see `cos-installer disks`)"
                : devicePath + " is not a disk that can be installed on: choose one listed by `cos-installer disks`");
    }

    /**
     * {@link #inspect}, and refuses a disk that cannot be installed on now, naming every reason.
     *
     * @throws InstallerException {@link ErrorCode#TARGET_TOO_SMALL} when size is the only reason,
     *     otherwise {@link ErrorCode#INVALID_TARGET}
     */
    public BlockDevice requireInstallable(String devicePath, ByteSize minimumInstallSize) {
        BlockDevice disk = inspect(devicePath, minimumInstallSize);
        List<UnusableReason> reasons = disk.eligibility().reasons();
        if (reasons.isEmpty()) {
            return disk;
        }
        boolean onlyTooSmall = reasons.stream().allMatch(r -> r.kind() == UnusableReason.Kind.TOO_SMALL);
        throw new InstallerException(onlyTooSmall ? ErrorCode.TARGET_TOO_SMALL : ErrorCode.INVALID_TARGET,
                "cannot install on " + devicePath + ": " + String.join("; ", reasons.stream().map(UnusableReason::message).toList()));
    }

    /** Whether a top-level lsblk device is shown as a possible target at all. */
    static boolean listable(BlockNode node) {
        boolean diskOrLoop = node.type().equals("disk") || node.type().equals("loop");
        boolean memory = node.name().startsWith("zram") || node.name().matches("ram[0-9]+");
        return diskOrLoop && !memory && node.size().bytes() > 0;
    }

    private List<BlockNode> deviceTree() {
        CommandResult result = runner.execute(Command.of("lsblk", "-J", "-b", "-o", LsblkParser.COLUMNS));
        if (!result.succeeded()) {
            throw new InstallerException(result.exitCode() == 127 ? ErrorCode.MISSING_TOOL : ErrorCode.INTERNAL,
                    "cannot list the block devices: lsblk failed (exit " + result.exitCode() + "); is util-linux installed?",
                    result.stderr());
        }
        return LsblkParser.parse(result.stdout());
    }

    private BlockDevice describe(BlockNode disk, List<BlockNode> tree, ByteSize minimum) {
        List<MountEntry> mounts = MountEntry.parseMountInfo(files.mountInfo());
        Map<String, GptEntry> gpt = disk.partitions().isEmpty() ? Map.of() : gptEntries(disk.path());
        List<DiskPartition> partitions = new ArrayList<>();
        for (BlockNode part : disk.partitions()) {
            GptEntry entry = gpt.getOrDefault(part.path(), new GptEntry(part.path(), "", ""));
            FilesystemProbe fs = probe(part.path());
            partitions.add(new DiskPartition(
                    DiskPartition.numberIn(disk.name(), part.name()).orElse(0),
                    part.path(), part.size(), entry.name(), entry.typeGuid(), fs.type(), fs.label(),
                    mountpoints(part, mounts)));
        }
        Eligibility eligibility = Eligibility.of(usage.reasonsAgainst(disk, tree, partitions, minimum));
        return new BlockDevice(disk.path(), disk.name(),
                disk.type().equals("loop") ? BlockDevice.Type.LOOP : BlockDevice.Type.DISK,
                disk.size(), disk.model(), disk.serial(), disk.transport(), disk.removable(),
                disk.readOnly() || files.readOnly(disk.kernelName()), disk.logicalSectorBytes(),
                partitions, eligibility);
    }

    /** Mount points of a partition, by major:minor or source path in mountinfo, and as lsblk saw them. */
    private static List<String> mountpoints(BlockNode part, List<MountEntry> mounts) {
        Set<String> points = new LinkedHashSet<>();
        for (MountEntry mount : mounts) {
            if (mount.majorMinor().equals(part.majorMinor()) || mount.source().equals(part.path())) {
                points.add(mount.mountPoint());
            }
        }
        points.addAll(part.mountpoints());
        return List.copyOf(points);
    }

    private Map<String, GptEntry> gptEntries(String diskPath) {
        CommandResult result = runner.execute(Command.of("sfdisk", "-J", diskPath));
        if (!result.succeeded()) {
            // No partition table sfdisk knows: the partitions stay, without GPT names.
            LOG.info("no partition table read from {}: {}", diskPath, result.stderr().strip());
            return Map.of();
        }
        try {
            return GptEntry.parseSfdisk(result.stdout());
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot parse sfdisk output for {}: {}", diskPath, e.getMessage());
            return Map.of();
        }
    }

    private FilesystemProbe probe(String devicePath) {
        CommandResult result = runner.execute(Command.of("blkid", "-p", "-o", "export", devicePath));
        if (result.succeeded()) {
            return FilesystemProbe.parse(result.stdout());
        }
        if (result.exitCode() != BLKID_NOTHING_FOUND) {
            LOG.warn("blkid could not probe {} (exit {}): {}", devicePath, result.exitCode(), result.stderr().strip());
        }
        return FilesystemProbe.NONE;
    }
}
