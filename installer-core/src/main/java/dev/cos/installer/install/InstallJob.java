package dev.cos.installer.install;

import dev.cos.installer.disk.DeviceNodes;
import dev.cos.installer.boot.BootEnvironment;
import dev.cos.installer.boot.BootloaderInstaller;
import dev.cos.installer.boot.BootloaderTarget;
import dev.cos.installer.boot.GrubFiles;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.images.SystemImageBuilder;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.job.JobRunner;
import dev.cos.installer.job.ProgressListener;
import dev.cos.installer.job.Step;
import dev.cos.installer.job.StepProgress;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.layout.PlannedPartition;
import dev.cos.installer.source.SourceUnpacker;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.spec.RecoveryFs;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.state.StateYaml;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.process.Mounter;
import dev.cos.installer.tools.DiskTools;
import dev.cos.installer.tools.FilesystemTools;
import dev.cos.installer.tools.LoopBacking;
import dev.cos.installer.util.AtomicFiles;
import dev.cos.installer.words.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the cOS layout (spec section 3) onto a prepared target: partitions, filesystems,
 * active/passive/recovery images, GRUB environment files, the bootloader, cloud-init files and
 * state.yaml.
 * Every side effect is pushed onto a cleanup stack and undone in reverse at the end (mounts,
 * partition nodes, loop device) and, on failure, an image file it created is removed.
 */
public final class InstallJob {

    private static final Logger LOG = LoggerFactory.getLogger(InstallJob.class);

    /** The unpack directory on COS_STATE, removed at the end (upgrades remove a stale one). */
    public static final String WORK_DIR = ".cos-installer-work";
    /**
     * How long to wait for the kernel's own partition nodes after sgdisk re-read the table before
     * telling it with partx. devtmpfs makes them before sgdisk's re-read returns, so this only
     * needs to be short; where the kernel cannot parse GPT it is spent in full on every install.
     */
    static final Duration KERNEL_NODES_GRACE = Duration.ofMillis(500);

    private final PreparedInstall prepared;
    private final CommandRunner runner;
    private final Mounter mounter;
    private final DeviceNodes nodes;
    private final SourceUnpacker unpacker;
    private final TargetGuard guard;
    private final Path mountBase;
    private final Clock clock;
    private final Consumer<String> fileOperations;
    private final SystemImageBuilder images;
    private final ImageFiles imageFiles;

    private String device;
    /** The image file as created or checked: the loop device must read this very file. */
    private LoopBacking.FileIdentity imageIdentity;
    private Path tree;

    /**
     * @param mountBase an empty private directory under which the partitions are mounted
     * @param guard asked again right before the first write to a disk: it may have come into use
     *     (a filesystem mounted, say) since the preflight checked it
     * @param fileOperations told about every file the job writes itself (the plan lists them)
     * @param imageFiles creates a new image-file target (and gives it to the caller)
     */
    public InstallJob(PreparedInstall prepared, CommandRunner runner, Mounter mounter, DeviceNodes nodes,
                      SourceUnpacker unpacker, TargetGuard guard, Path mountBase, Clock clock,
                      Consumer<String> fileOperations, ImageFiles imageFiles) {
        this.imageFiles = imageFiles;
        this.prepared = prepared;
        this.runner = runner;
        this.mounter = mounter;
        this.nodes = nodes;
        this.unpacker = unpacker;
        this.guard = guard;
        this.mountBase = mountBase;
        this.clock = clock;
        this.fileOperations = fileOperations;
        this.images = new SystemImageBuilder(runner);
    }

    /** Runs every step and always cleans up; throws a StepFailedException naming the failed step. */
    public void run(ProgressListener listener) {
        run(listener, "install");
    }

    /** @param verb what the failure of a cleanup says finished: "install", or the plan's dry run */
    void run(ProgressListener listener, String verb) {
        CleanupStack cleanup = new CleanupStack();
        boolean[] succeeded = {false};
        try {
            new JobRunner(listener).run(steps(cleanup, () -> succeeded[0]), InstallJob::failureCode);
            succeeded[0] = true;
        } finally {
            List<String> failures = cleanup.unwind();
            if (succeeded[0] && !failures.isEmpty()) {
                throw new InstallerException(ErrorCode.MOUNT, "the " + verb + " finished but cleaning up failed: "
                        + String.join("; ", failures));
            }
        }
    }

    List<Step> steps(CleanupStack cleanup, java.util.function.BooleanSupplier succeeded) {
        List<Step> steps = new ArrayList<>();
        Path target = prepared.target().path();
        if (prepared.target().kind().isFile()) {
            if (prepared.target().kind() == TargetKind.NEW_FILE) {
                steps.add(new Step("create-image", Words.STEP_CREATE_IMAGE.with(target), 1, p -> createImage(cleanup, succeeded)));
            }
            steps.add(new Step("attach", Words.STEP_ATTACH.with(target), 1, p -> attach(cleanup)));
        } else {
            device = target.toString();
        }
        steps.add(new Step("partition", Words.STEP_PARTITION.with(), 3, p -> partition(cleanup)));
        steps.add(new Step("format", Words.STEP_FORMAT.with(), 6, this::format));
        steps.add(new Step("mount", Words.STEP_INSTALL_MOUNT.with(), 1, p -> mountAll(cleanup)));
        steps.add(new Step("unpack", Words.STEP_UNPACK.with(prepared.sourceFacts().uri()), 15, p -> unpack(cleanup, p)));
        steps.add(new Step("active", Words.STEP_ACTIVE.with(), 10, p -> buildActive()));
        steps.add(new Step("passive", Words.STEP_PASSIVE.with(), 4, p -> buildPassive()));
        steps.add(new Step("recovery", Words.STEP_RECOVERY.with(), 30, this::buildRecovery));
        steps.add(new Step("boot-env", Words.STEP_BOOT_ENV.with(), 1, p -> writeBootEnvironment()));
        steps.add(new Step("bootloader", Words.STEP_INSTALL_BOOTLOADER.with(prepared.firmware().cliName()), 2,
                p -> installBootloader()));
        if (!prepared.spec().cloudInit().isEmpty()) {
            steps.add(new Step("cloud-init", Words.STEP_CLOUD_INIT.with(), 1, p -> copyCloudInit()));
        }
        steps.add(new Step("state", Words.STEP_STATE.with(), 1, p -> writeState()));
        steps.add(new Step("sync", Words.STEP_SYNC.with(), 2, p -> runner.run(DiskTools.sync())));
        return steps;
    }

    private static ErrorCode failureCode(Step step) {
        return switch (step.id()) {
            case "create-image", "attach" -> ErrorCode.LOOP_DEVICE;
            case "partition" -> ErrorCode.PARTITIONING;
            case "format" -> ErrorCode.FORMAT;
            case "mount" -> ErrorCode.MOUNT;
            case "unpack" -> ErrorCode.SOURCE;
            case "active", "passive", "recovery" -> ErrorCode.IMAGE_BUILD;
            case "boot-env", "state" -> ErrorCode.STATE_FILE;
            case "bootloader" -> ErrorCode.BOOTLOADER;
            case "cloud-init" -> ErrorCode.CLOUD_INIT;
            default -> ErrorCode.INTERNAL;
        };
    }

    /** Creates the image file; only a file this run created is removed after a failure. */
    private void createImage(CleanupStack cleanup, java.util.function.BooleanSupplier succeeded) {
        Path image = prepared.target().path();
        imageIdentity = imageFiles.create(image, prepared.target().size());
        // Registered before the loop device's detach, so it runs after it.
        cleanup.push("remove the partly written image " + image, () -> {
            if (!succeeded.getAsBoolean()) {
                Files.deleteIfExists(image);
            }
        });
    }

    private void attach(CleanupStack cleanup) {
        Path image = prepared.target().path();
        if (imageIdentity == null) {
            imageIdentity = imageFiles.identify(image);
        }
        String attached = runner.run(DiskTools.losetupAttach(image.toString())).stdout().strip();
        if (!attached.startsWith("/dev/")) {
            throw new InstallerException(ErrorCode.LOOP_DEVICE, "losetup did not name a loop device (printed '" + attached + "')");
        }
        cleanup.push("detach " + attached, () -> runner.run(DiskTools.losetupDetach(attached)));
        LoopBacking.verify(runner, attached, image, imageIdentity);
        device = attached;
    }

    private void partition(CleanupStack cleanup) {
        refuseADiskInUse();
        runner.run(DiskTools.wipefs(device));
        runner.run(DiskTools.sgdiskZap(device));
        runner.run(DiskTools.sgdiskCreate(device, prepared.plan(), prepared.target().sectorBytes()));
        List<String> partitionNodes = prepared.plan().partitions().stream()
                .map(p -> DiskTools.partitionDevice(device, p.number())).toList();
        if (allExist(partitionNodes, KERNEL_NODES_GRACE)) {
            return;
        }
        // Kernels without a GPT parser (and loop devices without partscan) need to be told.
        runner.run(DiskTools.partxAdd(device));
        String disk = device;
        cleanup.push("remove the partition nodes of " + disk, () -> runner.run(DiskTools.partxDelete(disk)));
        if (!allExist(partitionNodes, Duration.ofSeconds(10))) {
            throw new InstallerException(ErrorCode.PARTITIONING, "the partition device nodes of " + device
                    + " did not appear (" + String.join(", ", partitionNodes) + ")");
        }
    }

    /**
     * The preflight's check, once more right before the first write: the person may have mounted
     * the disk (or a desktop automounted it) while the summary page was shown. A loop device this
     * job attached itself needs no check.
     */
    private void refuseADiskInUse() {
        if (prepared.target().kind() != TargetKind.BLOCK_DEVICE) {
            return;
        }
        List<String> reasons = guard.reasonsNotToUse(device);
        if (!reasons.isEmpty()) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, device + " came into use after it was checked, so nothing"
                    + " was written to it: " + String.join("; ", reasons));
        }
    }

    private boolean allExist(List<String> paths, Duration timeout) {
        return paths.stream().allMatch(path -> nodes.await(path, timeout));
    }

    private String partitionDevice(PartitionRole role) {
        return DiskTools.partitionDevice(device, prepared.plan().get(role).number());
    }

    private void format(StepProgress progress) {
        List<PlannedPartition> formatted = prepared.plan().partitions().stream()
                .filter(p -> p.filesystem().isPresent()).toList();
        int done = 0;
        for (PlannedPartition partition : formatted) {
            String node = DiskTools.partitionDevice(device, partition.number());
            String label = partition.label().orElseThrow();
            String fs = partition.filesystem().orElseThrow();
            runner.run(fs.equals("vfat") ? FilesystemTools.mkfsVfat(node, label) : FilesystemTools.mkfsExt(fs, node, label));
            progress.fraction(++done / (double) formatted.size());
        }
    }

    private static final List<PartitionRole> MOUNTED = List.of(PartitionRole.STATE, PartitionRole.RECOVERY,
            PartitionRole.OEM, PartitionRole.PERSISTENT);

    private void mountAll(CleanupStack cleanup) throws IOException {
        for (PartitionRole role : MOUNTED) {
            Path mountPoint = mountPoint(role);
            Files.createDirectories(mountPoint);
            cleanup.push("remove mount point " + mountPoint, () -> Files.deleteIfExists(mountPoint));
            mounter.mount(partitionDevice(role), mountPoint, "ext4", List.of());
            cleanup.push("unmount " + mountPoint, () -> mounter.unmount(mountPoint));
        }
    }

    private Path mountPoint(PartitionRole role) {
        return mountBase.resolve(role.gptName());
    }

    private void unpack(CleanupStack cleanup, StepProgress progress) {
        tree = unpacker.unpack(prepared.source(), prepared.sourceFacts(), mountPoint(PartitionRole.STATE).resolve(WORK_DIR),
                cleanup, progress);
    }

    private Path imagesDir(PartitionRole role) throws IOException {
        Path dir = mountPoint(role).resolve("cOS");
        Files.createDirectories(dir);
        return dir;
    }

    private Path activeImage() throws IOException {
        return imagesDir(PartitionRole.STATE).resolve("active.img");
    }

    private void buildActive() throws IOException {
        images.buildExt2(activeImage(), "COS_ACTIVE", tree, prepared.plan().images().systemImage().mib());
    }

    private void buildPassive() throws IOException {
        images.copyExt2(activeImage(), imagesDir(PartitionRole.STATE).resolve("passive.img"), "COS_PASSIVE");
    }

    private void buildRecovery(StepProgress progress) throws IOException {
        RecoveryFs fs = prepared.spec().recoveryFs();
        Path recovery = imagesDir(PartitionRole.RECOVERY).resolve(fs.fileName());
        if (fs == RecoveryFs.SQUASHFS) {
            images.buildSquashfs(tree, recovery, prepared.spec().squashCompression(), progress::fraction);
        } else {
            images.copyExt2(activeImage(), recovery, "COS_SYSTEM");
        }
    }

    /** The label variables GRUB reads from COS_STATE:/grub_oem_env (spec section 5). */
    Map<String, String> labelVariables() {
        return BootEnvironment.labelVariables(bootLabels(), prepared.spec().bootTries());
    }

    private BootEnvironment.Labels bootLabels() {
        InstallSpec spec = prepared.spec();
        return new BootEnvironment.Labels(spec.label(PartitionRole.STATE), spec.label(PartitionRole.RECOVERY),
                spec.label(PartitionRole.OEM), spec.label(PartitionRole.PERSISTENT));
    }

    private void writeBootEnvironment() {
        BootEnvironment environment = new BootEnvironment(runner);
        environment.writeLabels(mountPoint(PartitionRole.STATE), bootLabels(), prepared.spec().bootTries());
        environment.createRuntimeEnv(mountPoint(PartitionRole.OEM));
        if (prepared.plan().find(PartitionRole.EFI).isPresent()) {
            runner.run(FilesystemTools.mmd(partitionDevice(PartitionRole.EFI), "/EFI", "/EFI/BOOT"));
        }
    }

    private void installBootloader() throws IOException {
        Optional<String> esp = prepared.plan().find(PartitionRole.EFI).map(p -> DiskTools.partitionDevice(device, p.number()));
        Optional<BootloaderTarget.BiosPartition> bios = prepared.plan().find(PartitionRole.BIOS)
                .map(p -> new BootloaderTarget.BiosPartition(DiskTools.partitionDevice(device, p.number()),
                        p.startSector(512), p.sizeSectors(512)));
        BootloaderTarget target = new BootloaderTarget(prepared.firmware(), device, prepared.target().sectorBytes(), esp,
                bios, mountPoint(PartitionRole.STATE), mountPoint(PartitionRole.RECOVERY), bootLabels());
        new BootloaderInstaller(runner, GrubFiles.system(), fileOperations).install(target);
    }

    private void copyCloudInit() throws IOException {
        int index = 90;
        for (Path file : prepared.spec().cloudInit()) {
            Path destination = mountPoint(PartitionRole.OEM).resolve(index++ + "_custom.yaml");
            fileOperations.accept("copy " + file + " to COS_OEM:/" + destination.getFileName());
            Files.copy(file, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(destination, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    InstallState installState() {
        InstallSpec spec = prepared.spec();
        SourceFacts source = prepared.sourceFacts();
        ImageRecord active = source.imageRecord(Optional.of("COS_ACTIVE"), "ext2");
        ImageRecord passive = source.imageRecord(Optional.of("COS_PASSIVE"), "ext2");
        ImageRecord recovery = spec.recoveryFs() == RecoveryFs.SQUASHFS
                ? source.imageRecord(Optional.empty(), "squashfs")
                : source.imageRecord(Optional.of("COS_SYSTEM"), "ext2");
        Map<String, String> others = new LinkedHashMap<>();
        others.put("oem", spec.label(PartitionRole.OEM));
        others.put("persistent", spec.label(PartitionRole.PERSISTENT));
        prepared.plan().find(PartitionRole.EFI).flatMap(PlannedPartition::label).ifPresent(l -> others.put("efi", l));
        return new InstallState(OffsetDateTime.now(clock), spec.label(PartitionRole.STATE), active, passive,
                spec.label(PartitionRole.RECOVERY), recovery, others);
    }

    private void writeState() throws IOException {
        byte[] yaml = StateYaml.render(installState()).getBytes(StandardCharsets.UTF_8);
        for (PartitionRole role : List.of(PartitionRole.STATE, PartitionRole.RECOVERY)) {
            fileOperations.accept("write " + prepared.plan().get(role).label().orElseThrow() + ":/state.yaml");
            AtomicFiles.write(mountPoint(role).resolve("state.yaml"), yaml);
        }
        LOG.info("state.yaml:\n{}", new String(yaml, StandardCharsets.UTF_8));
        fileOperations.accept("append " + prepared.plan().get(PartitionRole.STATE).label().orElseThrow() + ":/"
                + dev.cos.installer.history.HistoryLog.FILE_NAME);
        dev.cos.installer.history.HistoryLog.append(mountPoint(PartitionRole.STATE),
                dev.cos.installer.history.HistoryEvents.deployed("install", OffsetDateTime.now(clock), prepared.sourceFacts()));
    }
}
