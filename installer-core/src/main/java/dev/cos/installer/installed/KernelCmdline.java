package dev.cos.installer.installed;

import dev.cos.installer.model.Slot;
import java.util.Optional;

/** Which slot the running system booted, from its kernel command line (spec section 4). Pure. */
public final class KernelCmdline {

    static final String IMAGE_PARAMETER = "cos-img/filename=";

    private KernelCmdline() {
    }

    /**
     * The slot named by {@code cos-img/filename=/cOS/<image>} (the last one wins, as for the kernel):
     * active.img, passive.img, or recovery.squashfs / recovery.img; empty when there is none or it
     * names another file.
     */
    public static Optional<Slot> bootedSlot(String cmdline) {
        String image = null;
        for (String word : cmdline.strip().split("\\s+")) {
            if (word.startsWith(IMAGE_PARAMETER)) {
                image = word.substring(IMAGE_PARAMETER.length());
            }
        }
        if (image == null) {
            return Optional.empty();
        }
        String name = image.substring(image.lastIndexOf('/') + 1);
        return switch (name) {
            case "active.img" -> Optional.of(Slot.ACTIVE);
            case "passive.img" -> Optional.of(Slot.PASSIVE);
            case "recovery.squashfs", "recovery.img" -> Optional.of(Slot.RECOVERY);
            default -> Optional.empty();
        };
    }
}
