package dev.cos.installer.status;

import dev.cos.installer.model.Slot;
import dev.cos.installer.installed.ImageIdentities;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A restart is needed: active.img is not the image that runs, and it is what GRUB boots next
 * (issue 13). Told from the disk, not from a memory of what was done: online the running root's
 * filesystem UUID against active.img's; offline the boot record (the UUID the last system that came
 * up wrote, {@link ImageIdentities#GOOD_UUID}) instead of the running root. Pure.
 *
 * @param installed active.img, which the next boot starts
 * @param running the image that runs (online) or last came up (offline), when it is still on disk
 */
public record Restart(SystemStatus.Image installed, Optional<SystemStatus.Image> running) {

    /** "restart needed: 2.0 installed, 1.0 running". */
    public String sentence() {
        return "restart needed: " + version(installed) + " installed, " + running.map(Restart::version)
                .orElse("an image no longer on disk") + " running";
    }

    private static String version(SystemStatus.Image image) {
        return image.version().orElse("unknown version");
    }

    /**
     * @param images active, passive and recovery, in that order
     * @param runningId the UUID of what runs: online the root filesystem's, offline the boot record's
     * @param grubenv the variables of COS_OEM:/grubenv
     */
    public static Optional<Restart> detect(List<SystemStatus.Image> images, ImageIdentities ids, Optional<String> runningId,
                                           Map<String, String> grubenv) {
        SystemStatus.Image active = images.get(0);
        if (runningId.isEmpty() || !active.present() || ids.active().isEmpty() || ids.active().equals(runningId)
                || !nextBootIsActive(grubenv)) {
            return Optional.empty();
        }
        Optional<SystemStatus.Image> running = ids.slotOf(runningId.get())
                .map(slot -> slot == Slot.ACTIVE ? active : images.get(1));
        return Optional.of(new Restart(active, running));
    }

    /** What GRUB boots on a normal start: active, unless it is marked failed or saved_entry prefers another slot. */
    private static boolean nextBootIsActive(Map<String, String> grubenv) {
        String saved = grubenv.getOrDefault("saved_entry", "");
        return !"yes".equals(grubenv.get(Slot.ACTIVE.failedMark()))
                && !saved.equals(Slot.PASSIVE.menuEntry()) && !saved.equals(Slot.RECOVERY.menuEntry());
    }
}
