package dev.cos.installer.install;

import dev.cos.installer.access.CallerAccess;
import dev.cos.installer.error.ErrorCode;
import dev.cos.installer.error.FailureWords;
import dev.cos.installer.error.InstallerException;
import dev.cos.installer.job.ByteProgress;
import dev.cos.installer.job.CleanupStack;
import dev.cos.installer.model.ByteSize;
import dev.cos.installer.model.Firmware;
import dev.cos.installer.layout.LayoutPlanner;
import dev.cos.installer.layout.LayoutRequest;
import dev.cos.installer.layout.LayoutResult;
import dev.cos.installer.source.ImageSource;
import dev.cos.installer.source.LocatedSource;
import dev.cos.installer.source.SourceFacts;
import dev.cos.installer.source.SourceInspector;
import dev.cos.installer.spec.InstallSpec;
import dev.cos.installer.spec.RecoveryFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Every check an install makes before it writes anything, so bad input changes nothing on disk:
 * cloud-init files, target, source (read fully: validated and digested), layout and free space.
 */
public final class InstallPreflight {

    /** Host space an image-file install needs beyond the tree: the images are sparse copies. */
    static final double HOST_SPACE_TREE_FACTOR = 3.0;
    static final long HOST_SPACE_EXTRA_MIB = 128;

    private final TargetResolver targets;
    private final SourceInspector sources;
    private final LayoutPlanner planner;
    private final FirmwareProbe firmwareProbe;
    private final CallerAccess access;

    /** @param access what the user who asked may open (the cloud-init files) */
    public InstallPreflight(TargetResolver targets, SourceInspector sources, LayoutPlanner planner, FirmwareProbe firmwareProbe,
                            CallerAccess access) {
        this.access = access;
        this.targets = targets;
        this.sources = sources;
        this.planner = planner;
        this.firmwareProbe = firmwareProbe;
    }

    /** The machine's firmware, for installs to a block device with no --firmware. */
    @FunctionalInterface
    public interface FirmwareProbe {
        Firmware detect();

        /** /sys/firmware/efi exists when the running system booted through UEFI. */
        static FirmwareProbe system() {
            return () -> Files.isDirectory(Path.of("/sys/firmware/efi")) ? Firmware.EFI : Firmware.BIOS;
        }
    }

    /**
     * Runs every check. An http(s) source is downloaded (after the target checks) into a temp
     * directory that {@code downloads} removes: keep it open until the install is done.
     *
     * @param downloadProgress bytes received of an http(s) source
     * @param sourceProgress bytes of the source read by the scan
     */
    public PreparedInstall prepare(InstallSpec spec, CleanupStack downloads, ByteProgress downloadProgress,
                                   ByteProgress sourceProgress) {
        checkCloudInit(spec);
        ResolvedTarget target = targets.resolve(spec);
        LocatedSource located = sources.locate(spec.source(), downloads, downloadProgress);
        ImageSource source = located.image();
        SourceFacts facts = sources.scan(located, sourceProgress);
        Firmware firmware = spec.firmware().orElseGet(() -> target.kind().isFile() ? Firmware.HYBRID : firmwareProbe.detect());
        LayoutRequest request = new LayoutRequest(target.size(), firmware, spec.partSizesMiB(), spec.labels(),
                facts.treeSize(), spec.systemSizeMiB(), spec.recoveryFs() == RecoveryFs.SQUASHFS);
        LayoutResult result = planner.plan(request);
        if (result instanceof LayoutResult.Refused refused) {
            throw new InstallerException(refused.problems().get(0).code(), refused.problems().stream()
                    .map(LayoutResult.Problem::message).collect(Collectors.joining("; ")));
        }
        PreparedInstall prepared = new PreparedInstall(spec, target, firmware, source, facts,
                ((LayoutResult.Planned) result).plan(), located.pinned());
        if (target.kind() == TargetKind.NEW_FILE) {
            checkHostSpace(target.path(), facts.treeSize());
        }
        return prepared;
    }

    private void checkCloudInit(InstallSpec spec) {
        for (Path file : spec.cloudInit()) {
            access.requireReadable(file, "cloud-init file");
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new InstallerException(ErrorCode.CLOUD_INIT, "cloud-init file " + file
                        + " does not exist or is not readable");
            }
        }
    }

    /** A sparse image file still needs real blocks for what is written into it. */
    private static void checkHostSpace(Path imageFile, ByteSize tree) {
        ByteSize needed = tree.times(HOST_SPACE_TREE_FACTOR).plus(ByteSize.ofMiB(HOST_SPACE_EXTRA_MIB));
        try {
            ByteSize free = ByteSize.ofBytes(Files.getFileStore(imageFile.getParent()).getUsableSpace());
            if (free.isLessThan(needed)) {
                throw new InstallerException(ErrorCode.NO_SPACE, "not enough free space for the image file in "
                        + imageFile.getParent() + ": " + free.human() + " free, about " + needed.human()
                        + " needed; free some space or put the image elsewhere");
            }
        } catch (IOException e) {
            throw new InstallerException(ErrorCode.INVALID_TARGET, "cannot check free space in " + imageFile.getParent()
                    + ": " + FailureWords.describe(e));
        }
    }
}
