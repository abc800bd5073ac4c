package dev.cos.installer.status;

import dev.cos.installer.history.HistoryEvent;
import dev.cos.installer.history.HistoryLog;
import dev.cos.installer.model.PartitionRole;
import dev.cos.installer.model.Slot;
import dev.cos.installer.source.Dumpe2fsHeader;
import dev.cos.installer.source.OsRelease;
import dev.cos.installer.source.OsReleaseParser;
import dev.cos.installer.state.ImageRecord;
import dev.cos.installer.state.InstallState;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import dev.cos.installer.installed.FreeSpace;
import dev.cos.installer.installed.ImageIdentities;
import dev.cos.installer.installed.OpenedSystem;
import dev.cos.installer.tools.GrubEnvBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers {@link SystemStatus} from an opened (read-only) system. Image versions are read without
 * mounting the images ({@code debugfs -R cat} for ext2, {@code unsquashfs -cat} for squashfs), from
 * /etc/os-release or, when that is a link or missing, /usr/lib/os-release. Free space: statvfs of
 * the mount online, the superblock ({@code dumpe2fs -h}) offline.
 */
public final class StatusReader {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReader.class);
    private static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");

    private final CommandRunner runner;
    private final FreeSpace freeSpace;

    public StatusReader(CommandRunner runner, FreeSpace freeSpace) {
        this.runner = runner;
        this.freeSpace = freeSpace;
    }

    public SystemStatus read(OpenedSystem system) {
        InstallState state = system.state();
        List<SystemStatus.Image> images = new ArrayList<>();
        images.add(image(Slot.ACTIVE, system.stateImages().resolve("active.img"), "COS_STATE:/cOS/active.img", state.active()));
        images.add(image(Slot.PASSIVE, system.stateImages().resolve("passive.img"), "COS_STATE:/cOS/passive.img", state.passive()));
        String recoveryName = Files.isRegularFile(system.recoveryImages().resolve("recovery.squashfs")) ? "recovery.squashfs"
                : Files.isRegularFile(system.recoveryImages().resolve("recovery.img")) ? "recovery.img"
                : state.recovery().fs().equals("ext2") ? "recovery.img" : "recovery.squashfs";
        images.add(image(Slot.RECOVERY, system.recoveryImages().resolve(recoveryName), "COS_RECOVERY:/cOS/" + recoveryName,
                state.recovery()));
        Map<String, Long> free = new LinkedHashMap<>();
        free.put(state.stateLabel(), free(system, PartitionRole.STATE));
        free.put(state.recoveryLabel(), free(system, PartitionRole.RECOVERY));
        long nextUpgrade = images.get(0).imageBytes();
        Map<String, String> grubenv = grubenv(system.mount(PartitionRole.OEM).resolve("grubenv"));
        String booted = system.booted().map(Slot::cliName).orElse("offline");
        ImageIdentities ids = ImageIdentities.read(system, runner, grubenv);
        Optional<Restart> restart = Restart.detect(images, ids, system.online() ? ids.running() : ids.lastGood(), grubenv);
        List<String> notes = new ArrayList<>(BootAssessment.notes(system.booted(), images.get(0).present(), grubenv));
        restart.ifPresent(r -> notes.add(r.sentence()));
        return new SystemStatus(booted, state.date().toString(), images, free, nextUpgrade,
                free.get(state.stateLabel()) >= nextUpgrade, grubenv, notes,
                Fallback.detect(system.booted(), images, grubenv), Rehearsal.read(grubenv),
                history(system), BootAssessment.skippedSlots(grubenv), restart);
    }

    private SystemStatus.Image image(Slot slot, Path file, String name, ImageRecord record) {
        boolean present = Files.isRegularFile(file);
        Optional<OsRelease> release = present ? osRelease(file, record.fs().equals("squashfs")) : Optional.empty();
        long bytes = 0;
        try {
            bytes = present ? Files.size(file) : 0;
        } catch (IOException e) {
            LOG.warn("cannot read the size of {}: {}", file, e.getMessage());
        }
        return new SystemStatus.Image(slot.cliName(), name, present, release.flatMap(OsRelease::versionId),
                release.flatMap(OsRelease::prettyName), record.source(), record.digest(), record.sizeBytes(), record.fs(), bytes,
                record.tag());
    }

    /** The image's os-release, read with the image's own tool; empty when neither file holds assignments. */
    Optional<OsRelease> osRelease(Path image, boolean squashfs) {
        for (String path : OS_RELEASE) {
            Command command = squashfs ? Command.of("unsquashfs", "-cat", image.toString(), path)
                    : Command.of("debugfs", "-R", "cat " + path, image.toString());
            CommandResult result = runner.execute(command);
            // A symlink prints its target's bytes or nothing: only a text with assignments counts.
            if (result.succeeded() && result.stdout().lines().anyMatch(line -> line.matches("\\s*[A-Z_]+=.*"))) {
                return Optional.of(OsReleaseParser.parse(result.stdout()));
            }
        }
        return Optional.empty();
    }

    private long free(OpenedSystem system, PartitionRole role) {
        if (system.online()) {
            return freeSpace.usable(system.mount(role)).bytes();
        }
        CommandResult result = runner.execute(Command.of("dumpe2fs", "-h", system.device(role)));
        try {
            Dumpe2fsHeader header = Dumpe2fsHeader.parse(result.stdout());
            return header.freeBlocks() * header.blockSizeBytes();
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot read free space of {}: {}", system.device(role), e.getMessage());
            return 0;
        }
    }

    /** The history; an unreadable file is logged and reported as empty: status never fails on it. */
    private static List<HistoryEvent> history(OpenedSystem system) {
        try {
            return HistoryLog.read(system.mount(PartitionRole.STATE));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the history: {}", e.getMessage());
            return List.of();
        }
    }

    static Map<String, String> grubenv(Path file) {
        try {
            return GrubEnvBlock.parse(Files.readAllBytes(file));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return Map.of();
        }
    }
}
