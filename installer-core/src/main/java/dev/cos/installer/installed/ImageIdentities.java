package dev.cos.installer.installed;

import dev.cos.installer.disk.FilesystemProbe;
import dev.cos.installer.model.Slot;
import dev.cos.installer.process.Command;
import dev.cos.installer.process.CommandResult;
import dev.cos.installer.process.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which filesystem active.img and passive.img hold, and which one is known to boot (issue 13: passive
 * is always the last image known to boot). An image is told by its ext2 UUID: {@code mkfs} makes a
 * new one, a rename (upgrade, rollback) or a relabel keeps it, and only a copy of an image (the
 * install's and reset's passive) shares it. Evidence that an image booted: it is the running root
 * (online), or the booted system recorded its UUID in COS_OEM:/grubenv as {@value #GOOD_UUID} once
 * it was up (docs/boot.md).
 *
 * @param active active.img's UUID; empty when the file is missing or blkid finds none
 * @param passive passive.img's UUID, likewise
 * @param running online: the UUID of the filesystem mounted as /; offline empty
 * @param lastGood the {@value #GOOD_UUID} the last system that came up recorded, when any
 */
public record ImageIdentities(Optional<String> active, Optional<String> passive, Optional<String> running,
                              Optional<String> lastGood) {

    /** COS_OEM:/grubenv variable: the UUID of the image the last successful boot came up from. */
    public static final String GOOD_UUID = "cos_good_uuid";

    /**
     * Reads the UUIDs with {@code blkid -p} (of the image files, and online of the root device).
     *
     * @param grubenv the variables of COS_OEM:/grubenv
     */
    public static ImageIdentities read(OpenedSystem system, CommandRunner runner, Map<String, String> grubenv) {
        return new ImageIdentities(uuidOf(runner, system.stateImages().resolve(Slot.ACTIVE.stateImageName())),
                uuidOf(runner, system.stateImages().resolve(Slot.PASSIVE.stateImageName())),
                system.online() ? system.rootDevice().flatMap(device -> uuid(runner, device)) : Optional.empty(),
                Optional.ofNullable(grubenv.get(GOOD_UUID)).map(u -> u.strip().toLowerCase(Locale.ROOT))
                        .filter(u -> !u.isEmpty()));
    }

    private static Optional<String> uuidOf(CommandRunner runner, Path image) {
        return Files.isRegularFile(image) ? uuid(runner, image.toString()) : Optional.empty();
    }

    private static Optional<String> uuid(CommandRunner runner, String file) {
        CommandResult result = runner.execute(Command.of("blkid", "-p", "-o", "export", file));
        return result.succeeded() ? FilesystemProbe.uuid(result.stdout()) : Optional.empty();
    }

    /** Whether active.img is known to have booted: it is the running root, or the last system that came up. */
    public boolean activeHasBooted() {
        return active.isPresent() && (active.equals(running) || active.equals(lastGood));
    }

    /**
     * Whether an upgrade may move active.img over passive.img without losing the last image known to
     * boot: active has booted, or passive is a copy of active (the pair an install or reset writes),
     * or there is no passive.img.
     */
    public boolean activeMayReplacePassive(boolean passivePresent) {
        return activeHasBooted() || !passivePresent || (active.isPresent() && active.equals(passive));
    }

    /** Which image file holds this UUID: active, passive, or neither. */
    public Optional<Slot> slotOf(String uuid) {
        if (active.isPresent() && active.get().equals(uuid)) {
            return Optional.of(Slot.ACTIVE);
        }
        if (passive.isPresent() && passive.get().equals(uuid)) {
            return Optional.of(Slot.PASSIVE);
        }
        return Optional.empty();
    }
}
