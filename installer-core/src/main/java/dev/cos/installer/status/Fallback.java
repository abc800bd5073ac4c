package dev.cos.installer.status;

import dev.cos.installer.model.Slot;
import java.util.Map;
import java.util.Optional;

/**
 * An automatic fallback: the system runs passive although active.img exists and nobody chose
 * passive (saved_entry is not {@code fallback}, and no rollback rehearsal may be running). The
 * booted system clears the attempt counters, so this is all the evidence left after a fallback.
 * A fallback to recovery cannot be told from a chosen one-shot recovery boot and is not reported.
 * Pure.
 *
 * @param failed the image that failed to boot (active)
 * @param running the image running now (passive)
 */
public record Fallback(SystemStatus.Image failed, SystemStatus.Image running) {

    public static Optional<Fallback> detect(Optional<Slot> booted, SystemStatus.Image active, SystemStatus.Image passive,
                                            Map<String, String> grubenv) {
        if (booted.equals(Optional.of(Slot.PASSIVE)) && active.present()
                && !"fallback".equals(grubenv.get("saved_entry")) && !Rehearsal.mayBeRunning(grubenv)) {
            return Optional.of(new Fallback(active, passive));
        }
        return Optional.empty();
    }
}
