package dev.cos.installer.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code status} reports about an installed system.
 *
 * @param booted "active", "passive", "recovery", or "offline"
 * @param date state.yaml's date (RFC 3339)
 * @param freeBytes free bytes by partition label (COS_STATE, COS_RECOVERY)
 * @param nextUpgradeBytes what an upgrade of the current system size needs on COS_STATE (its transition image)
 * @param grubenv the variables in COS_OEM:/grubenv
 * @param bootNotes sentences on the boot assessment ("last boot fell back from active", ...)
 * @param fallback an automatic fallback to passive, when the system runs one (never written by status)
 * @param rehearsal the last rollback rehearsal and its result
 * @param history COS_STATE:/history.jsonl, oldest first
 * @param skippedSlots the slots GRUB marked failed and skips (active, passive) until an upgrade, a rollback
 *     or a bootentry choice
 * @param restart active.img is not what runs and the next boot starts it
 */
public record SystemStatus(String booted, String date, List<Image> images, Map<String, Long> freeBytes,
                           long nextUpgradeBytes, boolean nextUpgradeFits, Map<String, String> grubenv,
                           List<String> bootNotes, Optional<Fallback> fallback, Optional<Rehearsal> rehearsal,
                           List<dev.cos.installer.history.HistoryEvent> history, List<String> skippedSlots,
                           Optional<Restart> restart) {

    public SystemStatus {
        images = List.copyOf(images);
        freeBytes = Map.copyOf(freeBytes);
        grubenv = Map.copyOf(grubenv);
        bootNotes = List.copyOf(bootNotes);
        history = List.copyOf(history);
        skippedSlots = List.copyOf(skippedSlots);
    }

    /**
     * One image.
     *
     * @param slot active, passive or recovery
     * @param file e.g. COS_STATE:/cOS/active.img
     * @param present whether the file exists
     * @param version VERSION_ID from the image's os-release
     * @param imageBytes the file's apparent size (0 when absent)
     */
    /** @param tag a container image's tag, the name its digest was resolved from (state.yaml's source-metadata.tag) */
    public record Image(String slot, String file, boolean present, Optional<String> version, Optional<String> prettyName,
                        String source, String digest, long sourceBytes, String fs, long imageBytes, Optional<String> tag) {

        /** An image whose source has no tag. */
        public Image(String slot, String file, boolean present, Optional<String> version, Optional<String> prettyName,
                     String source, String digest, long sourceBytes, String fs, long imageBytes) {
            this(slot, file, present, version, prettyName, source, digest, sourceBytes, fs, imageBytes, Optional.empty());
        }
    }
}
