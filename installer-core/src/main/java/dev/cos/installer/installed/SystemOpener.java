package dev.cos.installer.installed;

import dev.cos.installer.disk.FilesystemProbe;
import dev.cos.installer.disk.GptEntry;
import dev.cos.installer.disk.MountEntry;
import dev.cos.installer.disk.SystemFiles;
import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.disk.DeviceNodes;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYamlReader;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.tools.DiskTools;
import dev.cos.installer.tools.LoopBacking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes an installed cOS system reachable (spec sections 1, 4 and 8) and pushes every undo on the
 * caller's cleanup stack. Offline: attaches an image file as a loop device (partx when the kernel
 * made no partition nodes), finds the partitions by GPT name, probes their labels with
 * {@code blkid -p} and mounts COS_STATE, COS_RECOVERY and COS_OEM under a private directory.
 * Online: the booted slot from the kernel command line, partitions by label ({@code blkid -L}),
 * COS_STATE's read-only mount at {@value #STATE_RUNTIME_MOUNT} remounted read-write while writing.
 * Either way the labels found must match state.yaml's.
 */
public final class SystemOpener {

    public static final String STATE_RUNTIME_MOUNT = "/run/initramfs/cos-state";
    static final List<PartitionRole> MOUNTED = List.of(PartitionRole.STATE, PartitionRole.RECOVERY, PartitionRole.OEM);

    private final CommandRunner runner;
    private final Mounter mounter;
    private final DeviceNodes nodes;
    private final SystemFiles files;
    private final Path mountBase;
    private final CallerAccess access;

    /** @param mountBase an empty private directory under which partitions are mounted */
    public SystemOpener(CommandRunner runner, Mounter mounter, DeviceNodes nodes, SystemFiles files, Path mountBase) {
        this(runner, mounter, nodes, files, mountBase, CallerAccess.root());
    }

    /** @param access what the user who asked may open: an image-file target only if they may read (and write) it */
    public SystemOpener(CommandRunner runner, Mounter mounter, DeviceNodes nodes, SystemFiles files, Path mountBase,
                        CallerAccess access) {
        this.access = access;
        this.runner = runner;
        this.mounter = mounter;
        this.nodes = nodes;
        this.files = files;
        this.mountBase = mountBase;
    }

    /**
     * @param writable mount read-write (upgrade, bootentry) or read-only (status)
     * @throws InstallerException INVALID_TARGET when it is not a cOS system, STATE_FILE when
     *     state.yaml is missing or unreadable, MOUNT or LOOP_DEVICE when attaching or mounting fails
     */
    public OpenedSystem open(SystemLocation location, boolean writable, CleanupStack cleanup) {
        return mount(locate(location, writable, cleanup), writable, cleanup);
    }

    /**
     * Finds the partitions without mounting them (offline: attaches an image file, read-only unless
     * {@code writable}), so a verb can check or repair filesystems before (or instead of) mounting.
     *
     * @throws InstallerException INVALID_TARGET when it is not a cOS disk, LOOP_DEVICE when attaching fails
     */
    public LocatedSystem locate(SystemLocation location, boolean writable, CleanupStack cleanup) {
        if (location instanceof SystemLocation.Offline offline) {
            return locateOffline(offline, writable, cleanup);
        }
        return locateOnline();
    }

    /**
     * Mounts what {@link #locate} found: COS_STATE, COS_RECOVERY and COS_OEM, and reads state.yaml.
     *
     * @throws InstallerException STATE_FILE when state.yaml is missing or unreadable, MOUNT when mounting fails
     */
    public OpenedSystem mount(LocatedSystem located, boolean writable, CleanupStack cleanup) {
        return located.online() ? mountOnline(located, writable, cleanup) : mountOffline(located, writable, cleanup);
    }

    private LocatedSystem locateOffline(SystemLocation.Offline offline, boolean writable, CleanupStack cleanup) {
        Path target = offline.target().toAbsolutePath().normalize();
        if (!Files.exists(target)) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + target + " does not exist");
        }
        String disk = Files.isRegularFile(target) ? attach(target, writable, cleanup) : target.toString();
        Map<String, GptEntry> table = partitionTable(disk);
        Map<PartitionRole, String> devices = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY, PartitionRole.OEM,
                PartitionRole.PERSISTENT)) {
            String node = table.values().stream().filter(e -> e.name().equals(role.gptName())).map(GptEntry::node)
                    .findFirst().orElseThrow(() -> new InstallerException(ErrorCode.INVALID_TARGET, target
                            + " is not a cOS disk: it has no partition named '" + role.gptName() + "'"));
            devices.put(role, node);
        }
        ensureNodes(disk, devices.values().stream().toList(), cleanup);
        // partx adds every partition, and a kernel that made nodes made them all: the ESP's is there too.
        table.values().stream().filter(e -> e.name().equals(PartitionRole.EFI.gptName())).map(GptEntry::node)
                .findFirst().ifPresent(node -> devices.put(PartitionRole.EFI, node));
        return new LocatedSystem(offline.asBooted(), false, Optional.of(disk), devices, Map.of());
    }

    private OpenedSystem mountOffline(LocatedSystem located, boolean writable, CleanupStack cleanup) {
        Map<PartitionRole, String> devices = located.devices();
        Map<PartitionRole, Path> mounts = new EnumMap<>(PartitionRole.class);
        Map<PartitionRole, String> labels = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : MOUNTED) {
            FilesystemProbe probe = probe(devices.get(role));
            labels.put(role, probe.label());
            mounts.put(role, mountPrivately(role, devices.get(role), probe.type(), writable, cleanup));
        }
        labels.put(PartitionRole.PERSISTENT, probe(devices.get(PartitionRole.PERSISTENT)).label());
        InstallState state = readState(mounts);
        checkLabels(state, labels, located.disk().orElse("the disk"));
        return new OpenedSystem(located.booted(), false, located.disk(), devices, mounts, state, Optional.empty());
    }

    private String attach(Path image, boolean writable, CleanupStack cleanup) {
        if (Files.isSymbolicLink(image)) {
            throw new InstallerException(ErrorCode.ACCESS_DENIED, "target " + image + " is a symbolic link: give the image"
                    + " file's own path (a link could point elsewhere by the time it is opened)");
        }
        if (writable) {
            access.requireReadWrite(image, "target image file");
        } else {
            access.requireReadable(image, "target image file");
        }
        LoopBacking.FileIdentity identity;
        try {
            identity = LoopBacking.FileIdentity.of(image);
        } catch (java.io.IOException e) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot read " + image + ": " + e.getMessage(), e.toString(), e);
        }
        String attached = runner.run(Command.of("losetup", "--associated", image.toString())).stdout().strip();
        if (!attached.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "target " + image + " is in use: it is attached as "
                    + attached.split(":", 2)[0] + "; unmount it and detach it first (losetup -d)");
        }
        Command attach = DiskTools.losetupAttach(image.toString());
        if (!writable) {
            attach = Command.of("losetup", "--find", "--show", "--partscan", "--read-only", image.toString());
        }
        String device = runner.run(attach).stdout().strip();
        if (!device.startsWith("/dev/")) {
            throw new InstallerException(ErrorCode.LOOP_DEVICE, "losetup did not name a loop device (printed '" + device + "')");
        }
        cleanup.push("detach " + device, () -> runner.run(DiskTools.losetupDetach(device)));
        LoopBacking.verify(runner, device, image, identity);
        return device;
    }

    private Map<String, GptEntry> partitionTable(String disk) {
        CommandResult result = runner.execute(Command.of("sfdisk", "-J", disk));
        try {
            if (result.succeeded()) {
                return GptEntry.parseSfdisk(result.stdout());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InstallerException(ErrorCode.INVALID_TARGET, disk + " has no partition table sfdisk can read: "
                + "it is not an installed cOS disk", result.stderr());
    }

    private void ensureNodes(String disk, List<String> partitionNodes, CleanupStack cleanup) {
        if (partitionNodes.stream().allMatch(node -> nodes.await(node, Duration.ofSeconds(2)))) {
            return;
        }
        // Kernels without a GPT parser (and loop devices without partscan) need to be told.
        runner.run(DiskTools.partxAdd(disk));
        cleanup.push("remove the partition nodes of " + disk, () -> runner.run(DiskTools.partxDelete(disk)));
        if (!partitionNodes.stream().allMatch(node -> nodes.await(node, Duration.ofSeconds(10)))) {
            throw new InstallerException(ErrorCode.LOOP_DEVICE, "the partition device nodes of " + disk
                    + " did not appear (" + String.join(", ", partitionNodes) + ")");
        }
    }

    private FilesystemProbe probe(String device) {
        CommandResult result = runner.execute(Command.of("blkid", "-p", "-o", "export", device));
        return result.succeeded() ? FilesystemProbe.parse(result.stdout()) : FilesystemProbe.NONE;
    }

    private Path mountPrivately(PartitionRole role, String device, String fsType, boolean writable, CleanupStack cleanup) {
        Path mountPoint = mountBase.resolve(role.gptName());
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.MOUNT, "cannot create mount point " + mountPoint + ": " + FailureWords.describe(e));
        }
        cleanup.push("remove mount point " + mountPoint, () -> Files.deleteIfExists(mountPoint));
        try {
            mounter.mount(device, mountPoint, fsType, writable ? List.of() : readOnlyOptions(fsType));
        } catch (dev.cos.installer.process.CommandFailedException e) {
            throw new InstallerException(ErrorCode.MOUNT, "cannot mount the " + role.gptName() + " partition (" + device
                    + "): " + e.getMessage().strip() + "; if its system did not shut down cleanly, e2fsck -fy it first",
                    e.getMessage());
        }
        cleanup.push("unmount " + mountPoint, () -> mounter.unmount(mountPoint));
        return mountPoint;
    }

    /**
     * A disk whose system crashed (or was killed) has an ext3/ext4 journal to replay, which a read-only
     * mount of a read-only loop device cannot do: noload reads it as it is, without the journal.
     */
    static List<String> readOnlyOptions(String fsType) {
        return fsType.equals("ext3") || fsType.equals("ext4") ? List.of("ro", "noload") : List.of("ro");
    }

    private LocatedSystem locateOnline() {
        Optional<Slot> booted = KernelCmdline.bootedSlot(files.kernelCommandLine());
        if (booted.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "this system was not booted from a cOS image (no "
                    + KernelCmdline.IMAGE_PARAMETER + " on the kernel command line): give the disk with --target and"
                    + " --as-booted to work on it offline");
        }
        Map<PartitionRole, String> devices = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : MOUNTED) {
            devices.put(role, deviceByLabel(role.defaultLabel().orElseThrow()));
        }
        Map<String, String> mountTable = new java.util.HashMap<>();
        for (MountEntry entry : MountEntry.parseMountInfo(files.mountInfo())) {
            mountTable.putIfAbsent(entry.source(), entry.mountPoint());
        }
        return new LocatedSystem(booted, true, Optional.empty(), devices, mountTable);
    }

    /**
     * The running system's COS_PERSISTENT and ESP (COS_GRUB) by label, when they exist: only the
     * verbs that check every partition need them.
     */
    public LocatedSystem withOptionalPartitions(LocatedSystem located) {
        if (!located.online()) {
            return located;
        }
        Map<PartitionRole, String> devices = new EnumMap<>(located.devices());
        for (PartitionRole role : List.of(PartitionRole.PERSISTENT, PartitionRole.EFI)) {
            CommandResult result = runner.execute(Command.of("blkid", "-L", role.defaultLabel().orElseThrow()));
            String device = result.stdout().strip();
            if (result.succeeded() && !device.isEmpty()) {
                devices.put(role, device.lines().findFirst().orElseThrow());
            }
        }
        return new LocatedSystem(located.booted(), true, located.disk(), devices, located.mountTable());
    }

    private OpenedSystem mountOnline(LocatedSystem located, boolean writable, CleanupStack cleanup) {
        Map<PartitionRole, Path> mounts = new EnumMap<>(PartitionRole.class);
        for (PartitionRole role : MOUNTED) {
            mounts.put(role, mountOnline(role, located.devices().get(role), located.mountTable(), writable, cleanup));
        }
        InstallState state = readState(mounts);
        Optional<String> root = located.mountTable().entrySet().stream().filter(e -> e.getValue().equals("/"))
                .map(Map.Entry::getKey).findFirst();
        return new OpenedSystem(located.booted(), true, Optional.empty(), located.devices(), mounts, state, root);
    }

    /** The device holding the filesystem labelled {@code label}, by {@code blkid -L}. */
    String deviceByLabel(String label) {
        CommandResult result = runner.execute(Command.of("blkid", "-L", label));
        String device = result.stdout().strip();
        if (!result.succeeded() || device.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "no filesystem labelled " + label
                    + " was found: is this a cOS system?");
        }
        return device.lines().findFirst().orElseThrow();
    }

    private Path mountOnline(PartitionRole role, String device, Map<String, String> mountTable, boolean writable,
                             CleanupStack cleanup) {
        String point = mountTable.get(device);
        if (point == null) {
            return mountPrivately(role, device, "", writable, cleanup);
        }
        if (writable && point.equals(STATE_RUNTIME_MOUNT)) {
            runner.run("mount", "-o", "remount,rw", point);
            cleanup.push("remount " + point + " read-only", () -> runner.run("mount", "-o", "remount,ro", point));
        }
        return Path.of(point);
    }

    /** state.yaml from COS_STATE, or COS_RECOVERY's copy when COS_STATE has none. */
    private static InstallState readState(Map<PartitionRole, Path> mounts) {
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY)) {
            Path file = mounts.get(role).resolve("state.yaml");
            if (Files.isRegularFile(file)) {
                try {
                    return StateYamlReader.parse(Files.readString(file, StandardCharsets.UTF_8),
                            role.defaultLabel().orElseThrow() + ":/state.yaml");
                } catch (IOException e) {
                    throw new InstallerException(ErrorCode.STATE_FILE, "cannot read " + file + ": " + FailureWords.describe(e));
                }
            }
        }
        throw new InstallerException(ErrorCode.STATE_FILE, "neither COS_STATE nor COS_RECOVERY holds a state.yaml:"
                + " this is not an installed cOS system, or it was installed by another tool");
    }

    private static void checkLabels(InstallState state, Map<PartitionRole, String> found, String target) {
        Map<PartitionRole, String> expected = new EnumMap<>(PartitionRole.class);
        expected.put(PartitionRole.STATE, state.stateLabel());
        expected.put(PartitionRole.RECOVERY, state.recoveryLabel());
        expected.put(PartitionRole.OEM, state.otherPartitionLabels().get("oem"));
        expected.put(PartitionRole.PERSISTENT, state.otherPartitionLabels().get("persistent"));
        expected.forEach((role, label) -> {
            if (label != null && !label.equals(found.get(role))) {
                throw new InstallerException(ErrorCode.INVALID_TARGET, "the '" + role.gptName() + "' partition of " + target
                        + " is labelled '" + found.get(role) + "', but state.yaml says '" + label
                        + "': the system finds its partitions by both, so fix the label (e2label) first");
            }
        });
    }
}
