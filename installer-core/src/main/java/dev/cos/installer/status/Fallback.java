package dev.cos.installer.status;

import dev.cos.installer.model.Slot;
import dev.cos.installer.words.Phrase;
import dev.cos.installer.words.Words;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An automatic fallback, told from the evidence the booted system leaves (it clears the attempt
 * counters once up, docs/boot.md):
 * <ul>
 *   <li>to passive: the system runs passive although active.img exists and nobody chose passive
 *       ({@code saved_entry} is not {@code fallback}, and no rollback rehearsal may be running);</li>
 *   <li>to recovery: the system runs recovery and GRUB recorded {@code cos_recovery_reason=fallback}
 *       when it booted it, i.e. active and passive had no tries left or no readable image (a recovery
 *       boot chosen with next_entry, saved_entry or the menu is recorded as {@code chosen}).</li>
 * </ul>
 * Pure.
 *
 * @param failed the images that failed to boot, in the order GRUB tried them (active; or active, passive)
 * @param running the image running now (passive or recovery)
 */
public record Fallback(List<SystemStatus.Image> failed, SystemStatus.Image running) {

    /** COS_OEM:/grubenv variable GRUB sets when it boots recovery: {@code chosen} or {@code fallback}. */
    public static final String RECOVERY_REASON = "cos_recovery_reason";

    public Fallback {
        failed = List.copyOf(failed);
        if (failed.isEmpty()) {
            throw new IllegalArgumentException("a fallback names at least one failed image");
        }
    }

    /** The slot running now: passive or recovery. */
    public String to() {
        return running.slot();
    }

    /** The first image that failed (active). */
    public SystemStatus.Image firstFailed() {
        return failed.get(0);
    }

    /** "active (2.0) failed to boot: the system fell back to passive (1.0)", or with "active (..) and passive (..)". */
    public String sentence() {
        return phrase().english();
    }

    /** {@link #sentence()} as code + arguments, for a client to translate. */
    public Phrase phrase() {
        return Words.FINDING_BOOT_FALLBACK.with(String.join(" and ", failed.stream().map(Fallback::named).toList()),
                named(running));
    }

    private static String named(SystemStatus.Image image) {
        return image.slot() + " (" + image.version().orElse(image.present() ? "unknown version" : "missing") + ")";
    }

    /**
     * @param images active, passive and recovery, in that order
     * @param grubenv the variables of COS_OEM:/grubenv
     */
    public static Optional<Fallback> detect(Optional<Slot> booted, List<SystemStatus.Image> images,
                                            Map<String, String> grubenv) {
        SystemStatus.Image active = images.get(0);
        SystemStatus.Image passive = images.get(1);
        if (booted.equals(Optional.of(Slot.PASSIVE)) && active.present()
                && !"fallback".equals(grubenv.get("saved_entry")) && !Rehearsal.mayBeRunning(grubenv)) {
            return Optional.of(new Fallback(List.of(active), passive));
        }
        if (booted.equals(Optional.of(Slot.RECOVERY)) && "fallback".equals(grubenv.get(RECOVERY_REASON))) {
            return Optional.of(new Fallback(List.of(active, passive), images.get(2)));
        }
        return Optional.empty();
    }
}
